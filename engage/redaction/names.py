"""Finding people's names in residents' free text.

A name is found in three ways, from most to least sure:
- after a strong cue: a title ("Mrs Khan", "pc davies"), a sign-off ("Regards, Jane Doe"),
  an introduction ("my name is", "my neighbour") -- any capitalised word that is not a
  place or an ordinary word, or a listed name in lower case;
- after a weaker cue ("contact Dave Wilson", "I'm Priya") -- a listed name;
- with no cue: a capitalised listed forename that is not also an everyday word ("Sarah
  Jones at the council"), an everyday-word forename only when a listed surname follows
  ("Mark Evans", not "Mark my words"), or a lower-case forename and surname that are
  both rare as words ("sarah jones").
Places, organisations and words before "Road", "Centre", "Forest"... are never names."""

import re
from bisect import bisect_left
from collections.abc import Iterator

from engage.redaction.lexicon import NOT_NAMES, PLACE_SUFFIXES, Lexicon, lexicon

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")

STRONG, WEAK, SELF = 3, 2, 1
_TITLE = (
    r"mr|mrs|ms|miss|mx|dr|pc|pcso|dc|ds|di|dci|sgt|sergeant|insp|inspector|cllr|councillor|"
    r"rev|reverend|prof|professor|sir|dame|officer|constable|detective"
)
_SIGN_OFF = (
    r"many thanks|thanks again|thanks|thank you|thankyou|thx|cheers|regards|kind regards|"
    r"best regards|warm regards|best wishes|yours sincerely|yours faithfully|yours truly|"
    r"sincerely|signed|sent by|submitted by|written by"
)
_LINE_SIGN_OFF = r"from|love|best|ta|all the best"
_INTRO = (
    r"my name is|my names|my name['’]s|name is|name['’]s|names|name\s*:|i['’]?m called|"
    r"i am called|call me|known as|aka|named|goes by"
)
_RELATION = (
    r"my\s+(?:(?:ex|next door|elderly|late|older|younger|little|big|old|new)[\s-]+)?"
    r"(?:son|daughter|husband|wife|partner|ex|neighbou?rs?|mum|mom|mam|mother|dad|father|"
    r"brother|sister|friend|boyfriend|girlfriend|carer|landlord|landlady|grandson|"
    r"granddaughter|nan|nana|gran|grandad|grandma|grandpa|uncle|aunt|auntie|cousin|"
    r"colleague|boss|manager|stepson|stepdaughter|child|lad|lodger|tenant)"
    r"(?:,?\s+(?:is|was|called|named))?"
)
_CONTACT = (
    r"contact|contacted|contacting|speak to|spoke to|speaking to|spoken to|talk to|talked to|"
    r"spoke with|ask for|asked for|ring|rang|phone|phoned|call|email|emailed|e-mail|text|"
    r"texted|message|messaged|called|thanks to|thank|thanked|told|tell|with|and|to|by|cc"
)
CUES = re.compile(
    rf"(?P<strong>\b(?:{_TITLE})\b\.?|\b(?:{_SIGN_OFF})\b[\s,.!:\-–]*"
    rf"|(?:^|(?<=[.!?\n]))\s*(?:{_LINE_SIGN_OFF})\b[\s,.!:\-–]*|\b(?:{_INTRO})|\b{_RELATION}\b)"
    rf"|(?P<weak>\b(?:{_CONTACT})\b)"
    rf"|(?P<self>\b(?:i['’]?m|i am|this is|it['’]?s)\b)",
    re.IGNORECASE,
)
_ADJECTIVE = ("ed", "ing", "ful", "ous", "ive", "ly", "ish", "able", "ible", "al", "ic")
# Rarer in lower case than this and a listed name is taken for a name without a cue.
RARE = -13.0
# A listed surname that follows an everyday-word forename ("Mark Evans").
RARE_SURNAME = -11.5


