"""Keeping the analysis rollup current in the same transaction as the change.

Why the same transaction, not the worker: a count can never be ahead of or behind
the responses it counts (a rollback undoes both), nothing depends on a worker being
up, and the cost is two small indexed reads and one upsert per flush that touches a
response's month, district, channel, community group or labels. The rollup is keyed
by the exact label set, so every label, objective and co-occurrence count (and a
label or objective filter) is a sum over cells.

How: before a flush, the touched responses' current cells are read from the database
(locking those response rows on PostgreSQL, so concurrent corrections serialise);
after it, their new cells are read again and the difference is upserted. ORM writes
from any service (create, retag, correction, erasure, purge, delete) are covered;
bulk Core writes are not, and `rebuild_rollups` (flask analysis rebuild-rollups)
recomputes everything after such a load or a restore."""

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from engage.analysis.models import AnalysisRollup
from engage.extensions import db
from engage.responses.models import Response, ResponseTag

KEY_COLUMNS = ("month", "district", "channel", "community_group", "label_set")
TRACKED = ("submitted_at", "district", "channel", "community_group", "tags")
_PENDING = "engage.analysis.rollups.pending"
CHUNK = 500

Key = tuple[date, str, str, str, str]


def month_start(moment) -> date:
    return date(moment.year, moment.month, 1)


def iter_keys(conn, where: Iterable = (), lock: bool = False, stream: bool = False) -> Iterator[tuple[int, Key]]:
    """(response id, rollup cell) for every response matching `where`, in id order;
    `stream` reads through a server-side cursor (a full recount)."""
    stmt = (
        sa.select(Response.id, Response.submitted_at, Response.district, Response.channel,
                  Response.community_group, ResponseTag.label)
        .outerjoin(ResponseTag, ResponseTag.response_id == Response.id)
        .where(*where)
        .order_by(Response.id)
    )
    if lock:
        stmt = stmt.with_for_update(of=Response.__table__)
    if stream:
        stmt = stmt.execution_options(yield_per=20_000)
    current, dims, labels = None, None, []
    for rid, at, district, channel, group, label in conn.execute(stmt):
        if rid != current:
            if current is not None:
                yield current, (*dims, ",".join(sorted(labels)))
            current, dims, labels = rid, (month_start(at), district, channel, group or ""), []
        if label is not None:
            labels.append(label)
    if current is not None:
        yield current, (*dims, ",".join(sorted(labels)))


def _keys_of(conn, ids: set[int], lock: bool) -> dict[int, Key]:
    ordered, out = sorted(ids), {}
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        out.update(iter_keys(conn, [Response.id.in_(chunk)], lock=lock))
    return out


def _changed(obj) -> bool:
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in TRACKED)


def _touched(session: Session) -> tuple[set[int], list[Response]]:
    """Ids of persistent responses whose cell may change in this flush, and new responses."""
    ids, fresh = set(), []
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Response):
            if obj.id is None:
                fresh.append(obj)
            elif obj in session.new or obj in session.deleted or _changed(obj):
                ids.add(obj.id)
        elif isinstance(obj, ResponseTag):
            ids |= _tag_response_ids(obj, session)
    return ids, fresh


def _tag_response_ids(tag: ResponseTag, session: Session) -> set[int]:
    state = sa.inspect(tag)
    if tag in session.dirty and not any(
        state.attrs[name].history.has_changes() for name in ("label", "response_id", "response")
    ):
        return set()  # a new score or evidence: same label set
    history = state.attrs.response_id.history
    ids = {i for i in (*history.deleted, *history.unchanged, *history.added) if i is not None}
    if tag.response is not None and tag.response.id is not None:
        ids.add(tag.response.id)
    return ids


@event.listens_for(Session, "before_flush")
def _before_flush(session, _context, _instances) -> None:
    session.info.pop(_PENDING, None)
    ids, fresh = _touched(session)
    if not ids and not fresh:
        return
    before = _keys_of(session.connection(), ids, lock=True) if ids else {}
    session.info[_PENDING] = (ids, before, fresh)


@event.listens_for(Session, "after_flush")
def _after_flush(session, _context) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending is None:
        return
    ids, before, fresh = pending
    ids = ids | {r.id for r in fresh if r.id is not None}
    conn = session.connection()
    after = _keys_of(conn, ids, lock=False)
    delta: Counter = Counter()
    for rid in ids:
        old, new = before.get(rid), after.get(rid)
        if old != new:
            if old is not None:
                delta[old] -= 1
            if new is not None:
                delta[new] += 1
    apply_delta(conn, delta)


