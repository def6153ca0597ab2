"""The personal details that have a shape: emails (written or spelled out), UK phone
numbers, postcodes, street addresses, vehicle registrations and dates of birth. Each
`find_*` yields (start, end) spans of the detail itself, cue words left out."""

import re
from collections.abc import Iterator

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_DOT = r"(?:\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+|\.)"
_AT = r"(?:\s*[\[({]\s*at\s*[\])}]\s*|\s+at\s+|\s*@\s*)"
_TLD = r"(?:com|net|org|uk|co|gov|ac|io|me|info|biz|edu|example|nhs|police|email|ie|eu|live)"
# Spelled out ("sarah dot connor at victim dot example"): found from the "at" and the
# domain, then the name before it is taken, which is far quicker than trying every word.
_SPELLED_DOMAIN = re.compile(rf"{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}\b", re.IGNORECASE)
_SPELLED_LOCAL = re.compile(rf"(?<![\w@])\w[\w+'-]*(?:{_DOT}\w[\w+'-]*)*$", re.IGNORECASE)

# UK numbers: +44, 0044 or 0, then 9-10 more digits with optional spaces, dots, dashes or
# brackets.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44\s?\(?0?\)?|\(?0)(?:[\s.\-()]*\d){9,10}(?![\w])"
)
# Inward codes never use C, I, K, M, O or V, which keeps "A60 2am" out.
POSTCODE = re.compile(
    r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)

STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|grove|"
    r"gardens|gdns|place|pl|court|ct|terrace|walk|rise|mews|row|square|sq|hill|view|green|"
    r"parade|boulevard|gate|croft|chase|dale|vale|meadows?|fields|park|embankment|wharf|yard"
)
# Words that follow a number without being a street name ("3 burglaries on Church Road").
_NOT_STREET_WORD = (
    r"(?:on|in|at|of|the|and|to|near|by|from|off|for|with|down|up|along|outside|round|around|"
    r"behind|past|into|onto|over|is|was|are|were|a|an|or|but|times?|minutes?|mins?|hours?|hrs?|"
    r"days?|nights?|weeks?|months?|years?|yrs?|miles?|yards?|metres?|meters?|people|cars?|vans?|"
    r"kids|lads|men|youths|houses|homes|doors|of|pm|am|mph|percent|per|x)"
)
ADDRESS = re.compile(
    rf"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
    rf"(?:the\s+(?:[A-Za-z][\w'’-]*\s+){{0,2}}|(?:(?!{_NOT_STREET_WORD}\b)[A-Za-z][\w'’-]*\s+){{1,3}})"
    rf"(?:{STREET_TYPES})\b",
    re.IGNORECASE,
)

# Everyday three-letter words that a registration-shaped string can end in ("NG12 and",
# "M1 now", "A60 the").
_WORDS3 = frozenset(
    """and the for but you was has are not all any can had her him his how its may new now
    old one our out see two way who why yes yet off too got get let put say she day did end
    few far man men own per ran run sat saw set sit top try use war won van car bus cop bin
    lot big bad hot red job fed mad sad fun age ago air bit box boy cut dog eat eye fix fly
    gas guy hit key kid law lay leg lie low map mum dad nan pay pub raw rid row sea sky son
    sun tax ten tea toy via way yet zoo wed thu fri sat sun mon tue jan feb mar apr jun jul
    aug sep oct nov dec tel mob ext etc rep ref""".split()
)
VEHICLE = re.compile(
    r"\b(?:[A-Z]{2}[0-9]{2}\s?([A-Z]{3})"  # current: AB12 CDE
    r"|[A-Z][0-9]{1,3}\s?([A-Z]{3})"  # prefix: A123 BCD
    r"|([A-Z]{3})\s?[0-9]{1,3}[A-Z])\b",  # suffix: ABC 123D
    re.IGNORECASE,
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}\s?[/.\-]\s?(?:\d{{4}}|\d{{2}})"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?:\d{{4}}|'?\d{{2}})"
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}})"
)
DOB = re.compile(
    rf"\b(?:d\.?\s?o\.?\s?b\b\.?|date of birth|birth ?date|born(?:\s+on)?(?:\s+the)?|"
    rf"birthday(?:\s+is)?)\s*(?:is\s+)?[:\-–]?\s*({_DATE})(?!\d)",
    re.IGNORECASE,
)


def find_emails(text: str) -> Iterator[tuple[int, int]]:
    for m in EMAIL.finditer(text):
        yield m.span()
    for m in _SPELLED_DOMAIN.finditer(text):
        local = _SPELLED_LOCAL.search(text, max(0, m.start() - 80), m.start())
        if local:
            yield local.start(), m.end()


def find_phones(text: str) -> Iterator[tuple[int, int]]:
    for m in PHONE.finditer(text):
        yield m.span()


def find_postcodes(text: str) -> Iterator[tuple[int, int]]:
    for m in POSTCODE.finditer(text):
        yield m.span()


def find_addresses(text: str) -> Iterator[tuple[int, int]]:
    for m in ADDRESS.finditer(text):
        yield m.span()


def find_vehicles(text: str) -> Iterator[tuple[int, int]]:
    for m in VEHICLE.finditer(text):
        letters = next(g for g in m.groups() if g)
        if letters.lower() in _WORDS3:
            continue
        yield m.span()


def find_dates_of_birth(text: str) -> Iterator[tuple[int, int]]:
    for m in DOB.finditer(text):
        yield m.span(1)