class _Tok:
    __slots__ = ("start", "end", "raw", "key", "cap")

    def __init__(self, m: re.Match, caseless: bool):
        self.start, self.end, self.raw = m.start(), m.end(), m.group()
        self.key = _POSSESSIVE.sub("", self.raw.lower())
        if self.key != self.raw.lower():
            self.end -= len(self.raw) - len(self.key)
        self.cap = self.raw[0].isupper() and not caseless


def find_names(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of words taken for a person's name."""
    lex = lexicon()
    caseless = _mostly_upper(text)
    toks = [_Tok(m, caseless) for m in TOKEN.finditer(text)]
    if not toks:
        return
    blocked = _place_tokens(toks, lex)
    cue = _cue_levels(text, toks)
    i = 0
    while i < len(toks):
        end = _name_at(toks, i, cue[i], blocked, lex)
        if end > i:
            yield toks[i].start, toks[end - 1].end
            i = end
        else:
            i += 1


def _name_at(toks, i, level, blocked, lex: Lexicon) -> int:
    """Index past the name starting at token i, or i when none starts there."""
    t = toks[i]
    if blocked[i] or t.key in NOT_NAMES:
        return i
    if level == STRONG:
        if t.cap or _listed(t.key, lex) and lex.prob(t.key) < -9.0:
            return _extend(toks, i, blocked, lex, strong=True)
        return i
    if level == SELF:
        if t.cap and not t.key.endswith(_ADJECTIVE) or _first_ok(t, lex):
            return _extend(toks, i, blocked, lex, strong=True)
        return i
    if level == WEAK and t.cap and _listed(t.key, lex) and lex.prob(t.key) < -9.0:
        return _extend(toks, i, blocked, lex, strong=False)
    if _first_ok(t, lex):
        end = _extend(toks, i, blocked, lex, strong=False)
        if t.cap or end > i + 1:
            return end
        return i
    if t.cap and t.key in lex.forenames and _rare_surname_at(toks, i + 1, blocked, lex):
        return _extend(toks, i, blocked, lex, strong=False)
    return i


def _first_ok(t: _Tok, lex: Lexicon) -> bool:
    """A listed forename rare enough as a word to be a name on its own (with a capital)."""
    return t.key in lex.forenames and lex.prob(t.key) < RARE


def _extend(toks, i, blocked, lex: Lexicon, strong: bool) -> int:
    """Take up to three name words from i; none if a place word follows them."""
    end = i + 1
    while end < len(toks) and end - i < 3 and _next_part(toks, end, blocked, lex, strong):
        end += 1
    if end < len(toks) and toks[end].key in PLACE_SUFFIXES and toks[end].cap:
        # "Emma Wood" is a person, "Victoria Centre" and "Grace Road" are places.
        if end == i + 1 and toks[end].key in lex.surnames and _first_ok(toks[i], lex):
            return end + 1
        return i
    if not toks[i].cap and end == i + 1 and not strong:
        return i
    return end


def _next_part(toks, j, blocked, lex: Lexicon, strong: bool) -> bool:
    t, prev = toks[j], toks[j - 1]
    if blocked[j] or t.key in NOT_NAMES or t.start - prev.end > 2:
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


def _cue_levels(text: str, toks: list[_Tok]) -> list[int]:
    """For each token, the strongest cue that ends right before it (0 for none)."""
    starts = [t.start for t in toks]
    levels = [0] * len(toks)
    for m in CUES.finditer(text):
        j = bisect_left(starts, m.end())
        if j < len(toks) and text[m.end() : toks[j].start].strip(" \t\n,:;-–.") == "":
            level = STRONG if m.group("strong") else WEAK if m.group("weak") else SELF
            levels[j] = max(levels[j], level)
    return levels


def _place_tokens(toks: list[_Tok], lex: Lexicon) -> list[bool]:
    """Which tokens are part of a place name (single words and phrases)."""
    blocked = [t.key in lex.places for t in toks]
    for i in range(len(toks)):
        for n in range(2, min(4, len(toks) - i) + 1):
            if tuple(t.key for t in toks[i : i + n]) in lex.place_phrases:
                for j in range(i, i + n):
                    blocked[j] = True
    return blocked


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)
