"""'Your account' shows each submission once, under the reference its confirmation gave."""

import sqlalchemy as sa

from engage.summit.models import SummitSubmission
from engage.surveys.models import SurveySubmission
from tests.surveys.test_views import _ids, _start


def test_a_survey_with_two_texts_is_one_row_with_its_own_reference(client, db, create_user,
                                                                    sign_in, create_survey):
    survey = create_survey()
    sign_in(create_user("resident", "sam@example.org"))
    q = _ids(survey)
    _start(client, survey)
    client.post(f"/surveys/{survey.id}/page/1", data={q[0]: "agree", q[1]: "yes", q[2]: "bassetlaw"})
    client.post(f"/surveys/{survey.id}/page/2", data={
        q[3]: "Our shed was broken into twice", q[4]: ["asb", "other"],
        f"{q[4]}-other": "Off-road bikes on the playing field",
        f"{q[6]}-prevent": "2", f"{q[6]}-respond": "1", f"{q[6]}-support": "3"})
    client.post(f"/surveys/{survey.id}/about-you", data={})
    client.post(f"/surveys/{survey.id}/check", data={"consent_to_quote": "yes"})
    reference = db.session.scalar(sa.select(SurveySubmission.reference))
    assert reference in client.get(f"/surveys/{survey.id}/done").get_data(as_text=True)
    account = client.get("/account/").get_data(as_text=True)
    assert account.count(reference) == 1
    assert account.count("Consultation survey</td>") == 1, "one survey, one row"


def test_a_summit_submission_shows_its_confirmation_reference(client, db, create_user, sign_in,
                                                              create_summit,
                                                              create_summit_submission):
    user = create_user("resident", "sam@example.org")
    create_summit_submission(create_summit(), respondent=user)
    sign_in(user)
    reference = db.session.scalar(sa.select(SummitSubmission.reference))
    assert reference in client.get("/account/").get_data(as_text=True)
