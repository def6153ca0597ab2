"""The optional 'About you' (equality monitoring) answers in the channels where a person
speaks for themselves: a view given at a session, a rural crime summit submission and
'tell us in confidence'. The questions, values and checks are the surveys' own
(engage.surveys.equality), so every channel's answers can be counted together on the
representation page. Community partners' submissions (about a group, not a person) and
session registrations (not a response) do not ask them; surveys keep theirs on the
survey submission."""

from engage.extensions import db
from engage.responses.models import Channel, EqualityAnswers, Response

ASKED_CHANNELS = (Channel.event, Channel.summit, Channel.direct)
NOT_ASKED = "'About you' answers are not taken with this kind of response"


def about_you_errors(about_you, channel: str | None = None) -> tuple[dict[str, str | None], dict[str, list[str]]]:
    """(clean values, errors as {"about_you.<key>": [message]}) for an optional answer set,
    checked before anything is stored. None or {} is no answers; every question may be
    skipped or 'Prefer not to say'. With `channel`, answers for a channel that does not ask
    them are an error."""
    from engage.surveys.equality import validate_about_you

    if about_you is None:
        return {}, {}
    if not isinstance(about_you, dict):
        return {}, {"about_you": ["Give the 'About you' answers as an object of question and answer"]}
    values, errors = validate_about_you(about_you)
    if channel is not None and channel not in ASKED_CHANNELS and any(values.values()):
        return values, {"about_you": [NOT_ASKED]}
    return values, {f"about_you.{key}": [message] for key, message in errors.items()}


def record_equality_answers(response: Response, values: dict[str, str | None]) -> EqualityAnswers | None:
    """Store answers checked by about_you_errors (which refuses them for a channel that does
    not ask) with their flushed response; nothing when every question was skipped. Flushes;
    the caller commits, so the answers and the response are saved together."""
    if not any(values.values()):
        return None
    row = EqualityAnswers(response=response, respondent_id=response.respondent_id, channel=response.channel,
                          answered_at=response.submitted_at, **values)
    db.session.add(row)
    db.session.flush()
    return row
