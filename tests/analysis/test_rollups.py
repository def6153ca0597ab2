"""The analysis rollup equals a full recount after every kind of change the services
make, and the counts read from it equal an exact count of the filtered responses."""

import random
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from engage.analysis import rollups
from engage.analysis.models import AnalysisMarginal, AnalysisRollup
from engage.analysis.tally import Tally, split_period
from engage.privacy.retention import purge
from engage.privacy.services import erase_subject
from engage.responses.corrections import apply_tag_correction
from engage.responses.models import Response, ResponseTag
from engage.responses.queries import ResponseFilter
from engage.responses.services import create_response
from engage.responses.tagging import apply_model_tags

LABELS = ["asb", "drugs", "road_safety", "vawg", "rural_crime", "other"]
DISTRICTS = ["ashfield", "gedling", "rushcliffe", "nottingham_city", "unknown"]
START = datetime(2024, 1, 1)


def _model(labels):
    return SimpleNamespace(labels=labels, scores={lb: 0.8 for lb in labels}, evidence={})


def _random_change(rng, db, analyst, residents):
    ids = list(db.session.scalars(sa.select(Response.id)))
    kind = rng.choice(["insert"] * 4 + ["correct", "retag", "move", "delete", "tag_row"])
    if kind == "insert" or not ids:
        r = create_response(
            rng.choice(["direct", "event", "voices", "survey"]), "Speeding on the high street " * 2,
            district=rng.choice(DISTRICTS), respondent=rng.choice(residents + [None]),
            community_group=rng.choice([None, "young_people", "rural"]),
            submitted_at=START + timedelta(days=rng.randrange(700), hours=rng.randrange(24)), tag=False)
        apply_model_tags(r, _model(rng.sample(LABELS, rng.randrange(0, 3))), "test-1")
        return
    response = db.session.get(Response, rng.choice(ids))
    if kind == "correct":
        add = [lb for lb in rng.sample(LABELS, 2) if lb not in response.labels]
        remove = [lb for lb in response.labels if rng.random() < 0.5]
        if add or remove:
            apply_tag_correction(response, add, remove, analyst)
    elif kind == "retag":
        apply_model_tags(response, _model(rng.sample(LABELS, rng.randrange(0, 4))), "test-2")
    elif kind == "move":
        response.district = rng.choice(DISTRICTS)
        response.submitted_at = START + timedelta(days=rng.randrange(700))
    elif kind == "delete":
        db.session.delete(response)
    elif kind == "tag_row" and "hate_crime" not in response.labels:
        # A tag row written directly, not through the response's collection.
        db.session.add(ResponseTag(response_id=response.id, label="hate_crime", source="human"))
        db.session.flush()
        db.session.expire(response, ["tags"])


def _assert_matches_recount(db):
    db.session.flush()
    assert rollups.stale_cells(db.session.connection()) == {}
    assert rollups.stale_marginals(db.session.connection()) == {}


def test_rollup_equals_recount_after_random_changes(db, create_user):
    rng = random.Random(20)
    analyst = create_user("analyst")
    residents = [create_user("resident", f"resident{i}@example.org") for i in range(4)]
    for step in range(120):
        _random_change(rng, db, analyst, residents)
        if step % 3 == 0:
            db.session.commit()
        if step % 20 == 0:
            _assert_matches_recount(db)
    erase_subject("resident0@example.org", analyst)
    purge(apply=True, now=datetime(2031, 1, 1), actor=analyst)
    db.session.commit()
    _assert_matches_recount(db)
    assert db.session.scalar(sa.select(sa.func.sum(AnalysisRollup.n))) == db.session.scalar(
        sa.select(sa.func.count(Response.id)))
    everyone = sa.and_(AnalysisMarginal.cond == "", AnalysisMarginal.dim == "", AnalysisMarginal.label == "")
    assert db.session.scalar(sa.select(sa.func.sum(AnalysisMarginal.n)).where(everyone)) == db.session.scalar(
        sa.select(sa.func.count(Response.id)))


def test_rolled_back_change_leaves_the_rollup_as_it_was(db, create_response):
    response = create_response(district="gedling")
    before = rollups.stored(db.session.connection())
    response.district = "ashfield"
    db.session.add(ResponseTag(response_id=response.id, label="asb", source="human"))
    db.session.flush()
    assert rollups.stored(db.session.connection()) != before
    db.session.rollback()
    assert rollups.stored(db.session.connection()) == before


def _exact(flt: ResponseFilter) -> dict:
    """The old way: count the filtered responses and their tags directly."""
    from engage.extensions import db

    total = db.session.scalar(sa.select(sa.func.count(Response.id)).where(*flt.where()))
    by_label = dict(db.session.execute(
        sa.select(ResponseTag.label, sa.func.count()).join(Response, Response.id == ResponseTag.response_id)
        .where(*flt.where()).group_by(ResponseTag.label)).all())
    by_district = dict(db.session.execute(
        sa.select(Response.district, sa.func.count()).where(*flt.where()).group_by(Response.district)).all())
    return {"total": total, "by_label": by_label, "by_district": by_district}


