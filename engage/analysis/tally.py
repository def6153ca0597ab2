"""A scope's counts, read from the rollup. With at most one of label, objective,
district, channel or community group as filter, from the marginals (one grouped read
of a few hundred rows a month, one of month totals); otherwise from the cells (one
grouped query for the label sets by district, channel and community group, one for
months). Every count the summary, dashboard and differences show is summed from those
rows in Python.

Whole months inside since/until come from the rollup; the days of a month that the
period cuts are counted exactly with range predicates on submitted_at. Filters the
rollup cannot answer (event, survey, summit, 'About you' answers, tag source) are
counted exactly over the filtered responses, the same way."""

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import cached_property

import sqlalchemy as sa

from engage.analysis import marginals
from engage.analysis.exact import exact_cells
from engage.analysis.models import AnalysisRollup
from engage.analysis.reads import analysis_connection
from engage.analysis.rollups import labels_of, month_start, objective_labels
from engage.responses.models import Response
from engage.responses.queries import ResponseFilter

WIDE = ("district", "channel", "community_group")
ALL_DIMS = ("month", *WIDE)


def servable(flt: ResponseFilter) -> bool:
    """Whether the rollup can answer `flt` (with exact counts for partial months)."""
    return not (flt.event_id is not None or flt.survey_id is not None or flt.summit_id is not None
                or flt.equality or flt.label_source)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def split_period(since: date | None, until: date | None):
    """((first whole month, end of whole months (exclusive)) or None when the period
    holds no whole month, [(start, end) ranges to count exactly])."""
    end = until + timedelta(days=1) if until else None
    first = since if since is None or since.day == 1 else _next_month(since)
    last = end if end is None or end.day == 1 else month_start(end)
    if first is not None and last is not None and first >= last:
        return None, [(since, end)]
    edges = []
    if since is not None and since < first:
        edges.append((since, first))
    if end is not None and last < end:
        edges.append((last, end))
    return (first, last), edges


def _at(day: date) -> datetime:
    return datetime.combine(day, time.min)


