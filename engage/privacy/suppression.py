"""Small-number suppression for a published table whose columns carry a published total:
primary (every count under the threshold) and complementary (secondary), so that no
hidden count can be worked out from the column total and the counts still shown.

Why more than primary suppression: with a column total of 25 and every cell but one shown,
the hidden one is the total minus the rest. The reader is assumed to know everything
shown, that a cell hidden as small lies in 0..threshold-1, that a cell hidden to protect
another lies in threshold..total, and (the worst case) that the cells of a column add up to
its total. A hidden cell is exposed when those facts leave it one possible value; while any
is, the smallest count still shown in that column is hidden too, and when none is left the
column total is withheld. Rows here carry no published total, so columns are independent.
"""

from collections.abc import Mapping
from dataclasses import dataclass

SMALL_REASON = "small"  # under the threshold
PROTECT_REASON = "protect"  # hidden so that a small one cannot be worked out


@dataclass(frozen=True)
class Column:
    total_shown: bool
    hidden: dict[str, str]  # cell key -> SMALL_REASON or PROTECT_REASON


def bounds(reason: str, small: int, total: int, show_zero: bool = False) -> tuple[int, int]:
    """What a reader knows of a hidden cell from how it is marked."""
    return (int(show_zero), small - 1) if reason == SMALL_REASON else (small, total)


def exposed(rest: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether any hidden cell has one possible value, given that the hidden cells add up
    to `rest` (the total less the cells shown) and each lies in its range. When no values
    in the ranges can add up to `rest` (a response raising several areas is counted in
    each), a reader learns only that they add up to at least `rest`."""
    low, high = sum(lo for lo, _ in ranges), sum(hi for _, hi in ranges)
    if not low <= rest <= high:
        return rest >= high
    for lo, hi in ranges:
        least = max(lo, rest - (high - hi))
        most = min(hi, rest - (low - lo))
        if least == most:
            return True
    return False


def protect_column(total: int, counts: Mapping[str, int], small: int, show_zero: bool = False) -> Column:
    """Which cells of one column to hide, and whether its total can be shown. With
    `show_zero`, a count of 0 is shown (nobody to protect: it is the gap a page like
    'who we heard from' is for) and only 1 to small-1 is hidden as small."""
    if total < small:
        return Column(False, {k: SMALL_REASON for k, n in counts.items() if n or not show_zero})
    hidden = {k: SMALL_REASON for k, n in counts.items() if n < small and (n or not show_zero)}
    while hidden:
        rest = total - sum(n for k, n in counts.items() if k not in hidden)
        if not exposed(rest, [bounds(r, small, total, show_zero) for r in hidden.values()]):
            break
        shown = sorted((n, k) for k, n in counts.items() if k not in hidden and n >= small)
        if not shown:
            return Column(False, hidden)
        hidden[shown[0][1]] = PROTECT_REASON
    return Column(True, hidden)
