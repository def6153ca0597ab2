"""Is a rule match negated? ("no problems with burglary here, but speeding...")

A NegEx-style check kept deliberately narrow: residents write "nobody does anything
about the speeding" or "not enough done about drugs" and mean the opposite of a
negation, so a cue only negates a match when nothing but light filler words
("any", "problems", "with", "been") stands between them, inside one clause.
"""

from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc

NEGATION_CUES = frozenset(
    "no not n't nt never without none zero nor neither hardly nothing barely dont didnt "
    "havent hasnt isnt arent wasnt werent aint".split()
)
# "Nothing to do with repeat offenders": disowns a topic even where absence is the topic.
DISOWNING_CUES = frozenset({"nothing"})
# Words that may sit between a cue and the term without breaking the negation.
FILLERS = frozenset(
    "a an any the much many real really major big serious problem problems issue issues "
    "trouble troubles concern concerns worry worries bother with of about from by to for "
    "been be had have has got get seen see noticed experienced witnessed heard reported "
    "suffered ever personally at all here there round around in our my this area street "
    "road village as far know i we is are was were do does did it single case cases "
    "incident incidents sign signs evidence way".split()
)
# "no one does anything about X" and friends: the cue is not about X at all.
PSEUDO_AFTER = frozenset(
    "one body - doubt wonder end shortage longer matter sooner only just enough sure idea "
    "point way surprise less more".split()
)
# A clause boundary stops the negation from reaching further.
BOUNDARIES = frozenset(
    [*".!?;:,", "\n", "-", "\u2013", "\u2014"]
    + "but however although though yet except whereas while apart instead and or".split()
)
PROBLEM_WORDS = frozenset(
    "problem issue concern worry bother bad happen happens happened occur occurs occurred priority".split()
)
# "Burglary is fine round here", "speeding has got better": the topic is dismissed without a
# negation word. Not for service labels: "the PCSOs are fine" is still about the PCSOs.
DISMISSALS = frozenset("fine quiet rare ok okay better improved sorted unheard".split())
# May stand between a dismissed topic and the dismissal: "has got a lot better".
DISMISSAL_FILLERS = frozenset("'s gone got get getting lot lots much far way loads touch wood".split())

MAX_FILLERS = 5
POST_WINDOW = 6


class Words:
    """Lower-case words and lemmas of a doc, looked up only where negation looks.

    Indexing a Doc builds a Python Token each time, which made negation the slowest part
    of batch tagging; this reads the ids once with ``to_array`` instead.
    """

    __slots__ = ("_ids", "_lemmas", "_spaces", "_strings", "_starts", "_ends")

    def __init__(self, doc: Doc) -> None:
        ids = doc.to_array([LOWER, LEMMA, IS_SPACE, IDX, LENGTH])
        self._ids, self._lemmas, self._spaces = ids[:, 0], ids[:, 1], ids[:, 2]
        self._starts, self._ends = ids[:, 3].tolist(), (ids[:, 3] + ids[:, 4]).tolist()
        self._strings = doc.vocab.strings

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``start`` to ``end`` (exclusive)."""
        return self._starts[start], self._ends[end - 1]

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i: int) -> str:
        if self._spaces[i]:
            return "\n"
        return self._strings[int(self._ids[i])].replace("\u2019", "'")

    def lemma(self, i: int) -> str:
        lemma = int(self._lemmas[i])
        return self._strings[lemma] if lemma else ""


def is_negated(doc: Doc | Words, start: int, end: int, *, absence_is_topic: bool = False) -> bool:
    """True when the tokens ``doc[start:end]`` are negated by a cue before or after them.

    ``absence_is_topic`` is for labels where "no youth club" or "never see police" *is* the
    concern: only "X isn't the problem" and "nothing to do with X" negate those.
    """
    words = doc if isinstance(doc, Words) else Words(doc)
    if absence_is_topic:
        return _negated_after(words, end) or _negated_before(words, start, cues=DISOWNING_CUES)
    return _negated_before(words, start) or _negated_after(words, end) or _dismissed_after(words, end)


def _is_cue(words: Words, i: int) -> bool:
    word = words[i]
    if word not in NEGATION_CUES and word not in DISOWNING_CUES:
        return False
    follower = words[i + 1] if i + 1 < len(words) else ""
    return follower not in PSEUDO_AFTER


def _negated_before(words: Words, start: int, cues: frozenset[str] = NEGATION_CUES) -> bool:
    """Cue, then at most a few filler words, then the match: "never had any burglaries"."""
    skipped = 0
    for i in range(start - 1, -1, -1):
        word = words[i]
        if word in cues and _is_cue(words, i):
            return True
        if word in BOUNDARIES or word not in FILLERS or skipped >= MAX_FILLERS:
            return False
        skipped += 1
    return False


def _negated_after(words: Words, end: int) -> bool:
    """Match, then a cue and a problem word in the same clause: "burglary isn't an issue"."""
    cue_seen = False
    for i in range(end, min(len(words), end + POST_WINDOW)):
        word = words[i]
        if _is_cue(words, i):
            cue_seen = True
        elif cue_seen and (word in PROBLEM_WORDS or words.lemma(i) in PROBLEM_WORDS):
            return True
        elif word == "-" and not cue_seen:
            continue
        elif word in BOUNDARIES or word not in FILLERS:
            return False
    return False


def _dismissed_after(words: Words, end: int) -> bool:
    """Match, then a dismissal in the same clause with no cue: "burglary's fine round here"."""
    for i in range(end, min(len(words), end + POST_WINDOW)):
        word = words[i]
        if word in DISMISSALS:
            return True
        if _is_cue(words, i) or word in BOUNDARIES or (word not in FILLERS and word not in DISMISSAL_FILLERS):
            return False
    return False


def continues_negation(words: Words, previous_end: int, start: int) -> bool:
    """ "never had burglary or car crime": a match joined to a negated one by "or" is negated."""
    between = [words[i] for i in range(previous_end, start)]
    return bool({"or", "nor"} & set(between)) and all(w in FILLERS or w in {"or", "nor", "even"} for w in between)
