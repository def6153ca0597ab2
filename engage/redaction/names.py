"""Finding people's names in residents' free text.

A name is found in three ways, from most to least sure:
- after a strong cue: a title ("Mrs Khan", "pc davies"), a sign-off ("Regards, Jane Doe"),
  an introduction ("my name is", "my neighbour") -- any capitalised word that is not a
  place or an ordinary word, or a listed name in lower case;
- after a weaker cue ("contact Dave Wilson", "I'm Priya", "the coach Lennox") -- a
  listed name; a listed forename doing what people do ("Will said", "Grace, my sister");
- with no cue: a capitalised listed forename that is not also an everyday word ("Sarah
  Jones at the council"), an everyday-word forename only when a listed surname follows
  ("Mark Evans", not "Mark my words"), or a lower-case forename and surname that are
  both rare as words ("sarah jones").
Places, organisations and words before "Road", "Centre", "Forest"... are never names."""

import re
from collections.abc import Iterator

from engage.redaction.cues import PERSON, SELF, STRONG, WEAK, cue_levels
from engage.redaction.cues import RELATIONS as _RELATIONS
from engage.redaction.lexicon import NOT_NAMES, PLACE_SUFFIXES, Lexicon, lexicon

TOKEN = re.compile(r"(?<![\w'’])[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_UPPER, _LOWER = re.compile(r"[A-Z]"), re.compile(r"[a-z]")

_ADJECTIVE = ("ed", "ing", "ful", "ous", "ive", "ly", "ish", "able", "ible", "al", "ic")
_SPEECH = frozenset("said says told asked rang phoned texted called shouted reckons thinks".split())
_NOT_PERSON_BEFORE = frozenset("dog cat puppy kitten pony horse pup dogs cats st saint".split())
_FAMILY = frozenset("family household brothers sisters twins lot clan".split())
# Forenames that are months: a name only with a surname ("May Harrison", not "4th June").
_MONTHS = frozenset("april may june july august".split())
# Surnames that also end place names: "Emma Wood" is a person, "Victoria Park" is not.
_SURNAME_SUFFIXES = frozenset("wood hill green lane church hall ward house chapel forest".split())
# Rarer in lower case than this and a listed name is taken for a name without a cue.
RARE = -13.0
# Listed forenames this common ("will", "may", "hope") are never names on a verb's word alone.
VERY_COMMON = -9.0
# A listed surname that follows an everyday-word forename ("Mark Evans").
RARE_SURNAME = -11.5


class _Tok:
    __slots__ = ("start", "end", "raw", "key", "low", "gap", "cap", "joined")

    def __init__(self, m: re.Match, caseless: bool, gap: str):
        self.start, self.end, self.raw = m.start(), m.end(), m.group()
        # Same name as the word before: one space apart, or after an initial ("J. Smith").
        self.joined = gap in (" ", ". ", ".")
        self.gap, self.low = gap, self.raw.lower().replace("’", "'")
        bare = _POSSESSIVE.sub("", self.low)
        self.end -= len(self.low) - len(bare)
        self.key = bare.split("-")[0]  # "Jasmine-Rose", "Smith-Jones": the first part
        self.cap = self.raw[0].isupper() and not caseless


def find_names(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of words taken for a person's name."""
    lex = lexicon()
    upper = len(_UPPER.findall(text))
    caseless = upper > 12 and upper > 2.5 * len(_LOWER.findall(text))
    lower_writer = upper == 0
    toks, prev_end = [], 0
    for m in TOKEN.finditer(text):
        toks.append(_Tok(m, caseless, text[prev_end : m.start()]))
        prev_end = m.end()
    if not toks:
        return
    blocked = _place_tokens(toks, lex)
    cue = cue_levels([t.low for t in toks], [t.gap for t in toks])
    i = 0
    while i < len(toks):
        end = _name_at(toks, i, cue[i], blocked, lex, lower_writer)
        if end > i:
            yield toks[i].start, toks[end - 1].end
            i = end
        else:
            i += 1


def _name_at(toks, i, level, blocked, lex: Lexicon, lower_writer: bool) -> int:
    """Index past the name starting at token i, or i when none starts there.

    `lower_writer`: the text has no capitals at all, so a rare forename needs none."""
    t = toks[i]
    initial = level == STRONG and len(t.raw) == 1 and t.raw not in ("I", "i", "a") and _initial_of(toks, i)
    if blocked[i] or t.key in NOT_NAMES and not initial or i and toks[i - 1].key in _NOT_PERSON_BEFORE:
        return i
    if i and blocked[i - 1] and toks[i - 1].cap and t.start - toks[i - 1].end < 2:
        return i  # "Rufford Abbey": a word joined to a place is part of it
    if (t.cap or lower_writer) and t.key in lex.forenames and _speaks(toks, i, lex, lower_writer):
        level = STRONG
    if t.cap and _family(toks, i, lex):
        return i + 1
    if level == STRONG:
        if t.cap or initial or _listed(t.key, lex) and lex.prob(t.key) < -11.0:
            return _extend(toks, i, blocked, lex, strong=True)
        return i
    if level == SELF:
        if t.cap and not t.key.endswith(_ADJECTIVE) or _first_ok(t, lex):
            return _extend(toks, i, blocked, lex, strong=True)
        return i
    if level == PERSON and t.key in lex.forenames and lex.prob(t.key) < VERY_COMMON:
        return _extend(toks, i, blocked, lex, strong=True)
    rare = lex.prob(t.key) < RARE_SURNAME
    if level >= WEAK and (t.cap and _listed(t.key, lex) and rare or _first_ok(t, lex)):
        return _extend(toks, i, blocked, lex, strong=True)
    if _first_ok(t, lex):
        end = _extend(toks, i, blocked, lex, strong=lower_writer)
        if t.cap or end > i + 1 or lower_writer:
            return end
        return i
    if t.cap and t.key in lex.forenames and _rare_surname_at(toks, i + 1, blocked, lex):
        return _extend(toks, i, blocked, lex, strong=False)
    return i


def _speaks(toks, i, lex: Lexicon, lower_writer: bool) -> bool:
    """ "Will said", "Mark Twain said", "Grace and I", "Bob and Carol", "Grace, my sister":
    a forename doing what people do."""
    nxt = toks[i + 1 : i + 3]
    if not nxt or nxt[0].raw in _SPEECH:
        return bool(nxt)
    if nxt[0].cap and nxt[0].gap == " " and len(nxt) > 1 and nxt[1].raw in _SPEECH:
        return True
    if nxt[0].low in ("my", "our") and nxt[0].gap.strip() in (",", "(", "-"):
        return len(nxt) > 1 and nxt[1].key in _RELATIONS
    if nxt[0].raw != "and" or len(nxt) < 2:
        return False
    return nxt[1].raw in ("I", "me") or (nxt[1].cap or lower_writer) and _first_ok(nxt[1], lex)


def _family(toks, i, lex: Lexicon) -> bool:
    """ "the Kennedy family": a surname before a word for the people who share it."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return bool(nxt and nxt.low in _FAMILY and nxt.joined and _rare_surname(toks[i], lex))


def _rare_surname(t, lex: Lexicon) -> bool:
    return t.key in lex.surnames and lex.prob(t.key) < RARE_SURNAME


def _initial_of(toks, i) -> bool:
    """ "A. Rahman", "D Greaves", "s. patel": a letter before a name."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if not (nxt and nxt.joined):
        return False
    return nxt.cap and toks[i].raw.isupper() or nxt.gap == ". " and lexicon().prob(nxt.key) < RARE


def _first_ok(t: _Tok, lex: Lexicon) -> bool:
    """A listed forename rare enough as a word to be a name on its own (with a capital)."""
    return t.key in lex.forenames and lex.prob(t.key) < RARE and t.key not in _MONTHS


def _extend(toks, i, blocked, lex: Lexicon, strong: bool) -> int:
    """Take up to three name words from i; none if a place word follows them."""
    end = i + 1
    while end < len(toks) and end - i < 3 and _next_part(toks, end, blocked, lex, strong):
        end += 1
    nxt = toks[end] if end < len(toks) else None
    if nxt and nxt.key in PLACE_SUFFIXES and nxt.gap == " " and toks[end - 1].key == toks[end - 1].low:
        # "Emma Wood" is a person, "Victoria Centre" and "Grace Road" are places
        # ("Siobhan's shop" is neither).
        if end == i + 1 and toks[end].key in _SURNAME_SUFFIXES and _first_ok(toks[i], lex):
            return end + 1
        return i
    if not toks[i].cap and end == i + 1 and not strong:
        return i
    return end


def _next_part(toks, j, blocked, lex: Lexicon, strong: bool) -> bool:
    t, prev = toks[j], toks[j - 1]
    if blocked[j] or t.key in NOT_NAMES or not t.joined:
        return False
    if t.start - prev.end > 1 and not (len(prev.raw) == 1 and prev.raw.isupper()):
        return False
    if t.cap:
        return t.key not in PLACE_SUFFIXES
    rare = -11.0 if strong else RARE
    return t.key in lex.surnames and lex.prob(t.key) < rare and not prev.cap


def _rare_surname_at(toks, j, blocked, lex: Lexicon) -> bool:
    if j >= len(toks) or blocked[j] or not toks[j].cap:
        return False
    return toks[j].key in lex.surnames and lex.prob(toks[j].key) < RARE_SURNAME


def _listed(key: str, lex: Lexicon) -> bool:
    return key in lex.forenames or key in lex.surnames


def _place_tokens(toks: list[_Tok], lex: Lexicon) -> list[bool]:
    """Which tokens are part of a place name (single words and phrases)."""
    blocked = [t.key in lex.places for t in toks]
    for i, t in enumerate(toks):
        if t.key not in lex.place_starts and t.low not in lex.place_starts:
            continue
        for n in range(2, min(4, len(toks) - i) + 1):
            if tuple(x.low for x in toks[i : i + n]) in lex.place_phrases or (
                tuple(x.key for x in toks[i : i + n]) in lex.place_phrases
            ):
                blocked[i : i + n] = [True] * n
    return blocked