class Tally:
    """Counts for one filter; each grouped read happens once, on first use."""

    def __init__(self, flt: ResponseFilter):
        self.flt = flt

    def _wanted(self):
        """A predicate on a label set for the label and objective filters."""
        label, objective = self.flt.label, self.flt.objective
        allowed = objective_labels().get(objective) if objective else None
        if not label and not objective:
            return lambda labels: True
        return lambda labels: (not label or label in labels) and (allowed is None or bool(allowed & set(labels)))

    def _read(self, dims: tuple[str, ...], sets: bool = True) -> dict[tuple, int]:
        """(*dims values, label_set) -> responses; with `sets` False (and no label or
        objective filter) label_set is '' and only `dims` are grouped."""
        sets = sets or bool(self.flt.label or self.flt.objective)
        if servable(self.flt):
            months, edges = split_period(self.flt.since, self.flt.until)
            out = self._from_rollup(dims, sets, *months) if months else {}
            for start, end in edges:
                where = self._dim_clauses()
                if start is not None:
                    where.append(Response.submitted_at >= _at(start))
                if end is not None:
                    where.append(Response.submitted_at < _at(end))
                self._add_exact(out, dims, where, sets)
        else:
            out = {}
            self._add_exact(out, dims, self.flt.where(), sets)
        wanted = self._wanted()
        return {k: n for k, n in out.items() if n and wanted(labels_of(k[-1]))}

    def _dim_clauses(self) -> list:
        return [getattr(Response, d) == getattr(self.flt, d) for d in WIDE if getattr(self.flt, d)]

    def _from_rollup(self, dims, sets: bool, first, last) -> dict[tuple, int]:
        t = AnalysisRollup.__table__
        cols = [t.c[d] for d in dims] + ([t.c.label_set] if sets else [])
        where = [t.c[d] == getattr(self.flt, d) for d in WIDE if getattr(self.flt, d)]
        if first is not None:
            where.append(t.c.month >= first)
        if last is not None:
            where.append(t.c.month < last)
        where += self._label_set_clauses(t.c.label_set)
        label_set = [] if sets else [sa.literal("").label("label_set")]
        stmt = sa.select(*cols, *label_set, sa.func.sum(t.c.n)).where(*where)
        if cols:
            stmt = stmt.group_by(*cols)
        group = dims.index("community_group") if "community_group" in dims else None
        out: dict[tuple, int] = {}
        with analysis_connection() as conn:
            if conn.dialect.name == "postgresql":
                # The grouping holds tens of thousands of groups: keep it in memory
                # (the default 4 MB spills it to disk), for this transaction only.
                conn.execute(sa.text("SET LOCAL work_mem = '32MB'"))
            rows = conn.execute(stmt).all()
        for row in rows:
            key = tuple(row[:-1])
            if group is not None and not key[group]:
                key = (*key[:group], None, *key[group + 1 :])
            out[key] = row[-1]
        return out

    def _label_set_clauses(self, column) -> list:
        """The label and objective filters as LIKEs on the comma-joined label set (the
        Python predicate in _read stays the judge; this only sends fewer rows)."""
        def has(label):
            return (sa.literal(",") + column + ",").like(f"%,{label},%")

        out = [has(self.flt.label)] if self.flt.label else []
        if self.flt.objective:
            out.append(sa.or_(*(has(lb) for lb in sorted(objective_labels().get(self.flt.objective, ())))))
        return out

    @staticmethod
    def _norm(dims, values) -> tuple:
        """community_group '' in the rollup is None everywhere else."""
        width = len(dims)
        dims_values = zip(dims, values[:width], strict=True)
        return tuple(None if d == "community_group" and not v else v for d, v in dims_values) + (values[width],)

    def _add_exact(self, out: dict, dims, where, sets: bool = True) -> None:
        positions = [ALL_DIMS.index(d) for d in dims]
        cells = self._exact(where)
        for key, n in cells.items():
            k = self._norm(dims, tuple(key[p] for p in positions) + (key[-1] if sets else "",))
            out[k] = out.get(k, 0) + n

    def _exact(self, where: list) -> Counter:
        """exact_cells(where), read once per Tally (each read groups by every dimension)."""
        compiled = sa.and_(sa.true(), *where).compile()
        key = (str(compiled), repr(sorted(compiled.params.items())))
        cache = self.__dict__.setdefault("_exact_cache", {})
        if key not in cache:
            with analysis_connection() as conn:
                cache[key] = exact_cells(conn, where)
        return cache[key]

    # --- marginals: at most one of label, objective, district, channel, community group

    @cached_property
    def cond(self) -> str | None:
        """The marginals' condition for this filter, or None when they cannot answer it."""
        if not servable(self.flt):
            return None
        f = self.flt
        return marginals.condition(f.label, f.objective, f.district, f.channel, f.community_group)

    @cached_property
    def _edge_cells(self) -> Counter:
        """Cells of the days the period cuts from a month, counted exactly."""
        _months, edges = split_period(self.flt.since, self.flt.until)
        out: Counter = Counter()
        base = replace(self.flt, since=None, until=None).where()
        for start, end in edges:
            where = list(base)
            if start is not None:
                where.append(Response.submitted_at >= _at(start))
            if end is not None:
                where.append(Response.submitted_at < _at(end))
            out.update(self._exact(where))
        return out

    def _marginal_read(self, by_month: bool) -> Counter:
        """(dim, value, label) -> n, or (month,) -> n with `by_month`."""
        months, _edges = split_period(self.flt.since, self.flt.until)
        out: Counter = Counter()
        if months:
            t = marginals.table()
            first, last = months
            where = [t.c.cond == self.cond]
            if first is not None:
                where.append(t.c.month >= first)
            if last is not None:
                where.append(t.c.month < last)
            if by_month:
                cols = [t.c.month]
                where += [t.c.dim == "", t.c.value == "", t.c.label == ""]
            else:
                cols = [t.c.dim, t.c.value, t.c.label]
            with analysis_connection() as conn:
                rows = conn.execute(sa.select(*cols, sa.func.sum(t.c.n)).where(*where).group_by(*cols)).all()
            out.update({tuple(row[:-1]): row[-1] for row in rows})
        if by_month:
            for cell, n in self._edge_cells.items():
                if marginals.meets(cell, self.cond):
                    out[(cell[0],)] += n
            return +out
        for (_cond, _month, dim, value, label), n in marginals.project(self._edge_cells.items(), self.cond).items():
            out[(dim, value, label)] += n
        return +out

    @cached_property
    def marginal(self) -> Counter:
        return self._marginal_read(by_month=False)

    @cached_property
    def marginal_months(self) -> Counter:
        return self._marginal_read(by_month=True)

    @cached_property
    def wide(self) -> dict[tuple, int]:
        return self._read(WIDE)

    @cached_property
    def months(self) -> dict[tuple, int]:
        return self._read(("month",), sets=False)

    def total(self) -> int:
        """Responses in scope: from a read already made when there is one, else one SUM."""
        if self.cond is not None:
            if "marginal" in self.__dict__:
                return self.marginal.get(("", "", ""), 0)
            return sum(self.marginal_months.values())
        if "wide" in self.__dict__ or not servable(self.flt):  # an exact read gives both at once
            return sum(self.wide.values())
        return sum(self._read((), sets=False).values())

    @cached_property
    def by_set(self) -> Counter:
        """label set -> responses (every label count below starts from this)."""
        out: Counter = Counter()
        for key, n in self.wide.items():
            out[key[-1]] += n
        return out

    def by_label(self) -> dict[str, int]:
        if self.cond is not None:
            return {x: n for (dim, _v, x), n in self.marginal.items() if dim == "" and x and x[0] != "@"}
        out: Counter = Counter()
        for label_set, n in self.by_set.items():
            for label in labels_of(label_set):
                out[label] += n
        return dict(out)

    def by_objective(self) -> dict[str, int]:
        objectives = objective_labels()
        if self.cond is not None:
            return {o: self.marginal.get(("", "", "@" + o), 0) for o in objectives}
        out = dict.fromkeys(objectives, 0)
        for label_set, n in self.by_set.items():
            labels = set(labels_of(label_set))
            for objective, members in objectives.items():
                if labels & members:
                    out[objective] += n
        return out

    def by(self, dimension: str) -> dict:
        if self.cond is not None:
            return {_value(dimension, v): n for (dim, v, x), n in self.marginal.items()
                    if dim == dimension and not x}
        pos, out = WIDE.index(dimension), Counter()
        for key, n in self.wide.items():
            out[key[pos]] += n
        return dict(out)

    def breakdown(self, dimension: str) -> dict[str, dict]:
        out = defaultdict(Counter)
        if self.cond is not None:
            for (dim, v, label), n in self.marginal.items():
                if dim == dimension and label:
                    out[label][_value(dimension, v)] += n
            return {lb: dict(c) for lb, c in out.items()}
        pos = WIDE.index(dimension)
        for key, n in self.wide.items():
            for label in labels_of(key[-1]):
                out[label][key[pos]] += n
        return {lb: dict(c) for lb, c in out.items()}

    def co_occurrence(self) -> dict[str, dict[str, int]]:
        out: dict = defaultdict(Counter)
        if self.cond is not None:
            for (dim, other, label), n in self.marginal.items():
                if dim == marginals.WITH:
                    out[label][other] += n
            return {lb: dict(c) for lb, c in out.items()}
        for label_set, n in self.by_set.items():
            labels = labels_of(label_set)
            for a in labels:
                for b in labels:
                    if a != b:
                        out[a][b] += n
        return {lb: dict(c) for lb, c in out.items()}

    def by_month(self) -> dict[str, int]:
        out: Counter = Counter()
        if self.cond is not None:
            for (month,), n in self.marginal_months.items():
                out[month.strftime("%Y-%m")] += n
            return dict(sorted(out.items()))
        for key, n in self.months.items():
            out[key[0].strftime("%Y-%m")] += n
        return dict(sorted(out.items()))


def _value(dimension: str, value: str):
    """community_group '' in the marginals is None everywhere else."""
    return None if dimension == "community_group" and not value else value
