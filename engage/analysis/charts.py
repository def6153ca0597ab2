"""Bar charts as plain geometry for the SVG templates: no scripts, no style
attributes (the CSP forbids both), so the same chart renders on screen and in a PDF."""

from dataclasses import dataclass

LABEL_WIDTH = 250
BAR_SPACE = 360
VALUE_SPACE = 90
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LABEL_CHARS = 34
PALETTE = ("#1d70b8", "#4c2c92", "#00703c", "#d4351c", "#f47738", "#5694ca", "#912b88", "#85994b")


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: int
    url: str | None
    share: float
    y: int
    width: int
    colour: str

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: list[Bar]
    total: int
    label_width: int = LABEL_WIDTH

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_SPACE + VALUE_SPACE

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT + 4

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, str, int, str | None]],
    total: int | None = None,
    colour_by_row: bool = False,
) -> Chart:
    """rows are (key, label, value, link); bars scale to the largest value, and
    shares are of `total` (defaults to the sum of the values)."""
    total = sum(r[2] for r in rows) if total is None else total
    biggest = max((r[2] for r in rows), default=0) or 1
    bars = [
        Bar(
            key=key,
            label=label,
            value=value,
            url=url,
            share=round(value / total, 4) if total else 0.0,
            y=2 + i * ROW_HEIGHT,
            width=max(1 if value else 0, round(BAR_SPACE * value / biggest)),
            colour=PALETTE[i % len(PALETTE)] if colour_by_row else PALETTE[0],
        )
        for i, (key, label, value, url) in enumerate(rows)
    ]
    return Chart(id=chart_id, title=title, bars=bars, total=total)


@dataclass(frozen=True)
class Pair:
    label: str
    heard: float
    population: float
    y: int
    heard_width: int
    population_width: int

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"


@dataclass(frozen=True)
class PairedChart:
    """Who we heard from (first bar) against who lives here (second bar), as shares."""

    id: str
    title: str
    pairs: list[Pair]
    label_width: int = LABEL_WIDTH
    bar_height: int = 11

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_SPACE + VALUE_SPACE

    @property
    def height(self) -> int:
        return max(1, len(self.pairs)) * (2 * self.bar_height + 10) + 30


def paired_chart(chart_id: str, title: str, rows: list[tuple[str, float, float]]) -> PairedChart:
    """rows are (label, heard share, population share), shares 0 to 1."""
    biggest = max([max(h, p) for _, h, p in rows] or [0]) or 1
    step = 2 * 11 + 10
    pairs = [
        Pair(
            label=label,
            heard=h,
            population=p,
            y=26 + i * step,
            heard_width=round(BAR_SPACE * h / biggest),
            population_width=round(BAR_SPACE * p / biggest),
        )
        for i, (label, h, p) in enumerate(rows)
    ]
    return PairedChart(id=chart_id, title=title, pairs=pairs)
