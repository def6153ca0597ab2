"""Who we have not heard from: lesser-heard communities x districts, responses in the last
12 months from every channel, and the verified partners who could reach each community."""

from collections import defaultdict
from datetime import timedelta

import sqlalchemy as sa

from engage.analysis.tally import WIDE, Tally
from engage.db import utcnow
from engage.extensions import db
from engage.places import DISTRICTS
from engage.responses.queries import ResponseFilter
from engage.voices.communities import COMMUNITY_GROUPS
from engage.voices.models import PartnerOrganisation, PartnerState

WINDOW_DAYS = 365
UNKNOWN = "unknown"


def coverage() -> dict:
    """{"since", "rows": [{"group", "cells": {district: n}, "total", "gaps", "partners"}]}."""
    since = utcnow().date() - timedelta(days=WINDOW_DAYS)
    district_at, group_at = WIDE.index("district"), WIDE.index("community_group")
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, n in Tally(ResponseFilter(since=since)).wide.items():
        group = key[group_at]
        if group in COMMUNITY_GROUPS:
            district = key[district_at] if key[district_at] in DISTRICTS else UNKNOWN
            counts[group][district] += n
    partners = verified_partners_by_group()
    rows = []
    for group, name in COMMUNITY_GROUPS.items():
        cells = {d: counts[group].get(d, 0) for d in [*DISTRICTS, UNKNOWN]}
        rows.append({
            "group": group, "name": name, "cells": cells, "total": sum(cells.values()),
            "gaps": [d for d in DISTRICTS if not cells[d]], "partners": partners.get(group, []),
        })
    return {"since": since, "rows": rows}


def verified_partners_by_group() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    orgs = db.session.scalars(sa.select(PartnerOrganisation)
                              .where(PartnerOrganisation.status == PartnerState.verified)
                              .order_by(PartnerOrganisation.name))
    for org in orgs:
        for group in org.communities or []:
            out[group].append(org.name)
    return dict(out)
