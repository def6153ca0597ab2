"""Taking personal details out of free text before anyone outside the team reads it.

`find_personal_details(text)` returns where each detail is; `redact(text)` replaces them:

    email           jo@example.com, "jo dot bloggs at gmail dot com"  -> [email]
    phone           07700 900123, +44 (0)115 496 0000, 0115-496-0000   -> [phone]
    postcode        NG7 2RD, ng72rd                  -> its district: NG7
    address         5 Oak Road, flat 3, 12 high st                     -> [address]
    vehicle         AB12 CDE, ab12cde, A123 BCD, ABC 123D               -> [vehicle]
    date_of_birth   DOB 12/03/1985, born 3rd March 1985 (the date)     -> [date of birth]
    name            Mrs Khan, Regards, Jane Doe, contact Dave Wilson    -> [name]

Cue words ("my name is", "Mrs", "DOB") are kept; only the detail goes. Place names,
police and organisation words and priority-area words are left alone. The patterns are
shared with privacy erasure, so both find the same details."""

from dataclasses import dataclass

from engage.redaction.names import find_names
from engage.redaction.patterns import (
    ADDRESS,
    EMAIL,
    PHONE,
    POSTCODE,
    find_addresses,
    find_dates_of_birth,
    find_emails,
    find_phones,
    find_postcodes,
    find_vehicles,
)

__all__ = ["ADDRESS", "EMAIL", "PHONE", "POSTCODE", "KINDS", "Detail", "find_personal_details",
           "redact"]

# Earlier kinds win where two overlap ("jo.smith@x.com" is an email, not a name).
FINDERS = (
    ("email", find_emails),
    ("phone", find_phones),
    ("postcode", find_postcodes),
    ("date_of_birth", find_dates_of_birth),
    ("vehicle", find_vehicles),
    ("address", find_addresses),
    ("name", find_names),
)
KINDS = tuple(kind for kind, _ in FINDERS)
MARKERS = {
    "email": "[email]",
    "phone": "[phone]",
    "address": "[address]",
    "vehicle": "[vehicle]",
    "date_of_birth": "[date of birth]",
    "name": "[name]",
}


@dataclass(frozen=True)
class Detail:
    """One personal detail: its kind, where it is in the text, and what it says."""

    kind: str
    start: int
    end: int
    text: str


def find_personal_details(text: str) -> list[Detail]:
    """Every personal detail in `text`, in order, none overlapping."""
    taken: list[Detail] = []
    for kind, finder in FINDERS:
        for start, end in finder(text):
            if not any(start < d.end and d.start < end for d in taken):
                taken.append(Detail(kind, start, end, text[start:end]))
    return sorted(taken, key=lambda d: d.start)


def redact(text: str) -> str:
    """`text` with each personal detail replaced as the module docstring lists."""
    if not text:
        return text
    out, pos = [], 0
    for d in find_personal_details(text):
        out.append(text[pos : d.start])
        out.append(_replacement(d))
        pos = d.end
    out.append(text[pos:])
    return "".join(out)


def _replacement(detail: Detail) -> str:
    if detail.kind == "postcode":
        return POSTCODE.fullmatch(detail.text).group(1).upper()
    return MARKERS[detail.kind]
