# ruff: noqa: E501  (the rules table reads best one rule per line)
"""Safeguarding detector: does a text disclose current risk or harm to the writer or
someone else (abuse happening now, a child at risk, threats, exploitation, self-harm or
suicidal intent)?

Rules are regular expressions over a line of lower-case lookup lemmas per sentence
("he hits me" and "he hit me" both read "he hit me"), then four context checks on each
match, all deliberately narrow because missing a real disclosure is worse than a false
flag: a negation cue just before it in the same clause ("nobody has ever hit me"), a
hypothetical ("if he ever hit me"), a general statement with nobody in particular in it
("kids are being groomed all over the country"), and history that is over ("when I was
19 my boyfriend hit me ... thirty years ago"). Importable without Flask.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

VERSION = "safeguarding-rules-1"
TEST_SET = Path(__file__).with_name("data") / "safeguarding_test.jsonl"
CATEGORIES = ("abuse", "child_at_risk", "exploitation", "threats", "self_harm", "danger")

# -- vocabulary (lemmas) ----------------------------------------------------------------
KIN = (
    r"(?:mum|mam|mom|mother|dad|father|son|daughter|child|kid|baby|sister|brother|wife|"
    r"husband|partner|girlfriend|boyfriend|friend|mate|nan|nana|gran|grandma|grandad|"
    r"neighbour|nephew|niece|family|stepdad|stepmum|girl|boy|lad|cousin|aunt|auntie|uncle|"
    r"\d+ year old)"
)
FAM = rf"(?:(?:my|our|me) (?:\w+ ){{0,2}}?{KIN})"
TARGET = rf"(?:(?:\w+ and )?(?:me|us|myself|her|him|them|mum|mam|dad|{FAM}))"
HARM = (
    r"(?:hit|beat|punch|kick|slap|strangle|choke|throttle|hurt|push|shove|batter|attack|"
    r"stab|bite|rape|abuse|assault|touch|grab|drag|smack|thump|headbutt|pin)"
)
PASSIVE = (
    r"(?:rape|abuse|assault|beat|attack|strangle|groom|exploit|traffic|threaten|"
    r"blackmail|stalk|harass|hurt|touch|bully|follow|keep in|lock in)"
)
WILL = r"(?:will|would|go to|gon na|threaten to)"

# (category, pattern over lemmas, negatable, needs a first-person or named person)
RULES: list[tuple[str, str, bool, bool]] = [
    ("abuse", rf"\b{HARM} {TARGET}\b", True, False),
    # "is being abused", "was sexually exploited"; not "is our beat officer".
    (
        "abuse",
        rf"\b(?:be|get) (?:(?!(?:my|our|your|his|her|their|the|a|an)\b)\w+ )?{PASSIVE}\b",
        True,
        True,
    ),
    ("abuse", r"\bnot let (?:me|us|her|him) \w+", False, False),
    ("abuse", r"\bnot allow (?:out|to)\b", False, False),
    (
        "abuse",
        r"\b(?:control|take|keep) (?:all )?(?:of )?(?:the|my|our|her|his|their) (?:own )?"
        r"(?:money|wage|pay|benefit|pension|bank card|card|passport|document|id|phone)\b",
        True,
        False,
    ),
    (
        "abuse",
        r"\b(?:check|read|go through) (?:all )?(?:of )?my (?:phone|message|text)",
        True,
        False,
    ),
    (
        "abuse",
        r"\bgive (?:him|her|them) (?:all )?(?:my|her|his|our) (?:money|pension|wage|benefit)",
        True,
        False,
    ),
    (
        "abuse",
        r"\bforce (?:me|her|him|us) to\b|\bmake (?:me|her|him) (?:have sex|sleep with)\b",
        True,
        False,
    ),
    (
        "abuse",
        r"\bbreak (?:her|his|my) (?:arm|nose|rib|jaw|leg|wrist)|\bbruise on (?:her|his|my|me)\b",
        True,
        False,
    ),
    (
        "abuse",
        r"\bget violent\b|\bsmash (?:the place|thing|everything)\b|\bthrow (?:\w+ ){0,2}at (?:me|her|him|us)\b",
        True,
        False,
    ),
    (
        "abuse",
        r"\block (?:me|us|her|him|them) in\b|\bmake (?:me|us|her|him|them) work\b",
        True,
        False,
    ),
    (
        "danger",
        r"\b(?:watch|follow) (?:me|us)\b|\bplease help (?:me|us)\b|\bhelp me please\b",
        True,
        False,
    ),
    (
        "abuse",
        r"\b(?:hand|hands) (?:round|around) (?:my|her|his) (?:neck|throat)\b|\bbreak the door down\b",
        True,
        False,
    ),
    (
        "danger",
        r"\b(?:scare|afraid|frighten|terrify) of (?:him|her|them|he|she|my \w+)\b",
        True,
        False,
    ),
    (
        "danger",
        r"\b(?:scare|afraid|frighten|terrify) (?:to|for) (?:go home|leave|my (?:life|kid|child|safety))",
        True,
        False,
    ),
    (
        "danger",
        r"\bnot (?:feel )?safe (?:at home|in (?:my|our) (?:own|house|home|flat))",
        False,
        False,
    ),
    ("danger", r"\blive in fear\b|\bfear for (?:my|our|her|his) (?:life|safety)\b", True, False),
    ("danger", r"\b(?:i|we|she|he|they) (?:be|feel) (?:\w+ )?in danger\b", True, False),
    (
        "danger",
        r"\boutside (?:my|our) (?:house|door|flat|home)\b|\bbang on (?:the|my) door\b",
        True,
        False,
    ),
    (
        "danger",
        r"\b(?:keep|be) (?:turn|show) up (?:at|wherever|where|outside)\b|\btracker on (?:my|our)\b",
        True,
        False,
    ),
    (
        "danger",
        r"\bfind (?:me|my (?:new )?address|where (?:i|we) live)\b|\blook (?:terrify|scare)\b",
        True,
        False,
    ),
    ("threats", rf"\bthreaten (?:(?!who\b)\w+ ){{0,4}}?{TARGET}\b", True, False),
    (
        "threats",
        rf"\b{WILL} (?:\w+ )?(?:kill|hurt|stab|shoot|get|do|come for|burn|petrol bomb|firebomb|break) {TARGET}",
        True,
        False,
    ),
    (
        "threats",
        rf"\b{WILL} (?:\w+ )?(?:burn|petrol bomb|firebomb|torch) (?:\w+ )?(?:house|home|flat|car)\b",
        True,
        False,
    ),
    (
        "threats",
        rf"\b{WILL} (?:share|send|post|leak) (?:\w+ )?(?:video|photo|picture|pic|image|nude|more|them to)\b",
        True,
        False,
    ),
    (
        "threats",
        r"\bdo (?:me|him|her|us) in\b|\bknow where (?:i|we) live\b|\bknow where (?:my|our) (?:kid|child|son|daughter)|\bdeath threat\b|\bthreat to (?:me|us)\b|\bsay i be dead\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\bkill (?:myself|meself|herself|himself)\b|\bend (?:my|her|his) life\b|\bend it all\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\btake (?:my|her|his) (?:own )?life\b|\b(?:want|wanna|wish) (?:to )?(?:die|dye|be dead)\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\b(?:jump|throw (?:myself|herself|himself)) (?:off|in front of)\b|\bwant to disappear\b|\bcut (?:all )?(?:up|on) (?:my|her|his) arm",
        True,
        False,
    ),
    (
        "self_harm",
        r"\bsuicidal\b|\b(?:cut|hurt|harm|burn|starve) (?:myself|meself|herself|himself)\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\b(?:i|me|she|he|my \w+) (?:\w+ ){0,3}?(?:self - harm|self harm|selfharm)\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\btake (?:a (?:load|lot|handful|bunch) of|all (?:my|the|of my)) (?:tablet|pill|paracetamol)\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\btake an overdose\b|\boverdose on\b|\bpill save up\b|\bsave up (?:pill|tablet)\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\bnot see the point (?:in|of) (?:live|life|go on)\b|\bbetter off without me\b|\bno reason to live\b",
        False,
        False,
    ),
    (
        "self_harm",
        r"\bnot want to (?:be here|live|wake up|be alive)\b|\b(?:wish|rather) (?:i )?(?:be|was|were) dead\b",
        False,
        False,
    ),
    (
        "self_harm",
        r"\b(?:think|thinking) (?:of|about) end (?:it|my life|everything)\b",
        True,
        False,
    ),
    (
        "self_harm",
        r"\bcan not (?:go on|take it anymore|cope anymore)\b|\bgo on live like this\b",
        False,
        False,
    ),
    (
        "exploitation",
        r"\b(?:make|force|use|get) (?:\w+ ){0,2}?(?:me|him|her|them|us|my \w+)[^.;!?]{0,20}?"
        r"(?:to )?(?:carry|sell|deal|run|hold|move|drop) (?:\w+ )?(?:drug|package|gear|weed|crack)",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bdeal (?:drug )?for (?:some|these|old|a|the)\b|\bowe (?:them|they|him) money\b",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bfor sex\b|\bbring (?:me|us|her|him|them) (?:to|into|over to) (?:this|the) country\b",
        True,
        False,
    ),
    (
        "exploitation",
        r"\b(?:second|burner|extra) phone\b|\bcome home with (?:cash|money|new)\b",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bmove in (?:with|to) (?:my|our|her|his) (?:\w+ )?(?:flat|house|home|brother|sister|son|daughter|neighbour|mum|dad)\b",
        True,
        False,
    ),
    (
        "danger",
        r"\bif (?:i|we|she|he) (?:leave|tell anyone|tell someone|try to leave)\b",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bpay (?:back|off) (?:the|a|my) debt\b|\bnot get pay\b|\bwork for (?:nothing|free|no pay)\b",
        False,
        False,
    ),
    (
        "exploitation",
        r"\bgroom (?:girl|boy|child|kid|her|him|them|my)\b|\bgive (?:me|her|him) drug\b",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bsleep (?:there|in the back|on site)\b|\bmove (?:her|him|them) (?:between|around) \w+",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bmarry (?:a|an|this|that) (?:man|woman|stranger|cousin|someone)\b|\bhave (?:me|us|her|him) deport",
        True,
        False,
    ),
    (
        "exploitation",
        r"\bgive (?:me|us|her|him) (?:my|our|her|his) (?:passport|document|id)\b|\buse it to deal\b",
        True,
        False,
    ),
    (
        "exploitation",
        r"\btake by (?:old|grown|some|a group of) (?:man|lad)\b|\btake over (?:my|his|her|their) (?:flat|house|home)\b",
        True,
        False,
    ),
    (
        "child_at_risk",
        rf"\b(?:girl|boy|child|kid|lad|{KIN})\b[^.;!?]{{0,40}}\b(?:get into|pick (?:them|her|him) up in) (?:a )?car\b",
        True,
        False,
    ),
    (
        "child_at_risk",
        r"\bleave (?:on (?:his|her|their) own|alone|home alone) for (?:day|hour|night|week)\b|\bno food in the (?:house|flat)\b",
        False,
        False,
    ),
    (
        "child_at_risk",
        r"\b(?:go|be) missing for (?:day|night|hour|week)\b|\bkeep it (?:a )?secret\b",
        True,
        False,
    ),
    (
        "child_at_risk",
        r"\bbuy (?:him|her|them) (?:\w+ )?gift\b|\bmessage (?:him|her|them|me) (?:\w+ )?private",
        True,
        False,
    ),
    (
        "child_at_risk",
        r"\b(?:share|send|post) (?:\w+ ){0,3}?(?:nude|naked|intimate|indecent|explicit|private)\b|\bask (?:\w+ )?for (?:picture|pic|photo)\b",
        True,
        False,
    ),
]
# Second tier, for recall: a risk word about a particular person (the writer, "my ...",
# "he", "she") in its clause, unless it names a topic ("knife crime", "signs of abuse").
TERMS = {
    # Not "hit", "beat", "kick" ("burglars hit three houses"): the first tier has them with a person.
    **dict.fromkeys(
        (
            "strangle",
            "choke",
            "bruise",
            "violent",
            "abuse",
            "rape",
            "assault",
            "batter",
            "pin",
            "scream",
        ),
        "abuse",
    ),
    **dict.fromkeys(
        ("scare", "frighten", "afraid", "terrify", "fear", "unsafe", "danger"), "danger"
    ),
    **dict.fromkeys(("threaten", "threat", "knife", "weapon", "gun", "machete"), "threats"),
    **dict.fromkeys(("suicide", "suicidal", "overdose"), "self_harm"),
    **dict.fromkeys(("groom", "exploit", "traffic", "slave", "slavery"), "exploitation"),
}
PERSONAL = frozenset(
    {"i", "me", "my", "we", "our", "us", "myself", "he", "she", "him", "her", "his"}
)
TOPIC_AFTER = frozenset(
    {
        "crime",
        "service",
        "helpline",
        "line",
        "prevention",
        "training",
        "support",
        "victim",
        "survivor",
        "awareness",
        "figure",
        "arrest",
        "rate",
        "case",
        "unit",
        "team",
        "campaign",
        "reduction",
        "policy",
        "plan",
        "number",
        "count",
        "film",
        "against",
        "crossing",
        "light",
        "hump",
        "strip",
        "warden",
        "jam",
    }
)
TOPIC_BEFORE = frozenset(
    {
        "domestic",
        "sexual",
        "of",
        "about",
        "on",
        "against",
        "tackle",
        "prevent",
        "reduce",
        "end",
        "spot",
        "online",
        "knife",
        "gun",
        "hate",
        "racial",
        "verbal",
        "any",
        "no",
        "modern",
        "child",
        "human",
        "animal",
        "road",
        "traffic",
        "crime",
        "fly",
    }
)
# Nouns that name a topic when "of" follows ("threat of closure", "fear of crime").
NOUN_OF = frozenset({"threat", "fear", "danger", "abuse"})
# Forms a term must take (the lemma alone is ambiguous: "the traffic" vs "trafficked").
TERM_FORMS = {"traffic": ("trafficked", "trafficking")}
IDIOMS = re.compile(
    r"\bkill (?:for|it|time|two birds)\b|\bkill me that\b|\bkill the (?:village|town|atmosphere|mood)\b"
    r"|\bscare of (?:spider|the dark|height|dog)\b|\bwould kill (?:for|to)\b|\bhit (?:the|a) (?:road|target|jackpot)\b"
    r"|\bbeat the (?:traffic|queue|rush)\b"
)
CHILD_AGE = re.compile(
    r"\b(?:i'?m|im|she'?s|he'?s|is|aged|only) (?:only )?(?:[4-9]|1[0-5])\b"
    r"|\b(?:[4-9]|1[0-5])[ -]?(?:year|yr)s?[ -]old\b"
)
ADULT_CONTACT = re.compile(
    r"\b(?:boyfriend|girlfriend|sex|sexual|meet (?:her|him|up)|older (?:men|man|lads)"
    r"|grown (?:men|man)|adult|is (?:2\d|[3-9]\d)|a man|men|a stranger|offer|lift)\b"
)
COMPILED = [(cat, re.compile(rx), neg, anchored) for cat, rx, neg, anchored in RULES]

# -- context (lemmas, or lower-case words where tense matters) --------------------------
NEGATION_CUES = frozenset({"not", "never", "no", "nobody", "none", "noone", "neither", "nor"})
BOUNDARIES = frozenset(
    {",", ";", ":", ".", "!", "?", "but", "however", "although", "though", "—", "–"}
)
NEGATION_WINDOW = 8
PSEUDO_AFTER = frozenset({"stop", "only", "just", "end", "leave", "let"})
SUBJECTS = frozenset({"he", "she", "they", "you", "it", "someone", "somebody"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "us", "myself", "mine"})
LEMMA_FIXES = {
    "ca": "can",
    "wo": "will",
    "'ll": "will",
    "’ll": "will",
    "'d": "would",
    "’d": "would",
    "'m": "be",
    "’m": "be",
    "'re": "be",
    "’re": "be",
    "n't": "not",
    "n’t": "not",
    "nt": "not",
    "gon": "gon",
    "wan": "wan",
    "ai": "be",
}
GENERIC = re.compile(
    r"\b(?:all over the country|on the news|in the news|in the paper|nationally|"
    r"across the (?:county|country)|up and down the country|in general)\b"
)
HISTORIC = re.compile(
    r"\b(?:\d+|a few|a couple of|many|several|two|three|four|five|six|seven|eight|nine|ten|"
    r"fifteen|eighteen|twenty|thirty|forty|fifty)\s+years?\s+ago\b|\bdecades?\s+ago\b|\byears\s+ago\b"
    r"|\bwhen i (?:was|were) (?:a |an )?(?:child|kid|young|younger|little|small|teenager|teen|"
    r"girl|boy|at school|\d+)\b|\bas a (?:child|kid|teenager|teen)\b|\bused to\b|\bback in\b"
    r"|\bin the (?:19)?[5-9]0s\b|\bin (?:19\d\d|200\d|201\d|202[0-3])\b|\blong gone\b|\bgr[eo]w(?:ing)? up\b"
    r"|\blate (?:mother|father|mum|dad|husband|wife)\b"
)
RESOLVED = re.compile(
    r"\bi'?m safe\b|\bsafe now\b|\bsafe,|\bgot (?:out|away)\b|\bno longer\b|\bmoved away\b|\bdied in prison\b"
    r"|\bnew life\b|\bremarried\b|\bwell for\b|\bin a good place\b|\bi'?m (?:ok|okay|fine)\b|\bfine now\b"
    r"|\b(?:was|were) (?:caught|charged|sentenced)\b"
)
CURRENT = re.compile(
    r"\b(?:still|again|keeps?|anymore|tonight|currently)\b|\bright now\b"
    r"|\bevery (?:day|night)\b|\bat the moment\b"
)
PRESENT = re.compile(
    r"\b(?:am|is|are|i'm|im|we're|she's|he's|they're|'m|'re|has been|have been|"
    r"'ve been|last (?:night|week|month)|yesterday|this (?:week|morning))\b"
)


@dataclass(frozen=True)
class Evidence:
    category: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SafeguardingResult:
    """`flag` is true when the text discloses current risk; evidence says where."""

    flag: bool
    categories: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "flag": self.flag,
            "categories": list(self.categories),
            "version": VERSION,
            "evidence": [e.__dict__ for e in self.evidence],
        }


@lru_cache(maxsize=1)
def _pipeline():
    """spaCy blank English with a sentencizer and the project's lower-case lookup lemmatizer."""
    import spacy

    from nlp.lemmatizer import LowercaseLemmatizer

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    lemmatizer = LowercaseLemmatizer(
        nlp.vocab, None, "lemmatizer", mode="lowercase", overwrite=False, scorer=None
    )
    lemmatizer.initialize()
    return nlp, lemmatizer


