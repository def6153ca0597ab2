"""The lesser-heard communities partners speak for: one stable id each, stored in
Response.community_group. Import COMMUNITY_GROUPS (id -> name) from here."""

COMMUNITY_GROUPS: dict[str, str] = {
    "young_people": "Young people",
    "older_people": "Older people",
    "disabled_people": "Disabled people",
    "ethnic_minority": "Ethnic minority communities",
    "faith": "Faith communities",
    "lgbt_plus": "LGBT+ people",
    "gypsy_roma_traveller": "Gypsy, Roma and Traveller communities",
    "migrants_refugees": "Migrants and refugees",
    "lived_experience_cjs": "People with lived experience of the criminal justice system",
    "victims_survivors": "Victims and survivors",
    "rural_isolated": "Rural and isolated residents",
}
COMMUNITY_GROUP_IDS: tuple[str, ...] = tuple(COMMUNITY_GROUPS)
COMMUNITY_GROUP_CHOICES: list[tuple[str, str]] = list(COMMUNITY_GROUPS.items())


def community_group_name(group_id: str | None) -> str:
    return COMMUNITY_GROUPS.get(group_id or "", group_id or "")
