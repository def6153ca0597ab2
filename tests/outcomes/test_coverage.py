"""/analysis/coverage: communities x districts over the last 12 months, gaps, partners."""

import re
from datetime import timedelta

from engage.db import utcnow
from engage.outcomes.coverage import coverage


def _row(html: str, name: str) -> list[str]:
    part = html[html.index(f'<th scope="row" class="govuk-table__header">{name}</th>'):]
    part = part[: part.index("</tr>")]
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", part)]


def test_counts_gaps_and_partners_from_every_channel(client, db, create_tagged, create_partner, sign_in,
                                                     create_user):
    create_partner(name="Mansfield Youth Voice")  # verified for young people
    create_partner("pending", name="Not Yet Verified")
    for n in range(3):
        create_tagged(f"Nowhere safe to go after school {n}", ("youth_prevention",), channel="voices",
                      district="mansfield", community_group="young_people")
    create_tagged("The bus shelter is a meeting point for dealing", ("drugs",), channel="direct",
                  district="gedling", community_group="young_people")
    create_tagged("Too old to count", ("asb",), channel="voices", district="ashfield",
                  community_group="young_people", submitted_at=utcnow() - timedelta(days=400))
    row = next(r for r in coverage()["rows"] if r["group"] == "young_people")
    assert (row["cells"]["mansfield"], row["cells"]["gedling"], row["cells"]["ashfield"]) == (3, 1, 0)
    assert row["total"] == 4 and "ashfield" in row["gaps"] and "mansfield" not in row["gaps"]
    assert row["partners"] == ["Mansfield Youth Voice"]
    sign_in(create_user("analyst"))
    html = client.get("/analysis/coverage").get_data(as_text=True)
    cells = _row(html, "Young people")
    # Ashfield, Bassetlaw, Broxtowe, Gedling, Mansfield, ... then unknown, total, partners
    assert cells[0] == "gap" and cells[3] == "1" and cells[4] == "3"
    assert cells[-2] == "4" and cells[-1] == "Mansfield Youth Voice"
    assert _row(html, "Older people")[-1] == "no verified partner"
    assert "Not Yet Verified" not in html


def test_coverage_is_for_staff(client, db, create_user, sign_in):
    sign_in(create_user("resident"))
    assert client.get("/analysis/coverage").status_code == 403
