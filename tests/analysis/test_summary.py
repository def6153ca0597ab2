from datetime import date, datetime

from engage.analysis.summary import build_summary, previous_period
from engage.responses.queries import ResponseFilter

YEAR = ResponseFilter(since=date(2026, 4, 1), until=date(2027, 3, 31))


def test_previous_period_is_the_same_length_just_before():
    assert previous_period(YEAR) == (date(2025, 4, 1), date(2026, 3, 31))
    assert previous_period(ResponseFilter(since=date(2026, 5, 10), until=date(2026, 5, 19))) == (
        date(2026, 4, 30),
        date(2026, 5, 9),
    )
    assert previous_period(ResponseFilter(since=date(2026, 4, 1))) is None


def test_counts_shares_change_breakdowns_and_companions(db, create_tagged):
    for district in ("mansfield", "mansfield", "ashfield"):
        create_tagged(
            "Off-road bikes and dealing on the estate",
            ("asb", "drugs"),
            district=district,
            channel="event",
            submitted_at=datetime(2026, 6, 1),
        )
    create_tagged(
        "Speeding through Bingham",
        ("road_safety",),
        district="rushcliffe",
        channel="voices",
        community_group="older_people",
        submitted_at=datetime(2026, 7, 1),
    )
    create_tagged("Bikes on the rec last year", ("asb",), submitted_at=datetime(2025, 6, 1))
    create_tagged("Outside the period", ("asb",), submitted_at=datetime(2027, 4, 1))
    summary = build_summary(YEAR)
    assert summary["total"] == 4
    assert summary["previous_period"]["total"] == 1
    areas = {a["label"]: a for a in summary["areas"]}
    asb = areas["asb"]
    assert (asb["count"], asb["share"], asb["change"], asb["previous_count"]) == (3, 0.75, 2, 1)
    assert asb["share_change"] == -25.0  # 100% of last period's one response, 75% now
    assert asb["by_district"] == {"mansfield": 2, "ashfield": 1}
    assert asb["by_channel"] == {"event": 3}
    assert asb["appears_with"][0]["label"] == "drugs" and asb["appears_with"][0]["share"] == 1.0
    assert areas["road_safety"]["by_community_group"] == {"older_people": 1}
    assert [a["label"] for a in summary["areas"]][:2] == ["asb", "drugs"]  # biggest first


def test_objectives_roll_up_each_response_once(db, create_tagged):
    from nlp.taxonomy import OBJECTIVES, objectives_for

    create_tagged("Dealing and knives", ("drugs", "serious_violence"))
    create_tagged("Nothing in particular", ("other",))
    summary = build_summary(ResponseFilter())
    by = {o["objective"]: o["count"] for o in summary["objectives"]}
    assert list(by) == list(OBJECTIVES)
    for objective in OBJECTIVES:
        expected = (
            1
            if objective in set(objectives_for("drugs")) | set(objectives_for("serious_violence"))
            else 0
        )
        assert by[objective] == expected


def test_quotes_only_with_consent_never_flagged_or_hidden_and_redacted(db, create_tagged):
    create_tagged(
        "Cars race down Trent Bridge every night, my name is Sarah and I am fed up",
        ("road_safety",),
        consent_to_quote=True,
    )
    create_tagged("No consent: the lorries speed past the school gates", ("road_safety",))
    create_tagged(
        "Flagged: he drives at me on purpose every single day",
        ("road_safety",),
        consent_to_quote=True,
        safeguarding_flag=True,
    )
    create_tagged(
        "Hidden by moderation: speeding idiots on the A60 again",
        ("road_safety",),
        consent_to_quote=True,
        status="hidden",
    )
    quotes = next(
        a for a in build_summary(ResponseFilter())["areas"] if a["label"] == "road_safety"
    )["quotes"]
    assert [q["text"] for q in quotes] == [
        "Cars race down Trent Bridge every night, my name is [name] and I am fed up"
    ]


def test_needs_assessment_years_run_april_to_march():
    from engage.analysis.summary import needs_assessment_years

    assert needs_assessment_years(date(2026, 11, 22), 2) == [
        (date(2026, 4, 1), date(2027, 3, 31)),
        (date(2025, 4, 1), date(2026, 3, 31)),
    ]
    assert needs_assessment_years(date(2027, 3, 31), 1) == [(date(2026, 4, 1), date(2027, 3, 31))]


def test_quotes_for_a_narrow_filter_widen_the_window_until_found(db, create_tagged, monkeypatch):
    """Far down a label's surest tags (beyond the first and second windows) the quotes a
    narrow filter wants are still found, and they are the surest of those that match."""
    from engage.analysis import quotes
    from engage.responses.queries import ResponseFilter

    monkeypatch.setattr(quotes, "WINDOW", 1)  # windows of 1, 10, 100 tags, then the whole label
    for i in range(40):
        create_tagged(f"Bikes on the rec every night, week {i}", ("asb",), district="ashfield",
                      consent_to_quote=True)
    wanted = [create_tagged(f"Gedling bikes on the rec, night {i}", ("asb",), district="gedling",
                            consent_to_quote=True) for i in range(3)]
    for i, response in enumerate(wanted):
        response.tags[0].score = 0.5 - i / 10  # far below every ashfield tag (0.9)
    db.session.commit()
    rows = quotes.quotable(ResponseFilter(district="gedling"), ["asb"], 2)
    assert [r[1] for r in rows] == [wanted[0].reference, wanted[1].reference]
