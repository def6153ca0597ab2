"""Building surveys: details, sections, questions, publishing, closing, duplicating.
Once anyone has answered, questions are locked except for their wording."""

import re
from datetime import datetime

import sqlalchemy as sa

from engage.errors import InvalidState, ValidationFailed
from engage.extensions import db
from engage.surveys.ambitions import ambition_ids
from engage.surveys.models import (
    CHOICE_KINDS,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveySection,
    SurveyState,
    SurveySubmission,
)

CONDITION_KINDS = (
    QuestionKind.single_choice,
    QuestionKind.multiple_choice,
    QuestionKind.scale,
    QuestionKind.district,
    QuestionKind.rating,
)
SURVEY_FIELDS = (
    "title",
    "introduction",
    "privacy_notice",
    "opens_at",
    "closes_at",
    "has_about_you",
)
# What may still change once a survey has answers: words, not meaning.
WORDING_FIELDS = ("text", "help_text", "other_label", "indicator", "indicator_values")


def has_answers(survey: Survey) -> bool:
    stmt = (
        sa.select(SurveyAnswer.id)
        .join(SurveySubmission)
        .where(SurveySubmission.survey_id == survey.id)
        .limit(1)
    )
    return db.session.scalar(stmt) is not None


def _check_dates(opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationFailed("The closing date must be after the opening date", "closes_at")


def create_survey(data: dict, actor) -> Survey:
    """A draft survey with one empty first section."""
    _check_dates(data.get("opens_at"), data.get("closes_at"))
    survey = Survey(**{k: data[k] for k in SURVEY_FIELDS if k in data}, status=SurveyState.draft)
    survey.sections.append(SurveySection(position=1, title="Your views"))
    db.session.add(survey)
    db.session.flush()
    return survey


def update_survey(survey: Survey, data: dict) -> None:
    if survey.status == SurveyState.closed:
        raise InvalidState("A closed survey cannot be changed. Duplicate it to run it again.")
    _check_dates(data.get("opens_at"), data.get("closes_at"))
    for key in SURVEY_FIELDS:
        if key in data:
            setattr(survey, key, data[key])
    db.session.flush()


def _require_structure_editable(survey: Survey) -> None:
    if not survey.can_edit_structure(has_answers(survey)):
        raise InvalidState(
            "People have answered this survey, so its questions are locked: "
            "you can fix wording only."
        )


def add_section(survey: Survey, title: str, description: str = "") -> SurveySection:
    _require_structure_editable(survey)
    position = max((s.position for s in survey.sections), default=0) + 1
    section = SurveySection(title=title.strip(), description=description.strip(), position=position)
    survey.sections.append(section)
    db.session.flush()
    return section


def update_section(section: SurveySection, title: str, description: str) -> None:
    if section.survey.status == SurveyState.closed:
        raise InvalidState("A closed survey cannot be changed.")
    section.title, section.description = title.strip(), description.strip()
    db.session.flush()


def delete_section(section: SurveySection) -> None:
    survey = section.survey
    _require_structure_editable(survey)
    if len(survey.sections) == 1:
        raise InvalidState("A survey needs at least one section.")
    survey.sections.remove(section)
    db.session.flush()


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "option"


def parse_options(lines: str) -> list[list[str]]:
    """One option per line, 'value | label' or just 'label' (the value is made from it)."""
    out, seen = [], set()
    for line in (lines or "").splitlines():
        if not line.strip():
            continue
        value, _, label = line.partition("|")
        value, label = (
            (slug(value), label.strip()) if label.strip() else (slug(value), value.strip())
        )
        if value in seen:
            raise ValidationFailed(f"Two options have the same value “{value}”", "options")
        seen.add(value)
        out.append([value, label[:200]])
    return out


def _validate_question(survey: Survey, section: SurveySection, data: dict, question=None) -> dict:
    kind = data.get("kind")
    if kind not in QuestionKind.__members__:
        raise ValidationFailed("Choose a type of question", "kind")
    if not (data.get("text") or "").strip():
        raise ValidationFailed("Enter the question", "text")
    if kind in CHOICE_KINDS and len(data.get("options") or []) < 2:
        raise ValidationFailed("Give at least two options, one per line", "options")
    if kind == QuestionKind.grid and not data.get("statements"):
        raise ValidationFailed("Give at least one statement, one per line", "statements")
    lo, hi = data.get("min_value"), data.get("max_value")
    if lo is not None and hi is not None and hi < lo:
        raise ValidationFailed("The largest number must not be below the smallest", "max_value")
    _validate_condition(survey, section, data, question)
    if data.get("indicator") and data["indicator"] not in ambition_ids():
        raise ValidationFailed("Choose one of the plan's Key Ambitions", "indicator")
    return data


def _validate_condition(survey, section, data, question) -> None:
    parent_id = data.get("show_if_question_id")
    if not parent_id:
        data["show_if_question_id"], data["show_if_values"] = None, []
        return
    parent = db.session.get(SurveyQuestion, parent_id)
    if (
        parent is None
        or parent.survey_id != survey.id
        or parent.section.position >= section.position
    ):
        raise ValidationFailed(
            "Show it only after a question on an earlier page", "show_if_question_id"
        )
    if parent.kind not in CONDITION_KINDS:
        raise ValidationFailed(
            "That question has no fixed answers to depend on", "show_if_question_id"
        )
    wanted = [v for v in data.get("show_if_values") or []]
    values = [v for v, _ in parent.choices]
    labels = {label.lower(): v for v, label in parent.choices}
    resolved = [v if v in values else labels.get(v.lower()) for v in wanted]
    if not resolved or None in resolved:
        raise ValidationFailed(
            f"Choose answers from: {', '.join(label for _, label in parent.choices)}",
            "show_if_values",
        )
    data["show_if_values"] = resolved


QUESTION_FIELDS = (
    "kind",
    "text",
    "help_text",
    "is_required",
    "options",
    "statements",
    "allows_other",
    "other_label",
    "min_value",
    "max_value",
    "max_length",
    "show_if_question_id",
    "show_if_values",
    "indicator",
    "indicator_values",
)


def add_question(section: SurveySection, data: dict) -> SurveyQuestion:
    survey = section.survey
    _require_structure_editable(survey)
    data = _validate_question(survey, section, dict(data))
    position = max((q.position for q in section.questions), default=0) + 1
    question = SurveyQuestion(
        survey_id=survey.id, position=position, **{k: data[k] for k in QUESTION_FIELDS if k in data}
    )
    section.questions.append(question)
    db.session.flush()
    return question


def update_question(question: SurveyQuestion, data: dict) -> None:
    """Any change while the survey has no answers; afterwards wording only (same option
    values in the same order), so stored answers keep their meaning."""
    survey = question.section.survey
    if survey.status == SurveyState.closed:
        raise InvalidState("A closed survey cannot be changed.")
    current = {k: getattr(question, k) for k in QUESTION_FIELDS}
    data = _validate_question(survey, question.section, current | dict(data), question)
    if has_answers(survey):
        _check_wording_only(question, data)
    for key in QUESTION_FIELDS:
        if key in data:
            setattr(question, key, data[key])
    db.session.flush()


def _check_wording_only(question: SurveyQuestion, data: dict) -> None:
    def keys(rows):
        return [r[0] for r in rows or []]

    same = (
        data["kind"] == question.kind
        and keys(data.get("options")) == keys(question.options)
        and keys(data.get("statements")) == keys(question.statements)
        and all(
            data.get(k) == getattr(question, k)
            for k in (
                "is_required",
                "allows_other",
                "min_value",
                "max_value",
                "max_length",
                "show_if_question_id",
                "show_if_values",
            )
        )
    )
    if not same:
        raise InvalidState(
            "People have answered this survey, so only the wording of this question "
            "and its options can change."
        )


def delete_question(question: SurveyQuestion) -> None:
    _require_structure_editable(question.section.survey)
    dependants = db.session.scalars(
        sa.select(SurveyQuestion).filter_by(show_if_question_id=question.id)
    ).all()
    if dependants:
        raise InvalidState("Another question is shown depending on this one. Change that first.")
    question.section.questions.remove(question)
    db.session.flush()


def move_question(question: SurveyQuestion, step: int) -> None:
    """Swap with the neighbour above (-1) or below (+1) on the same page."""
    _require_structure_editable(question.section.survey)
    siblings = list(question.section.questions)
    i = siblings.index(question)
    j = i + step
    if 0 <= j < len(siblings):
        other = siblings[j]
        question.position, other.position = other.position, question.position
        db.session.flush()
        db.session.expire(question.section, ["questions"])


def publish_survey(survey: Survey) -> None:
    survey.publish()
    db.session.flush()


def close_survey(survey: Survey) -> None:
    survey.close()
    db.session.flush()


def duplicate_survey(survey: Survey, actor) -> Survey:
    """A draft copy with the same pages and questions (conditions pointing at the copies)."""
    copy = Survey(
        title=f"{survey.title} (copy)"[:200],
        introduction=survey.introduction,
        privacy_notice=survey.privacy_notice,
        has_about_you=survey.has_about_you,
        status=SurveyState.draft,
    )
    db.session.add(copy)
    db.session.flush()
    mapping: dict[int, SurveyQuestion] = {}
    for section in survey.sections:
        new_section = SurveySection(
            position=section.position, title=section.title, description=section.description
        )
        copy.sections.append(new_section)
        for q in section.questions:
            fields = {k: getattr(q, k) for k in QUESTION_FIELDS if k != "show_if_question_id"}
            new_q = SurveyQuestion(survey_id=copy.id, position=q.position, **fields)
            new_q.show_if_question = mapping.get(q.show_if_question_id)
            new_section.questions.append(new_q)
            mapping[q.id] = new_q
    db.session.flush()
    return copy
