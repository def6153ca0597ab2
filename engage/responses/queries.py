"""Reading the stream of responses with the filters the API and pages share."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Response, ResponseTag, ResponseTagChange


@dataclass(frozen=True)
class ResponseFilter:
    """The filters every reader of the stream shares (API, analysis pages, exports)."""

    label: str | None = None
    channel: str | None = None
    district: str | None = None
    community_group: str | None = None
    since: date | None = None
    until: date | None = None
    event_id: int | None = None
    survey_id: int | None = None
    summit_id: int | None = None
    # A plan objective (Preventing, Responding, Supporting): any label that rolls up to it.
    objective: str | None = None
    # "model" or "human" (an analyst's correction): which kind of tag `label` must be.
    label_source: str | None = None
    # (("ethnicity", "white_british"), ...): survey respondents' "About you" answers.
    equality: tuple[tuple[str, str], ...] = ()

    def where(self) -> list:
        clauses = []
        if self.label or self.label_source:
            clauses.append(Response.tags.any(sa.and_(*self._tag_clauses())))
        if self.objective:
            from engage.plan.active import objectives_for
            from nlp.taxonomy import LABELS

            labels = [lb for lb in LABELS if self.objective in objectives_for(lb)]
            clauses.append(Response.tags.any(ResponseTag.label.in_(labels)))
        if self.channel:
            clauses.append(Response.channel == self.channel)
        if self.district:
            clauses.append(Response.district == self.district)
        if self.community_group:
            clauses.append(Response.community_group == self.community_group)
        if self.since:
            clauses.append(Response.submitted_at >= datetime.combine(self.since, time.min))
        if self.until:
            # `until` is inclusive of the whole day.
            clauses.append(Response.submitted_at < datetime.combine(self.until + timedelta(days=1), time.min))
        return clauses + self._source_clauses()

    def _tag_clauses(self) -> list:
        out = []
        if self.label:
            out.append(ResponseTag.label == self.label)
        if self.label_source:
            out.append(ResponseTag.source == self.label_source)
        return out

    def _source_clauses(self) -> list:
        """Where the response came from: its event, survey, summit, or the survey
        submission's 'About you' answers. source_id is the event id, the survey
        answer id or the summit submission id, depending on the channel."""
        clauses = []
        if self.event_id is not None:
            clauses += [Response.channel == "event", Response.source_id == self.event_id]
        if self.summit_id is not None:
            from engage.summit.models import SummitSubmission

            clauses += [Response.channel == "summit", Response.source_id.in_(
                sa.select(SummitSubmission.id).where(SummitSubmission.summit_id == self.summit_id))]
        if self.survey_id is not None or self.equality:
            answers = self._survey_answers()
            clauses += [Response.channel == "survey", Response.source_id.in_(answers)]
        return clauses

    def _survey_answers(self) -> sa.Select:
        from engage.surveys.models import SurveyAnswer, SurveySubmission

        stmt = sa.select(SurveyAnswer.id).join(
            SurveySubmission, SurveySubmission.id == SurveyAnswer.submission_id)
        if self.survey_id is not None:
            stmt = stmt.where(SurveySubmission.survey_id == self.survey_id)
        for key, value in self.equality:
            stmt = stmt.where(getattr(SurveySubmission, key) == value)
        return stmt

    def as_args(self) -> dict:
        """The query-string form of this filter (for links and the audit log)."""
        out = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "equality":
                value = ",".join(f"{k}:{v}" for k, v in value) or None
            elif isinstance(value, date):
                value = value.isoformat()
            if value is not None:
                out[name] = value
        return out


def count_responses(flt: ResponseFilter) -> int:
    return db.session.scalar(sa.select(sa.func.count(Response.id)).where(*flt.where())) or 0


def list_responses(flt: ResponseFilter, page: int = 1, per_page: int = 50) -> list[Response]:
    """Newest first, one page."""
    stmt = (sa.select(Response).where(*flt.where())
            .order_by(Response.submitted_at.desc(), Response.id.desc())
            .offset((page - 1) * per_page).limit(per_page))
    return list(db.session.scalars(stmt))


def responses_of(user_id: int) -> list[Response]:
    """A signed-in resident's own submissions."""
    stmt = (sa.select(Response).where(Response.respondent_id == user_id)
            .order_by(Response.submitted_at.desc()))
    return list(db.session.scalars(stmt))


def tag_history(response_id: int) -> list[ResponseTagChange]:
    """Every change to a response's priority areas, oldest first: by which model or analyst,
    when, and the analyst's reason (for the API and the response's page)."""
    return list(db.session.scalars(sa.select(ResponseTagChange).where(
        ResponseTagChange.response_id == response_id).order_by(ResponseTagChange.id)))