def _insert(conn, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def apply_delta(conn, delta: Counter) -> None:
    """Add `delta` (cell -> change) to the rollup, and its projection to the marginals;
    rows that reach zero are dropped. Rows are written in key order so concurrent
    transactions lock them in one order."""
    from engage.analysis import marginals

    _upsert(conn, AnalysisRollup.__table__, KEY_COLUMNS, delta)
    _upsert(conn, marginals.table(), marginals.MARGINAL_COLUMNS, marginals.project(delta.items()))


def _upsert(conn, table: sa.Table, key_columns: tuple[str, ...], delta: Counter) -> None:
    rows = [dict(zip(key_columns, key, strict=True), n=n) for key, n in sorted(delta.items()) if n]
    if not rows:
        return
    ins = _insert(conn, table)
    conn.execute(
        ins.on_conflict_do_update(index_elements=list(key_columns), set_={"n": table.c.n + ins.excluded.n}),
        rows,
    )
    emptied = [r for r in rows if r["n"] < 0]
    if emptied:
        cols = [table.c[c] for c in key_columns]
        conn.execute(
            table.delete().where(*(c == sa.bindparam(f"k_{c.name}") for c in cols), table.c.n <= 0),
            [{f"k_{c}": r[c] for c in key_columns} for r in emptied],
        )


def recount(conn) -> Counter:
    """Every cell recounted from the responses and their tags (the ground truth)."""
    counts: Counter = Counter()
    for _rid, key in iter_keys(conn, stream=True):
        counts[key] += 1
    return counts


def stored(conn) -> Counter:
    table = AnalysisRollup.__table__
    return Counter(
        {tuple(row[:5]): row[5] for row in conn.execute(sa.select(*(table.c[c] for c in KEY_COLUMNS), table.c.n))}
    )


def stale_cells(conn=None) -> dict[Key, tuple[int, int]]:
    """cell -> (stored, recounted) wherever the rollup disagrees with a full recount."""
    conn = conn or db.session.connection()
    have, want = stored(conn), recount(conn)
    return _differences(have, want)


def stale_marginals(conn=None, cells: Counter | None = None) -> dict[tuple, tuple[int, int]]:
    """marginal key -> (stored, projected from a full recount) wherever they differ."""
    from engage.analysis import marginals

    conn = conn or db.session.connection()
    table = marginals.table()
    cols = [table.c[c] for c in marginals.MARGINAL_COLUMNS]
    have = Counter({tuple(row[:5]): row[5] for row in conn.execute(sa.select(*cols, table.c.n))})
    want = marginals.project((cells if cells is not None else recount(conn)).items())
    return _differences(have, want)


def _differences(have: Counter, want: Counter) -> dict:
    return {k: (have.get(k, 0), want.get(k, 0)) for k in set(have) | set(want) if have.get(k, 0) != want.get(k, 0)}


def rebuild_rollups() -> int:
    """Replace the rollup (and its marginals) with a full recount (after a bulk load, a
    restore or a crash outside a transaction). Flushes; the caller commits. Returns the
    cells written."""
    from engage.analysis import marginals

    conn = db.session.connection()
    counts = recount(conn)
    _replace(conn, AnalysisRollup.__table__, KEY_COLUMNS, counts)
    _replace(conn, marginals.table(), marginals.MARGINAL_COLUMNS, marginals.project(counts.items()))
    return len(counts)


def _replace(conn, table: sa.Table, columns: tuple[str, ...], rows: Counter) -> int:
    """Empty `table` and write `rows` (key -> count) in batches; returns the rows written."""
    conn.execute(table.delete())
    batch = [dict(zip(columns, k, strict=True), n=n) for k, n in sorted(rows.items()) if n]
    for start in range(0, len(batch), 5_000):
        conn.execute(sa.insert(table), batch[start : start + 5_000])
    return len(batch)


def reproject_marginals() -> int:
    """Project the stored cells afresh (their objective rows follow the plan: after an admin
    loads another plan). The cells themselves know no plan, so no recount. Flushes; the
    caller commits in the same transaction as the plan. Returns the marginal rows written."""
    from engage.analysis import marginals

    conn = db.session.connection()
    return _replace(conn, marginals.table(), marginals.MARGINAL_COLUMNS, marginals.project(stored(conn).items()))


def objective_labels() -> dict[str, frozenset[str]]:
    from engage.plan.active import objective_labels as of_active_plan

    return of_active_plan()


def labels_of(label_set: str) -> list[str]:
    return label_set.split(",") if label_set else []


