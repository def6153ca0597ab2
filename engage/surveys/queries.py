"""Reads: survey lists, per-question results with small-group suppression, and the
equality profile of survey responses for the analysis pages."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Channel, Response
from engage.surveys.ambitions import MIN_GROUP
from engage.surveys.models import (
    ABOUT_YOU_KEYS,
    TEXT_KINDS,
    QuestionKind,
    SubmissionState,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveySubmission,
)


def all_surveys() -> list[Survey]:
    return list(
        db.session.scalars(sa.select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc()))
    )


def published_surveys() -> list[Survey]:
    from engage.public.queries import open_surveys

    return open_surveys()


def completed_count(survey: Survey) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(SurveySubmission.id)).where(
                SurveySubmission.survey_id == survey.id,
                SurveySubmission.status == SubmissionState.completed,
            )
        )
        or 0
    )


@dataclass(frozen=True)
class ResultsFilter:
    """Narrow results to one district and/or 'About you' answers, e.g. {"age_band": "18_24"}."""

    district: str | None = None
    about_you: dict = field(default_factory=dict)

    def where(self) -> list:
        clauses = []
        if self.district:
            clauses.append(SurveySubmission.district == self.district)
        for key, value in self.about_you.items():
            if key in ABOUT_YOU_KEYS and value:
                clauses.append(getattr(SurveySubmission, key) == value)
        return clauses


def completed_submissions(
    survey: Survey, flt: ResultsFilter | None = None
) -> list[SurveySubmission]:
    flt = flt or ResultsFilter()
    stmt = (
        sa.select(SurveySubmission)
        .where(
            SurveySubmission.survey_id == survey.id,
            SurveySubmission.status == SubmissionState.completed,
            *flt.where(),
        )
        .order_by(SurveySubmission.completed_at, SurveySubmission.id)
    )
    return list(db.session.scalars(stmt))


def answers_by_question(submission_ids: list[int]) -> dict[int, list[SurveyAnswer]]:
    out: dict[int, list[SurveyAnswer]] = defaultdict(list)
    if not submission_ids:
        return out
    for chunk in range(0, len(submission_ids), 500):
        ids = submission_ids[chunk : chunk + 500]
        for a in db.session.scalars(
            sa.select(SurveyAnswer).where(SurveyAnswer.submission_id.in_(ids))
        ):
            out[a.question_id].append(a)
    return out


def _rows(question: SurveyQuestion, counter: Counter, answered: int) -> list[dict]:
    return [
        {
            "value": v,
            "label": label,
            "count": counter.get(v, 0),
            "percent": round(100 * counter.get(v, 0) / answered, 1) if answered else 0.0,
        }
        for v, label in question.choices
    ]


def question_result(question: SurveyQuestion, answers: list[SurveyAnswer]) -> dict:
    """Counts and percentages for one question; `suppressed` when under MIN_GROUP answered."""
    answered = len(answers)
    out = {"question": question, "answered": answered, "suppressed": answered < MIN_GROUP}
    if out["suppressed"]:
        return out
    kind = question.kind
    values = [a.value for a in answers]
    if kind in TEXT_KINDS or kind == QuestionKind.date:
        out["texts"] = answered
    elif kind == QuestionKind.multiple_choice:
        out["rows"] = _rows(question, Counter(v for vs in values for v in vs), answered)
    elif kind == QuestionKind.grid:
        out["statements"] = []
        for key, label in question.statements:
            counter = Counter(v.get(key) for v in values if v.get(key))
            n = sum(counter.values())
            out["statements"].append(
                {
                    "label": label,
                    "answered": n,
                    "suppressed": n < MIN_GROUP,
                    "rows": _rows(question, counter, n),
                }
            )
    elif kind == QuestionKind.ranking:
        out["ranking"] = sorted(
            (
                {
                    "label": label,
                    "mean_rank": round(statistics.mean(v.index(value) + 1 for v in values), 2),
                    "first": sum(1 for v in values if v[0] == value),
                }
                for value, label in question.choices
            ),
            key=lambda r: r["mean_rank"],
        )
    elif kind == QuestionKind.number:
        out["stats"] = {
            "mean": round(statistics.mean(values), 2),
            "median": statistics.median(values),
            "min": min(values),
            "max": max(values),
        }
    else:
        out["rows"] = _rows(question, Counter(str(v) for v in values), answered)
    if question.kind == QuestionKind.rating:
        out["mean"] = round(statistics.mean(int(v) for v in values), 1)
    return out


def survey_results(survey: Survey, flt: ResultsFilter | None = None) -> dict:
    """{total, suppressed, questions: [...]}: nothing is shown for fewer than MIN_GROUP people."""
    submissions = completed_submissions(survey, flt)
    total = len(submissions)
    if total < MIN_GROUP:
        return {"total": total, "suppressed": True, "questions": []}
    by_question = answers_by_question([s.id for s in submissions])
    return {
        "total": total,
        "suppressed": False,
        "questions": [question_result(q, by_question.get(q.id, [])) for q in survey.questions],
    }


def equality_profile_for(response_ids: list[int]) -> dict[int, dict[str, str | None]]:
    """For survey responses in the stream: response id -> the 'About you' answers of the
    completed submission it came from (Response.source_id is the SurveyAnswer id)."""
    if not response_ids:
        return {}
    cols = [getattr(SurveySubmission, k) for k in ABOUT_YOU_KEYS]
    stmt = (
        sa.select(Response.id, SurveySubmission.survey_id, SurveySubmission.mode, *cols)
        .join(SurveyAnswer, SurveyAnswer.id == Response.source_id)
        .join(SurveySubmission, SurveySubmission.id == SurveyAnswer.submission_id)
        .where(Response.channel == Channel.survey, Response.id.in_(response_ids))
    )
    return {
        row[0]: dict(zip(("survey_id", "mode", *ABOUT_YOU_KEYS), row[1:], strict=True))
        for row in db.session.execute(stmt)
    }


def survey_response_ids(survey_id: int) -> sa.Select:
    """A subquery of the stream's response ids that came from one survey (for filters)."""
    return (
        sa.select(Response.id)
        .join(SurveyAnswer, SurveyAnswer.id == Response.source_id)
        .join(SurveySubmission, SurveySubmission.id == SurveyAnswer.submission_id)
        .where(Response.channel == Channel.survey, SurveySubmission.survey_id == survey_id)
    )


def equality_summary(submissions: list[SurveySubmission]) -> list[dict]:
    """Counts of each 'About you' answer; cells under MIN_GROUP are shown as suppressed."""
    from engage.surveys.equality import about_you_questions

    out = []
    for q in about_you_questions():
        counter = Counter(getattr(s, q["key"]) for s in submissions if getattr(s, q["key"]))
        out.append(
            {
                "key": q["key"],
                "text": q["text"],
                "answered": sum(counter.values()),
                "rows": [
                    {
                        "label": label,
                        "count": counter.get(v, 0),
                        "suppressed": 0 < counter.get(v, 0) < MIN_GROUP,
                    }
                    for v, label in q["options"]
                ],
            }
        )
    return out
