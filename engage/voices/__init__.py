"""Lesser-heard voices, brought in by community partners (trusted communicators)."""

from engage.voices.communities import (  # noqa: F401  (the list other domains import)
    COMMUNITY_GROUP_IDS,
    COMMUNITY_GROUPS,
    community_group_name,
)
