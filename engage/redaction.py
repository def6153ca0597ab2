"""Taking personal details out of free text before anyone outside the team reads it:
emails, phone numbers, postcodes, street addresses and people's names. The patterns are
shared with privacy erasure, so both find the same details."""

import re

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: +44 or 0, then 9-10 more digits with optional spaces, dots, dashes or brackets.
PHONE = re.compile(r"(?<![\w])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s.\-()]*\d){9,10}(?![\w])")
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|grove|"
    r"gardens|gdns|place|pl|court|ct|terrace|walk|rise|mews|row|square|hill|view|green|parade"
)
ADDRESS = re.compile(
    rf"\b(?:(?:flat|apartment|unit)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+(?:[A-Z][\w'-]*\s+){{1,3}}"
    rf"(?:{STREET_TYPES})\b\.?",
    re.IGNORECASE,
)
# Lookbehind-free: the phrase is kept, only the name after it is replaced.
NAME_AFTER = re.compile(
    r"\b((?i:my name is|my name['’]s|i['’]m called|i am called|call me|i['’]m|i am|this is|"
    r"my (?:son|daughter|husband|wife|partner|neighbour|mum|dad|brother|sister|friend)"
    r"(?: is| called|,)?))"
    r"\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)"
)
# Capitalised words after "I'm"/"this is" that are not names.
NOT_NAMES = frozenset(
    """
I Im The A An In On At Not Very So Really Just Also From Here There This That It
Nottingham Nottinghamshire Police Council British English Christian Muslim Jewish Sikh Hindu
Worried Scared Afraid Sure Sorry Glad Happy Angry Fed Tired Disabled Older Young Retired
Ashfield Bassetlaw Broxtowe Gedling Mansfield Newark Sherwood Rushcliffe Beeston Arnold Worksop
Hucknall Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split()
)


def redact(text: str) -> str:
    """`text` with personal details replaced: [email], [phone], [postcode], [address], [name]."""
    text = EMAIL.sub("[email]", text)
    text = ADDRESS.sub("[address]", text)
    text = POSTCODE.sub("[postcode]", text)
    text = PHONE.sub("[phone]", text)
    return NAME_AFTER.sub(_name, text)


def _name(m: re.Match) -> str:
    phrase, name = m.group(1), m.group(2)
    first = name.split()[0]
    if first in NOT_NAMES:
        return m.group(0)
    if phrase.lower().replace("’", "'") in ("i'm", "i am", "this is") and _looks_like_adjective(
        first
    ):
        return m.group(0)
    return f"{phrase} [name]"


def _looks_like_adjective(word: str) -> bool:
    return word.lower().endswith(("ed", "ing", "ful", "ous", "ive", "ly", "ish"))
