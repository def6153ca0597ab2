"""The filters the analysis pages, API and exports share (ResponseFilter)."""

from datetime import date, datetime

from engage.responses.queries import ResponseFilter, count_responses, list_responses


def _refs(flt):
    return {r.reference for r in list_responses(flt, 1, 200)}


def test_event_survey_and_summit_filters_follow_each_channels_source(
    db, create_tagged, create_event, create_analysis_survey, create_survey_response
):
    event, other_event = create_event(), create_event()
    at_event = create_tagged(
        "Speeding past the school", ("road_safety",), channel="event", source_id=event.id
    )
    create_tagged(
        "Speeding on the A614", ("road_safety",), channel="event", source_id=other_event.id
    )
    survey, other_survey = create_analysis_survey(), create_analysis_survey("Another survey")
    answered = create_survey_response(survey, "Dealing in the park", ("drugs",))
    create_survey_response(other_survey, "Dealing by the shops", ("drugs",))
    # A direct response whose source_id collides with the ids above must not leak in.
    create_tagged("Told in confidence", ("vawg",), channel="direct", source_id=event.id)
    assert _refs(ResponseFilter(event_id=event.id)) == {at_event.reference}
    assert _refs(ResponseFilter(survey_id=survey.id)) == {answered.reference}


def test_summit_filter(db, create_tagged):
    import secrets

    from engage.summit.models import Summit, SummitSubmission

    summits = [
        Summit(
            year=y,
            title=f"Summit {y}",
            held_on=date(y, 3, 12),
            window_opens_at=datetime(y - 1, 10, 1),
            window_closes_at=datetime(y, 2, 20),
        )
        for y in (2026, 2027)
    ]
    db.session.add_all(summits)
    db.session.flush()
    subs = [
        SummitSubmission(
            reference=secrets.token_hex(4),
            summit_id=s.id,
            respondent_type="farmer_landowner",
            district="newark_and_sherwood",
            crimes=["fuel_theft"],
            reported=False,
        )
        for s in summits
    ]
    db.session.add_all(subs)
    db.session.commit()
    mine = create_tagged(
        "Red diesel stolen again", ("rural_crime",), channel="summit", source_id=subs[0].id
    )
    create_tagged(
        "Hare coursing every weekend", ("rural_crime",), channel="summit", source_id=subs[1].id
    )
    assert _refs(ResponseFilter(summit_id=summits[0].id)) == {mine.reference}


def test_equality_filter_uses_the_submissions_about_you_answers(
    db, create_analysis_survey, create_survey_response
):
    survey = create_analysis_survey()
    her = create_survey_response(
        survey, "Spiking in town", ("vawg",), sex="female", ethnicity="black_african"
    )
    create_survey_response(
        survey, "Spiking in town too", ("vawg",), sex="male", ethnicity="black_african"
    )
    assert _refs(ResponseFilter(equality=(("sex", "female"),))) == {her.reference}
    assert count_responses(ResponseFilter(equality=(("ethnicity", "black_african"),))) == 2
    assert (
        count_responses(ResponseFilter(equality=(("ethnicity", "black_african"), ("sex", "male"))))
        == 1
    )


def test_label_source_separates_the_models_tags_from_analysts(db, create_tagged):
    model = create_tagged("Burglary on our street", ("neighbourhood_crime",))
    human = create_tagged("Shed broken into", ("neighbourhood_crime",), source="human")
    assert _refs(ResponseFilter(label="neighbourhood_crime")) == {model.reference, human.reference}
    assert _refs(ResponseFilter(label="neighbourhood_crime", label_source="human")) == {
        human.reference
    }
    assert _refs(ResponseFilter(label_source="model")) == {model.reference}


def test_objective_filter_rolls_labels_up(db, create_tagged):
    from nlp.taxonomy import objectives_for

    supporting = create_tagged("Nobody told me what happened at court", ("victim_support",))
    create_tagged("Nothing to do with anything", ("other",))
    assert "Supporting" in objectives_for("victim_support")
    assert _refs(ResponseFilter(objective="Supporting")) == {supporting.reference}


def test_as_args_round_trips_through_the_schema(db):
    from engage.responses.schemas import ResponseFilterSchema

    flt = ResponseFilter(
        label="asb",
        since=date(2026, 4, 1),
        until=date(2027, 3, 31),
        equality=(("sex", "female"), ("disability", "yes_a_lot")),
    )
    again, _ = ResponseFilterSchema().load_filter(flt.as_args())
    assert again == flt