FILTERS = [
    ResponseFilter(),
    ResponseFilter(since=date(2024, 4, 1), until=date(2025, 3, 31)),
    ResponseFilter(since=date(2024, 2, 14), until=date(2025, 6, 3)),
    ResponseFilter(since=date(2024, 3, 5), until=date(2024, 4, 20)),
    ResponseFilter(until=date(2024, 7, 9)),
    ResponseFilter(label="asb"),
    ResponseFilter(objective="Preventing", district="gedling"),
    ResponseFilter(district="rushcliffe", channel="direct", since=date(2024, 5, 17)),
    ResponseFilter(community_group="rural", label="drugs"),
    ResponseFilter(label="vawg", label_source="human"),
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.as_args().items()) or "all")
def test_counts_from_the_rollup_equal_an_exact_count(db, create_user, flt):
    rng = random.Random(5)
    analyst = create_user("analyst")
    for _ in range(150):
        _random_change(rng, db, analyst, [])
    db.session.commit()
    tally, exact = Tally(flt), _exact(flt)
    assert tally.total() == exact["total"] > 0
    assert tally.by_label() == exact["by_label"]
    assert tally.by("district") == exact["by_district"]
    assert sum(tally.by_month().values()) == exact["total"]


def test_split_period_counts_cut_months_exactly():
    assert split_period(date(2024, 4, 1), date(2025, 3, 31)) == ((date(2024, 4, 1), date(2025, 4, 1)), [])
    months, edges = split_period(date(2024, 2, 14), date(2024, 6, 3))
    assert months == (date(2024, 3, 1), date(2024, 6, 1))
    assert edges == [(date(2024, 2, 14), date(2024, 3, 1)), (date(2024, 6, 1), date(2024, 6, 4))]
    assert split_period(date(2024, 3, 5), date(2024, 3, 20)) == (None, [(date(2024, 3, 5), date(2024, 3, 21))])
    assert split_period(None, None) == ((None, None), [])


def test_rebuild_command_repairs_a_rollup_written_around(db, create_response, runner):
    for district in ("gedling", "gedling", "ashfield"):
        create_response(district=district)
    # A bulk write that bypasses the services (as a restore or a crash mid-load would).
    db.session.execute(sa.update(AnalysisRollup).values(n=AnalysisRollup.n + 5))
    everyone = sa.and_(AnalysisMarginal.cond == "", AnalysisMarginal.dim == "", AnalysisMarginal.label == "")
    db.session.execute(sa.update(AnalysisMarginal).where(everyone).values(n=AnalysisMarginal.n + 5))
    db.session.commit()
    cells = db.session.scalar(sa.select(sa.func.count()).select_from(AnalysisRollup))
    months = db.session.scalar(sa.select(sa.func.count()).select_from(AnalysisMarginal).where(everyone))
    assert Tally(ResponseFilter()).total() == 3 + 5 * months
    assert Tally(ResponseFilter(district="gedling", channel="direct")).total() > 2  # read from the cells
    assert cells > 0
    result = runner.invoke(args=["analysis", "check-rollups"])
    assert result.exit_code == 1 and "out of date" in result.output
    result = runner.invoke(args=["analysis", "rebuild-rollups"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert Tally(ResponseFilter()).total() == 3
    assert Tally(ResponseFilter()).by("district") == {"gedling": 2, "ashfield": 1}
    assert Tally(ResponseFilter(district="gedling", channel="direct")).total() == 2
    assert runner.invoke(args=["analysis", "check-rollups"]).exit_code == 0


MARGINAL_FILTERS = [
    ResponseFilter(),
    ResponseFilter(since=date(2024, 2, 14), until=date(2025, 6, 3)),
    ResponseFilter(label="asb", since=date(2024, 4, 1), until=date(2025, 3, 31)),
    ResponseFilter(objective="Preventing"),
    ResponseFilter(district="gedling", since=date(2024, 3, 5), until=date(2024, 4, 20)),
    ResponseFilter(channel="voices", until=date(2025, 1, 9)),
    ResponseFilter(community_group="rural"),
]


@pytest.mark.parametrize("flt", MARGINAL_FILTERS,
                         ids=lambda f: ",".join(f"{k}={v}" for k, v in f.as_args().items()) or "all")
def test_every_count_from_the_marginals_equals_the_cells(db, create_user, flt):
    """Everything a summary shows, read from the marginals, equals the same read from the
    cells (which the tests above hold to an exact recount), cut months included."""
    rng = random.Random(11)
    analyst = create_user("analyst")
    for _ in range(150):
        _random_change(rng, db, analyst, [])
    db.session.commit()
    fast, cells = Tally(flt), Tally(flt)
    cells.cond = None  # read the cells instead
    assert fast.cond is not None
    assert fast.total() == cells.total() > 0
    assert fast.by_month() == cells.by_month()
    assert fast.by_label() == cells.by_label()
    assert fast.by_objective() == cells.by_objective()
    for dim in ("district", "channel", "community_group"):
        assert fast.by(dim) == cells.by(dim)
        assert fast.breakdown(dim) == cells.breakdown(dim)
    assert fast.co_occurrence() == cells.co_occurrence()
