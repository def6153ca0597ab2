"""/what-we-heard: per quarter and district, shares by priority area; under 10 suppressed; no text."""

from datetime import timedelta

from engage.db import utcnow
from engage.outcomes.public_counts import quarter_of


def _cells(html: str, row: str) -> list[str]:
    import re

    part = html[html.index(f'<th scope="row" class="govuk-table__header">{row}</th>'):]
    part = part[: part.index("</tr>")]
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", part)]


def test_shares_by_district_with_small_numbers_suppressed_and_no_text(client, db, create_tagged):
    for n in range(12):
        create_tagged(f"Off-road bikes on the estate again, night {n}", ("asb",), district="mansfield")
    for n in range(3):
        create_tagged(f"Speeding on the A60 past the school, morning {n}", ("road_safety",), district="mansfield")
    for n in range(5):
        create_tagged(f"Kids on bikes in the park {n}", ("asb",), district="gedling")
    html = client.get("/what-we-heard").get_data(as_text=True)
    # Columns follow DISTRICTS: Ashfield, Bassetlaw, Broxtowe, Gedling, Mansfield, ...
    received = _cells(html, "Responses received")
    assert received[4] == "15" and received[3] == "fewer than 10" and received[0] == "fewer than 10"
    assert _cells(html, "Anti-social behaviour")[4] == "80%"
    assert _cells(html, "Road safety")[4] == "fewer than 10"  # 3 in Mansfield: suppressed
    assert _cells(html, "Anti-social behaviour")[3] == "fewer than 10"  # 5 in Gedling
    assert "Off-road bikes" not in html and "Speeding on the A60" not in html
    assert " 3<" not in html and ">3<" not in html and ">5<" not in html


def test_earlier_quarters_can_be_chosen(client, db, create_tagged):
    last = quarter_of(quarter_of(utcnow().date()).start - timedelta(days=1))
    for n in range(10):
        create_tagged(f"Burglaries on our road this winter, number {n}", ("neighbourhood_crime",),
                      district="ashfield", submitted_at=utcnow() - timedelta(days=200))
    for n in range(2):
        create_tagged(f"Motorbikes on the Sutton estate {n}", ("asb",),
                      district="ashfield", submitted_at=utcnow() - timedelta(days=200))
    html = client.get("/what-we-heard").get_data(as_text=True)
    assert last.name in html  # offered in the chooser
    older = quarter_of((utcnow() - timedelta(days=200)).date())
    chosen = client.get(f"/what-we-heard?quarter={older.key}").get_data(as_text=True)
    assert f"<h2 class=\"govuk-heading-m\">{older.name}</h2>" in chosen
    assert _cells(chosen, "Responses received")[0] == "12"
    assert _cells(chosen, "Neighbourhood crime")[0] == "83%"
    # An unknown quarter shows the current one rather than failing.
    assert client.get("/what-we-heard?quarter=1999-Q9").status_code == 200
