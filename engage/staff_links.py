"""The staff home page's links, one line per page, with the roles that may open it
(admins see everything). Each domain adds its own pages here."""

STAFF_LINKS: list[tuple[str, str, tuple[str, ...]]] = [
    # (endpoint, link text, roles)
    ("responses.try_tagger", "Try the priority-area tagger", ("officer", "analyst")),
    ("responses.agreement", "How the tagger agrees with analysts", ("analyst",)),
]
