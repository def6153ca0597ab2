"""Consultation surveys: read the open ones and answer them."""

from flask_login import current_user

from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_body
from engage.extensions import db, limiter
from engage.surveys.queries import published_surveys
from engage.surveys.responding import get_open_survey, submit_survey_response
from engage.surveys.schemas import (
    SubmissionOutSchema,
    SurveyDetailSchema,
    SurveyListSchema,
    SurveyResponseInSchema,
)


@bp.get("/surveys")
@doc("Open consultation surveys", responses={200: SurveyListSchema}, tags=("surveys",))
def list_surveys_api():
    return SurveyListSchema().dump({"items": published_surveys()})


@bp.get("/surveys/<int:survey_id>")
@doc(
    "A published survey with its sections, questions and 'About you' questions",
    responses={200: SurveyDetailSchema},
    tags=("surveys",),
)
def get_survey_api(survey_id: int):
    return SurveyDetailSchema().dump(get_open_survey(survey_id))


@bp.post("/surveys/<int:survey_id>/responses")
@limiter.limit("20/minute")
@doc(
    "Answer an open survey in one go; 422 lists every problem, nothing is kept unless all is valid",
    body=SurveyResponseInSchema,
    responses={201: SubmissionOutSchema},
    tags=("surveys",),
)
def submit_survey_api(survey_id: int):
    survey = get_open_survey(survey_id)
    data = load_body(SurveyResponseInSchema())
    submission = submit_survey_response(
        survey,
        data["answers"],
        data["about_you"],
        consent_to_quote=data["consent_to_quote"],
        respondent=current_user if current_user.is_authenticated else None,
    )
    db.session.commit()
    return SubmissionOutSchema().dump(submission), 201
