"""The eight community safety partnership areas of Nottinghamshire, by one id each."""

import re

DISTRICTS: dict[str, str] = {
    "ashfield": "Ashfield",
    "bassetlaw": "Bassetlaw",
    "broxtowe": "Broxtowe",
    "gedling": "Gedling",
    "mansfield": "Mansfield",
    "newark_and_sherwood": "Newark and Sherwood",
    "rushcliffe": "Rushcliffe",
    "nottingham_city": "Nottingham City",
}
UNKNOWN = "unknown"
DISTRICT_CHOICES = [(k, v) for k, v in DISTRICTS.items()]

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$")


def normalise_district(value: str | None) -> str | None:
    """Accept an id or a display name in any case; None when it is not a district."""
    if value is None or not str(value).strip():
        return UNKNOWN
    key = re.sub(r"[^a-z]+", "_", str(value).strip().lower()).strip("_")
    key = {"newark_sherwood": "newark_and_sherwood", "nottingham": "nottingham_city",
           "city": "nottingham_city"}.get(key, key)
    if key in DISTRICTS or key == UNKNOWN:
        return key
    return None


def district_name(key: str | None) -> str:
    return DISTRICTS.get(key or "", "Unknown")


def postcode_district(postcode: str | None) -> str | None:
    """The outward code (NG5, DN22) of a UK postcode; None when it is not one."""
    if not postcode:
        return None
    m = _POSTCODE.match(re.sub(r"\s+", " ", postcode.strip().upper()))
    return m.group(1) if m else None