def _lemma(token) -> str:
    text = token.lower_.replace("\u2019", "'")
    return LEMMA_FIXES.get(text, token.lemma_.lower() or text)


def _line(tokens) -> tuple[str, list[int]]:
    """The lemma line of a sentence and, per character, the index of its token."""
    parts, owner = [], []
    for i, token in enumerate(tokens):
        lemma = _lemma(token)
        parts.append(lemma)
        owner.extend([i] * len(lemma) + [i])
    return " ".join(parts), owner


def _clause(tokens, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and _lemma(tokens[lo - 1]) not in BOUNDARIES:
        lo -= 1
    hi = end
    while hi < len(tokens) and _lemma(tokens[hi]) not in BOUNDARIES:
        hi += 1
    return lo, hi


def _negated(tokens, start: int, end: int, lo: int) -> bool:
    """A cue inside the match, or before it in its clause with no new subject in between
    ("nobody has ever hit me or threatened me", but not "if I don't pay they'll hurt me")."""
    if any(_lemma(t) in NEGATION_CUES for t in tokens[start:end]):
        return True
    following = _lemma(tokens[start])
    for t in reversed(tokens[max(lo, start - NEGATION_WINDOW) : start]):
        word = _lemma(t)
        if word in NEGATION_CUES:
            # "he won't stop hurting me", "not only hits me": the cue is not about the match.
            return following not in PSEUDO_AFTER
        following = word
        if word in SUBJECTS:
            return False
    return False


def _words(tokens) -> str:
    return " ".join(t.lower_.replace("\u2019", "'") for t in tokens)


def _is_over(text_lower: str, clause: str) -> bool:
    """History that has ended: said in the same clause, or said elsewhere while this
    clause has no present-tense cue."""
    if HISTORIC.search(clause):
        return not CURRENT.search(clause)
    if HISTORIC.search(text_lower) or RESOLVED.search(text_lower):
        return not (CURRENT.search(clause) or PRESENT.search(clause))
    return False


def _keep(
    match_tokens: tuple[int, int], sent, negatable: bool, anchored: bool, text_lower: str
) -> bool:
    tokens = list(sent)
    start, end = match_tokens
    lo, hi = _clause(tokens, start, end)
    clause = _words(tokens[lo:hi])
    if negatable and _negated(tokens, start, end, lo):
        return False
    before = _words(tokens[lo:start]).split()
    if "if" in before and "ever" in before:
        return False
    if GENERIC.search(_words(tokens)):
        return False
    if anchored and not FIRST_PERSON & {t.lower_ for t in tokens}:
        return False
    return not _is_over(text_lower, clause)


def assess(text: str) -> SafeguardingResult:
    """Run the rules on one text."""
    if not text or not text.strip():
        return SafeguardingResult(False)
    nlp, lemmatizer = _pipeline()
    doc = lemmatizer(nlp(text))
    text_lower = text.lower().replace("\u2019", "'")
    found: list[Evidence] = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        line, owner = _line(tokens)
        span = doc[tokens[0].i : tokens[-1].i + 1]
        for category, rx, negatable, anchored in COMPILED:
            for m in rx.finditer(line):
                first, last = owner[m.start()], owner[max(m.start(), m.end() - 1)]
                rel = (tokens[first].i - span.start, tokens[last].i - span.start + 1)
                if _keep(rel, span, negatable, anchored, text_lower):
                    a, b = tokens[first].idx, tokens[last].idx + len(tokens[last].text)
                    found.append(Evidence(category, a, b, text[a:b]))
        found += _terms(span, text, text_lower)
        found += _child_contact(span, text)
    categories = tuple(c for c in CATEGORIES if any(e.category == c for e in found))
    return SafeguardingResult(bool(found), categories, tuple(found))


def _terms(span, text: str, text_lower: str) -> list[Evidence]:
    """Second tier: single risk words about a particular person."""
    tokens = list(span)
    lemmas = [_lemma(t) for t in tokens]
    if IDIOMS.search(" ".join(lemmas)) or GENERIC.search(_words(tokens)):
        return []
    out = []
    for i, lemma in enumerate(lemmas):
        category = TERMS.get(lemma)
        if category is None or (lemma in TERM_FORMS and tokens[i].lower_ not in TERM_FORMS[lemma]):
            continue
        after = lemmas[i + 1] if i + 1 < len(lemmas) else ""
        if (
            after in TOPIC_AFTER
            or (after == "of" and lemma in NOUN_OF)
            or (i and lemmas[i - 1] in TOPIC_BEFORE)
        ):
            continue
        lo, hi = _clause(tokens, i, i + 1)
        if not PERSONAL & set(lemmas[lo:hi]) or not _keep(
            (i, i + 1), span, True, False, text_lower
        ):
            continue
        t = tokens[i]
        out.append(Evidence(category, t.idx, t.idx + len(t.text), t.text))
    return out


def _child_contact(span, text: str) -> list[Evidence]:
    """A child's age and an adult's contact in one sentence ("she's 14, her boyfriend is 25")."""
    words = span.text.lower().replace("\u2019", "'")
    age, adult = CHILD_AGE.search(words), ADULT_CONTACT.search(words)
    if not (age and adult):
        return []
    return [Evidence("child_at_risk", span.start_char, span.end_char, span.text)]


def is_at_risk(text: str) -> bool:
    return assess(text).flag


def load_examples(path: Path | str = TEST_SET) -> list[dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(path: Path | str = TEST_SET) -> dict:
    """Precision and recall of the detector on a JSONL file of {"text", "flag"}."""
    tp = fp = fn = tn = 0
    missed, false_flags = [], []
    for item in load_examples(path):
        predicted, wanted = is_at_risk(item["text"]), bool(item["flag"])
        tp += predicted and wanted
        fp += predicted and not wanted
        fn += wanted and not predicted
        tn += not predicted and not wanted
        if wanted and not predicted:
            missed.append(item["text"])
        elif predicted and not wanted:
            false_flags.append(item["text"])
    return {
        "examples": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "missed": missed,
        "false_flags": false_flags,
    }
