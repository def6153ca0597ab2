"""Answers in one shape whatever their route (page, paper key-in, JSON): parsing a
page's form into that shape, validating it against the question, and the
conditional-display rule. Errors are AnswerError with a message for the person."""

from datetime import date

from flask import current_app
from werkzeug.datastructures import MultiDict

from engage.responses.text import clean_text
from engage.surveys.models import OTHER, QuestionKind, SurveyQuestion

SHORT_TEXT_MAX = 500
OTHER_TEXT_MAX = 1000


class AnswerError(ValueError):
    """An answer that cannot be stored; str(exc) is shown next to the question."""


def field_name(question: SurveyQuestion) -> str:
    return f"q{question.id}"


def is_empty(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | dict):
        return not raw or all(is_empty(v) for v in (raw.values() if isinstance(raw, dict) else raw))
    return False


def text_limit(question: SurveyQuestion) -> int:
    default = (
        SHORT_TEXT_MAX
        if question.kind == QuestionKind.short_text
        else current_app.config["RESPONSE_TEXT_MAX"]
    )
    return min(question.max_length or default, current_app.config["RESPONSE_TEXT_MAX"])


def validate_answer(question: SurveyQuestion, raw) -> tuple[object, str | None] | None:
    """(value, free text) ready to store, or None when unanswered. Raises AnswerError."""
    if is_empty(raw):
        if question.is_required:
            raise AnswerError(_missing(question))
        return None
    return _VALIDATORS[question.kind](question, raw)


def _missing(question) -> str:
    if question.kind in (QuestionKind.short_text, QuestionKind.long_text, QuestionKind.number):
        return "Enter an answer"
    if question.kind == QuestionKind.date:
        return "Enter a date"
    if question.kind in (QuestionKind.grid, QuestionKind.ranking):
        return "Answer every row"
    return "Select an answer"


def _text(question, raw):
    if not isinstance(raw, str):
        raise AnswerError("Enter your answer as text")
    text = clean_text(raw)
    limit = text_limit(question)
    if len(text) > limit:
        raise AnswerError(
            f"Your answer must be {limit:,} characters or fewer (it has {len(text):,})"
        )
    return text, text


def _other_text(question, value, raw_other) -> str | None:
    if value != OTHER:
        return None
    text = clean_text(raw_other) if isinstance(raw_other, str) else ""
    if not text:
        raise AnswerError(f"You chose “{question.other_label}”: say what it is")
    if len(text) > OTHER_TEXT_MAX:
        raise AnswerError(f"Your answer must be {OTHER_TEXT_MAX:,} characters or fewer")
    return text


def _split_other(raw, key: str):
    """{"choice": v, "other": t} / {"choices": [...], "other": t} or the bare value."""
    if isinstance(raw, dict):
        return raw.get(key), raw.get("other")
    return raw, None


def _single(question, raw):
    value, other = _split_other(raw, "choice")
    value = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    if value not in dict(question.choices):
        raise AnswerError("Select one of the options")
    return value, _other_text(question, value, other) if question.allows_other else None


def _multiple(question, raw):
    values, other = _split_other(raw, "choices")
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise AnswerError("Select one or more of the options")
    allowed = [v for v, _ in question.choices]
    if any(v not in allowed for v in values):
        raise AnswerError("Select only the options shown")
    chosen = [v for v in allowed if v in values]  # option order, no duplicates
    text = _other_text(question, OTHER, other) if OTHER in chosen else None
    return chosen, text


def _grid(question, raw):
    if not isinstance(raw, dict):
        raise AnswerError("Answer each statement")
    keys = [k for k, _ in question.statements]
    points = dict(question.choices)
    if any(k not in keys for k in raw):
        raise AnswerError("Answer only the statements shown")
    chosen = {k: v for k, v in raw.items() if not is_empty(v)}
    if any(not isinstance(v, str) or v not in points for v in chosen.values()):
        raise AnswerError("Select one of the points for each statement")
    if question.is_required and len(chosen) < len(keys):
        raise AnswerError("Answer every statement")
    return ({k: chosen[k] for k in keys if k in chosen} or None), None


def _number_in(question, raw, lo, hi, whole: bool):
    try:
        if isinstance(raw, bool):
            raise ValueError
        number = float(str(raw).strip().replace(",", ""))
    except ValueError:
        raise AnswerError("Enter a number, like 5") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise AnswerError("Enter a number, like 5")
    if whole and not number.is_integer():
        raise AnswerError("Enter a whole number")
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise AnswerError(_range_message(lo, hi))
    return int(number) if number.is_integer() else number


def _fmt(n) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _range_message(lo, hi) -> str:
    if lo is not None and hi is not None:
        return f"Enter a number between {_fmt(lo)} and {_fmt(hi)}"
    if lo is not None:
        return f"Enter a number of {_fmt(lo)} or more"
    return f"Enter a number of {_fmt(hi)} or less"


def _rating(question, raw):
    return _number_in(question, raw, 0, 10, whole=True), None


def _number(question, raw):
    return _number_in(question, raw, question.min_value, question.max_value, whole=False), None


