"""The words that announce a name, matched on tokens rather than by one big regular
expression (several times faster on long responses).

STRONG cues (titles, sign-offs, introductions, "my neighbour") take any capitalised word
after them; WEAK ones ("contact", "spoke to", "and") only a listed name; SELF ("I'm",
"this is") a capitalised word that does not look like an adjective."""

from itertools import product

STRONG, WEAK, SELF = 3, 2, 1

_TITLES = """mr mrs ms miss mx dr pc pcso dc ds di dci sgt sergeant insp inspector cllr
councillor rev reverend prof professor sir dame officer constable detective""".split()
_SIGN_OFFS = """many thanks|thanks again|thanks|thank you|thankyou|thx|cheers|regards|
kind regards|best regards|warm regards|best wishes|yours sincerely|yours faithfully|
yours truly|sincerely|signed|sent by|submitted by|written by""".split("|")
# Only at the start of a line or sentence: "From Hucknall with love" is not a sign-off.
_LINE_SIGN_OFFS = "from|love|best|ta|all the best|love from".split("|")
_INTRO = """my name is|my names|my name's|name is|name's|i'm called|im called|i am called|
call me|known as|aka|named|goes by|me and|me n|is called|was called|he's called|
she's called|man called|woman called|lad called|guy called|bloke called|fella called|
girl called|boy called|someone called|person called""".split("|")
_RELATIONS = """son daughter husband wife partner ex neighbour neighbor neighbours mum mom
mam mother dad father brother sister friend boyfriend girlfriend carer landlord landlady
grandson granddaughter nan nana gran grandad grandma grandpa uncle aunt auntie cousin
colleague boss manager stepson stepdaughter child lad lodger tenant mate pal bf gf""".split()
_RELATION_ADJ = "ex next-door elderly late older younger little big old new".split()
_CONTACT = """contact|contacted|contacting|speak to|spoke to|speaking to|spoken to|talk to|
talked to|spoke with|ask for|asked for|ring|rang|phone|phoned|call|email|emailed|e-mail|
text|texted|message|messaged|called|thanks to|thank|thanked|told|tell|with|and|to|by|cc""".split(
    "|"
)
_SELF = "i'm|im|i am|this is|it's".split("|")


def _phrases() -> dict[tuple[str, ...], tuple[int, str]]:
    table: dict[tuple[str, ...], tuple[int, str]] = {}

    def add(words: list[str], level: int, kind: str) -> None:
        for w in words:
            key = tuple(w.split())
            if table.get(key, (0, ""))[0] < level:
                table[key] = (level, kind)

    add(_SELF, SELF, "other")
    add(_CONTACT, WEAK, "other")
    add(_TITLES, STRONG, "title")
    add(_SIGN_OFFS, STRONG, "sign-off")
    add(_LINE_SIGN_OFFS, STRONG, "line")
    add(_INTRO, STRONG, "other")
    add(["name"], STRONG, "label")
    for adj, rel, verb in product(["", "next door ", *(a + " " for a in _RELATION_ADJ)],
                                  _RELATIONS, ["", " is", " was", " called", " named"]):
        add([f"my {adj}{rel}{verb}"], STRONG, "other")
    return table


PHRASES = _phrases()
_LAST = frozenset(k[-1] for k in PHRASES)
_LONGEST = max(map(len, PHRASES))


def cue_levels(lows: list[str], gaps: list[str]) -> list[int]:
    """For each token, the strongest cue that ends right before it (0 for none).

    `lows` are the tokens in lower case, `gaps` the text before each token."""
    levels = [0] * len(lows)
    for i in range(len(lows) - 1):
        if lows[i] not in _LAST:
            continue
        for n in range(1, min(_LONGEST, i + 1) + 1):
            hit = PHRASES.get(tuple(lows[i - n + 1 : i + 1]))
            if hit and _fits(hit[1], gaps[i + 1], gaps[i - n + 1], i - n + 1):
                levels[i + 1] = max(levels[i + 1], hit[0])
    return levels


def _fits(kind: str, after: str, before: str, first: int) -> bool:
    """Is the text between cue and name right for this kind of cue?"""
    if kind == "title":
        return after.strip(" .") == ""
    if kind == "label":
        return after.strip(" \t") in (":", "-", "–")
    if kind == "line" and first and not any(c in before for c in ".!?\n"):
        return False
    if kind in ("sign-off", "line"):
        return after.strip(" \t\n,.!:-–") == ""
    return after.strip(" \t\n,:;-–") == ""
