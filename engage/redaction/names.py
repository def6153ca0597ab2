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
from collections.abc import Iterator

from engage.redaction.cues import SELF, STRONG, WEAK, cue_levels
from engage.redaction.lexicon import NOT_NAMES, PLACE_SUFFIXES, Lexicon, lexicon

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_UPPER, _LOWER = re.compile(r"[A-Z]"), re.compile(r"[a-z]")

_ADJECTIVE = ("ed", "ing", "ful", "ous", "ive", "ly", "ish", "able", "ible", "al", "ic")
_SPEECH = frozenset("said says told asked rang phoned texted called shouted reckons thinks".split())
_NOT_PERSON_BEFORE = frozenset("dog cat puppy kitten pony horse pup dogs cats".split())
# Surnames that also end place names: "Emma Wood" is a person, "Victoria Park" is not.
_SURNAME_SUFFIXES = frozenset("wood hill green lane church hall ward house chapel forest".split())
# Rarer in lower case than this and a listed name is taken for a name without a cue.
RARE = -13.0
# A listed surname that follows an everyday-word forename ("Mark Evans").
RARE_SURNAME = -11.5


class _Tok:
    __slots__ = ("start", "end", "raw", "key", "low", "gap", "cap", "joined")

    def __init__(self, m: re.Match, caseless: bool, gap: str):
        self.start, self.end, self.raw = m.start(), m.end(), m.group()
        # Same name as the word before: one space apart, or after an initial ("J. Smith").
        self.joined = gap in (" ", ". ", ".")
        self.gap, self.low = gap, self.raw.lower().replace("’", "'")
        self.key = _POSSESSIVE.sub("", self.low)
        if self.key != self.raw.lower():
            self.end -= len(self.raw) - len(self.key)
        self.cap = self.raw[0].isupper() and not caseless


def find_names(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of words taken for a person's name."""
    lex = lexicon()
    caseless = _mostly_upper(text)
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
        end = _name_at(toks, i, cue[i], blocked, lex)
        if end > i:
            yield toks[i].start, toks[end - 1].end
            i = end
        else:
            i += 1


def _name_at(toks, i, level, blocked, lex: Lexicon) -> int:
    """Index past the name starting at token i, or i when none starts there."""
    t = toks[i]
    if blocked[i] or t.key in NOT_NAMES or i and toks[i - 1].key in _NOT_PERSON_BEFORE:
        return i
    if i and blocked[i - 1] and toks[i - 1].cap and t.start - toks[i - 1].end < 2:
        return i  # "Rufford Abbey": a word joined to a place is part of it
    if t.cap and t.key in lex.forenames and _speaks(toks, i):
        level = STRONG
    if level == STRONG:
        if t.cap or _listed(t.key, lex) and lex.prob(t.key) < -11.0:
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


def _speaks(toks, i) -> bool:
    """"Will said", "Grace and I": a forename doing what people do."""
    nxt = [t.raw for t in toks[i + 1 : i + 3]]
    return bool(nxt) and (nxt[0] in _SPEECH or nxt[:1] == ["and"] and nxt[1:] in (["I"], ["me"]))


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
        if t.key not in lex.place_starts:
            continue
        for n in range(2, min(4, len(toks) - i) + 1):
            if tuple(x.key for x in toks[i : i + n]) in lex.place_phrases:
                blocked[i : i + n] = [True] * n
    return blocked


def _mostly_upper(text: str) -> bool:
    upper, lower = len(_UPPER.findall(text)), len(_LOWER.findall(text))
    return upper > 12 and upper > 2.5 * lower
