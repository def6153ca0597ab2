"""Whatever a script or a tampered form sends as an answer, it is either stored in the
question's shape or refused with a message: never an unexpected error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engage.surveys.answers import AnswerError, validate_answer

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(
        ["yes", "no", "asb", "other", "agree", "prevent", "2026-02-30", "1e309", "nan"]
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["choice", "choices", "other", "day", "month", "year", "prevent", "0"])
            | st.text(max_size=5),
            inner,
            max_size=4,
        )
    ),
    max_leaves=10,
)


def test_any_value_is_stored_or_refused_cleanly(db, create_survey):
    survey = create_survey()

    @settings(max_examples=300, deadline=None)
    @given(raw=json_values)
    def check(raw):
        for question in survey.questions:
            try:
                result = validate_answer(question, raw)
            except AnswerError as exc:
                assert str(exc)
                continue
            if result is not None:
                value, text = result
                assert value is not None and (text is None or isinstance(text, str))

    check()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.dictionaries(
        st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "8", "x"]), json_values, max_size=8
    ),
    about=st.dictionaries(
        st.sampled_from(["sex", "ethnicity", "shoe"]), st.text(max_size=8) | st.none()
    ),
)
def test_the_api_answers_201_or_422(app, client, db, create_survey, answers, about):
    survey = create_survey()
    resp = client.post(
        f"/api/v1/surveys/{survey.id}/responses", json={"answers": answers, "about_you": about}
    )
    assert resp.status_code in (201, 422), resp.get_json()
    if resp.status_code == 422:
        assert all(isinstance(m, list) for m in resp.get_json()["errors"].values())
