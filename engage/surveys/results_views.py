"""Results while a survey runs (filterable, small groups suppressed), exports, and
the plan's Key Ambitions tracker."""

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.audit.services import record_audit
from engage.extensions import db
from engage.places import DISTRICTS
from engage.plan.active import active_plan
from engage.surveys.ambitions import MIN_GROUP, tracker
from engage.surveys.equality import about_you_questions
from engage.surveys.exports import responses_table, write_csv, write_xlsx
from engage.surveys.models import Survey
from engage.surveys.queries import (
    ResultsFilter,
    completed_submissions,
    equality_summary,
    survey_results,
)
from engage.surveys.schemas import SurveyDetailSchema

bp = Blueprint("results", __name__, url_prefix="/staff/surveys")


def _filter_from(args) -> tuple[ResultsFilter, list[str]]:
    """The valid filters in the query string, and a message for each one ignored."""
    ignored = []
    district = args.get("district") or None
    if district and district not in DISTRICTS:
        ignored.append("district")
        district = None
    about = {}
    for q in about_you_questions():
        value = args.get(q["key"])
        if value and q["key"] != "district":
            if value in dict(q["options"]):
                about[q["key"]] = value
            else:
                ignored.append(q["key"])
    return ResultsFilter(district=district, about_you=about), ignored


@bp.get("/<int:survey_id>/results")
@roles_required("officer", "analyst")
def results(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    flt, ignored = _filter_from(request.args)
    data = survey_results(survey, flt)
    equality = (
        equality_summary(completed_submissions(survey, flt)) if not data["suppressed"] else []
    )
    return render_template(
        "surveys/staff/results.html",
        survey=survey,
        results=data,
        flt=flt,
        ignored=ignored,
        about=about_you_questions(),
        equality=equality,
        min_group=MIN_GROUP,
        args=request.args,
    )


@bp.get("/<int:survey_id>/export.csv", defaults={"fmt": "csv"})
@bp.get("/<int:survey_id>/export.xlsx", defaults={"fmt": "xlsx"})
@roles_required("officer", "analyst")
def export(survey_id: int, fmt: str):
    survey = db.get_or_404(Survey, survey_id)
    headers, rows = responses_table(survey)
    record_audit(current_user, "surveys.export", {"survey_id": survey.id, "format": fmt}, len(rows))
    db.session.commit()
    name = f"survey-{survey.id}-responses.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "csv":
        return Response(write_csv(headers, rows), mimetype="text/csv", headers=disposition)
    return Response(
        write_xlsx(headers, rows),
        headers=disposition,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@bp.get("/<int:survey_id>/definition.json")
@roles_required("officer", "analyst")
def definition(survey_id: int):
    survey = db.get_or_404(Survey, survey_id)
    return (
        SurveyDetailSchema().dump(survey),
        200,
        {"Content-Disposition": f'attachment; filename="survey-{survey.id}-definition.json"'},
    )


@bp.get("/ambitions")
@roles_required("officer", "analyst")
def ambitions():
    return render_template("surveys/staff/ambitions.html", rows=tracker(), min_group=MIN_GROUP,
                           plan=active_plan())
