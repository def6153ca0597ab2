"""Complementary suppression on /what-we-heard: for random tables, no hidden count can be
worked out from what is shown. The check is an integer program (scipy's HiGHS), written
apart from the suppression code: for each hidden cell, the least and most it could be
given the column total, the counts shown and what its mark says."""

import random
import re
from datetime import timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from engage.db import utcnow
from engage.outcomes.public_counts import SMALL
from engage.places import DISTRICTS
from engage.privacy.suppression import PROTECT_REASON, SMALL_REASON, protect_column
from nlp.taxonomy import LABELS, label_name


def _range_of(target: int, lows: list[int], highs: list[int], rest: int) -> tuple[float, float] | None:
    """(least, most) of hidden cell `target` when the hidden cells add up to `rest` (or,
    if they cannot, to at least `rest`: a response can count in several rows)."""
    n = len(lows)
    bounds = Bounds(np.array(lows, float), np.array(highs, float))
    ones = np.ones((1, n))
    found = []
    for sense in (1, -1):
        c = np.zeros(n)
        c[target] = sense
        for constraint in (LinearConstraint(ones, rest, rest), LinearConstraint(ones, rest, np.inf)):
            res = milp(c, constraints=constraint, bounds=bounds, integrality=np.ones(n))
            if res.status == 0:
                found.append(sense * res.fun)
                break
        else:
            return None
    return found[0], found[1]


def recoverable(total: int | None, shown: dict[str, int], hidden: dict[str, str],
                zero_shown: bool = False) -> list[str]:
    """Hidden cells of one column with a single possible value, from what a reader sees
    (with `zero_shown`, a cell marked small is known not to be 0)."""
    if total is None or not hidden:
        return []
    keys = list(hidden)
    lows = [int(zero_shown) if hidden[k] == SMALL_REASON else SMALL for k in keys]
    highs = [SMALL - 1 if hidden[k] == SMALL_REASON else total for k in keys]
    rest = total - sum(shown.values())
    out = []
    for i, key in enumerate(keys):
        span = _range_of(i, lows, highs, rest)
        if span is not None and span[0] == span[1]:
            out.append(key)
    return out


def test_a_lone_small_cell_is_protected_by_the_next_smallest():
    counts = {"asb": 16, "road_safety": 9, "drugs": 30}
    column = protect_column(55, counts, SMALL)
    assert column.hidden == {"road_safety": SMALL_REASON, "asb": PROTECT_REASON}
    assert column.total_shown
    assert recoverable(55, {"drugs": 30}, column.hidden) == []
    # Without the second cell the small one is the total less the rest.
    assert recoverable(55, {"drugs": 30, "asb": 16}, {"road_safety": SMALL_REASON}) == ["road_safety"]


def test_one_area_raised_by_everyone_hides_the_whole_column_but_not_the_total():
    counts = {"asb": 15, "drugs": 0, "road_safety": 0}
    column = protect_column(15, counts, SMALL)
    assert column.total_shown and set(column.hidden) == set(counts)
    assert recoverable(15, {}, column.hidden) == []


def test_hidden_cells_all_at_their_most_take_the_total_away():
    # Two cells of 9 and a total of 18: both hidden as small, both must be 9.
    column = protect_column(18, {"a": 9, "b": 9}, SMALL)
    assert not column.total_shown


cells = st.dictionaries(
    st.sampled_from(LABELS[:8]),
    st.one_of(st.integers(0, SMALL - 1), st.integers(0, 60)),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(counts=cells, overlap=st.integers(0, 20), show_zero=st.booleans())
def test_random_columns_hide_nothing_that_can_be_recomputed(counts, overlap, show_zero):
    # `overlap`: responses raising two areas, so the cells add up to more than the total.
    total = max(max(counts.values()), sum(counts.values()) - overlap)  # a cell never exceeds it
    column = protect_column(total, counts, SMALL, show_zero=show_zero)
    shown = {k: n for k, n in counts.items() if k not in column.hidden}
    assert all(n >= SMALL or (show_zero and n == 0) for n in shown.values())
    assert all(counts[k] < SMALL for k, r in column.hidden.items() if r == SMALL_REASON)
    total_seen = total if column.total_shown else None
    assert recoverable(total_seen, shown, column.hidden, zero_shown=show_zero) == []


def _page_table(html: str) -> dict[str, list[str]]:
    body = html[html.index('<tbody class="govuk-table__body">'):html.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        head = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)).strip()
        rows[head] = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


def test_random_tables_on_the_public_page(client, db, create_tagged):
    rng = random.Random(18)
    areas = ["asb", "road_safety", "drugs", "neighbourhood_crime"]
    districts = ["ashfield", "gedling", "mansfield", "rushcliffe"]
    truth = {d: dict.fromkeys(LABELS, 0) for d in districts}
    when = utcnow() - timedelta(minutes=5)
    for d in districts:
        # Mostly one area a response, so the cells nearly add up to the district's total.
        for area in areas:
            for _ in range(rng.choice([0, 0, 3, 10, 12])):
                labels = (area,) if rng.random() < 0.9 else (area, rng.choice(areas))
                create_tagged("Bikes, speeding and dealing near the park", tuple(set(labels)),
                              district=d, submitted_at=when)
                for label in set(labels):
                    truth[d][label] += 1
    table = _page_table(client.get("/what-we-heard").get_data(as_text=True))
    order = list(DISTRICTS)
    checked = 0
    for d in districts:
        i = order.index(d)
        received = table["Responses received"][i]
        total = None if not received.replace(",", "").isdigit() else int(received.replace(",", ""))
        shown, hidden = {}, {}
        for label in LABELS:
            text = table[label_name(label)][i]
            if text.endswith("%"):
                shown[label] = truth[d][label]
            else:
                hidden[label] = SMALL_REASON if text == f"fewer than {SMALL}" else PROTECT_REASON
                assert text in (f"fewer than {SMALL}", "not shown")
        assert recoverable(total, shown, hidden) == [], d
        checked += bool(hidden)
    assert checked  # the random tables did hide something