def _date(question, raw):
    try:
        if isinstance(raw, dict):
            when = date(
                int(raw.get("year") or 0), int(raw.get("month") or 0), int(raw.get("day") or 0)
            )
        elif isinstance(raw, str):
            when = date.fromisoformat(raw.strip())
        else:
            raise ValueError
    except (TypeError, ValueError):
        raise AnswerError("Enter a real date, for example 27 3 2025") from None
    if not 1900 <= when.year <= 2100:
        raise AnswerError("Enter a year between 1900 and 2100")
    return when.isoformat(), None


def _ranking(question, raw):
    allowed = [v for v, _ in question.choices]
    if isinstance(raw, dict):  # {value: rank} from the page
        try:
            ranks = {v: int(str(r).strip()) for v, r in raw.items() if not is_empty(r)}
        except ValueError:
            raise AnswerError(f"Give each one a number from 1 to {len(allowed)}") from None
        if any(v not in allowed for v in ranks):
            raise AnswerError("Rank only the options shown")
        if sorted(ranks.values()) != list(range(1, len(allowed) + 1)):
            raise AnswerError(f"Give each one a different number from 1 to {len(allowed)}")
        raw = sorted(ranks, key=ranks.get)
    if not isinstance(raw, list) or sorted(map(str, raw)) != sorted(allowed):
        raise AnswerError(f"Put all {len(allowed)} options in order, each once")
    return [str(v) for v in raw], None


_VALIDATORS = {
    QuestionKind.short_text: _text,
    QuestionKind.long_text: _text,
    QuestionKind.single_choice: _single,
    QuestionKind.scale: _single,
    QuestionKind.district: _single,
    QuestionKind.multiple_choice: _multiple,
    QuestionKind.grid: _grid,
    QuestionKind.rating: _rating,
    QuestionKind.number: _number,
    QuestionKind.date: _date,
    QuestionKind.ranking: _ranking,
}


def raw_from_form(question: SurveyQuestion, form) -> object:
    """What the page posted for this question, in the shape validate_answer takes."""
    name = field_name(question)
    kind = question.kind
    if kind == QuestionKind.multiple_choice:
        return {"choices": form.getlist(name), "other": form.get(f"{name}-other")}
    if kind == QuestionKind.single_choice:
        return {"choice": form.get(name), "other": form.get(f"{name}-other")}
    if kind == QuestionKind.grid:
        return {k: form.get(f"{name}-{k}") for k, _ in question.statements}
    if kind == QuestionKind.date:
        parts = {p: form.get(f"{name}-{p}", "").strip() for p in ("day", "month", "year")}
        return parts if any(parts.values()) else None
    if kind == QuestionKind.ranking:
        return {v: form.get(f"{name}-{v}") for v, _ in question.choices}
    return form.get(name)


def to_formdata(question: SurveyQuestion, value, text: str | None) -> MultiDict:
    """A stored answer as the page's form fields, so pages render from one source."""
    name = field_name(question)
    out = MultiDict()
    if value is None:
        return out
    kind = question.kind
    if kind == QuestionKind.multiple_choice:
        for v in value:
            out.add(name, v)
    elif kind == QuestionKind.grid:
        for k, v in value.items():
            out[f"{name}-{k}"] = v
    elif kind == QuestionKind.date:
        y, m, d = value.split("-")
        out.update({f"{name}-year": y, f"{name}-month": str(int(m)), f"{name}-day": str(int(d))})
    elif kind == QuestionKind.ranking:
        for rank, v in enumerate(value, 1):
            out[f"{name}-{v}"] = str(rank)
    else:
        out[name] = str(value)
    if text and kind in (QuestionKind.single_choice, QuestionKind.multiple_choice):
        out[f"{name}-other"] = text
    return out


def is_visible(question: SurveyQuestion, values: dict[int, object], visible: set[int]) -> bool:
    """Shown unless it depends on an earlier question whose answer is not one of show_if_values."""
    parent = question.show_if_question_id
    if parent is None:
        return True
    if parent not in visible:
        return False
    answer = values.get(parent)
    chosen = answer if isinstance(answer, list) else [answer]
    return any(str(v) in question.show_if_values for v in chosen if v is not None)


def visible_questions(
    questions: list[SurveyQuestion], values: dict[int, object]
) -> list[SurveyQuestion]:
    """The questions a respondent with these answers sees, in survey order."""
    visible: set[int] = set()
    out = []
    for q in questions:
        if is_visible(q, values, visible):
            visible.add(q.id)
            out.append(q)
    return out


def display_answer(question: SurveyQuestion, value, text: str | None) -> str:
    """An answer as words, for check-your-answers and exports."""
    if value is None:
        return ""
    kind = question.kind
    if kind in (QuestionKind.short_text, QuestionKind.long_text):
        return text or str(value)
    if kind == QuestionKind.multiple_choice:
        words = [text if v == OTHER and text else question.label_for(v) for v in value]
        return "; ".join(words)
    if kind == QuestionKind.grid:
        labels = dict(question.statements)
        return "; ".join(f"{labels.get(k, k)}: {question.label_for(v)}" for k, v in value.items())
    if kind == QuestionKind.ranking:
        return "; ".join(f"{n}. {question.label_for(v)}" for n, v in enumerate(value, 1))
    if kind == QuestionKind.date:
        return date.fromisoformat(value).strftime("%-d %B %Y")
    if value == OTHER and text:
        return f"{question.other_label}: {text}"
    return question.label_for(value)
