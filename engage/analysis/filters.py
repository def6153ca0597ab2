"""The filter bar every analysis page shares: reading it from the query string
(through the same marshmallow schema as the API, so pages and API agree on what is
valid), the choices it offers and links that keep the current scope."""

from flask import url_for
from marshmallow import ValidationError

from engage.api.util import _flatten
from engage.responses.queries import ResponseFilter
from engage.responses.schemas import ResponseFilterSchema


def community_groups() -> dict[str, str]:
    """The lesser-heard groups partners speak for (ids defined by engage.voices)."""
    from engage.voices.communities import COMMUNITY_GROUPS

    return COMMUNITY_GROUPS


def load_filter(args) -> tuple[ResponseFilter, dict[str, list[str]]]:
    """(filter, errors by field); an invalid query string gives an empty filter and errors."""
    try:
        flt, _ = ResponseFilterSchema().load_filter(args)
    except ValidationError as exc:
        return ResponseFilter(), _flatten(exc.messages)
    return flt, {}


def scope_link(endpoint: str, flt: ResponseFilter, **overrides) -> str:
    """A URL for `endpoint` with the current filters, some replaced (None drops one)."""
    args = flt.as_args() | overrides
    return url_for(endpoint, **{k: v for k, v in args.items() if v not in (None, "")})


def community_group_name(key: str | None) -> str:
    if not key:
        return "None given"
    return community_groups().get(key, key.replace("_", " ").capitalize())


def filter_choices() -> dict:
    """What the filter bar offers: every id it accepts, with names."""
    import sqlalchemy as sa

    from engage.events.models import Event
    from engage.extensions import db
    from engage.plan.active import label_name, objective_ids
    from engage.responses.models import Channel
    from engage.summit.models import Summit
    from engage.surveys.models import Survey
    from engage.web import CHANNEL_NAMES, london
    from nlp.taxonomy import LABELS

    def pairs(stmt):
        return [(str(i), t) for i, t in db.session.execute(stmt).all()]

    return {
        "label": [(lb, label_name(lb)) for lb in LABELS],
        "objective": [(o, o) for o in objective_ids()],
        "label_source": [
            ("model", "As the model tagged it"),
            ("human", "As corrected by an analyst"),
        ],
        "channel": [(c.value, CHANNEL_NAMES.get(c.value, c.value)) for c in Channel],
        "community_group": list(community_groups().items()),
        "event_id": [
            (str(i), f"{title} ({london(when, '%-d %b %Y')})")
            for i, title, when in db.session.execute(
                sa.select(Event.id, Event.title, Event.starts_at)
                .order_by(Event.starts_at.desc())
                .limit(500)
            ).all()
        ],
        "survey_id": pairs(sa.select(Survey.id, Survey.title).order_by(Survey.id.desc())),
        "summit_id": pairs(sa.select(Summit.id, Summit.title).order_by(Summit.year.desc())),
        "equality": _equality_choices(),
    }


def _equality_choices() -> list[tuple[str, str]]:
    from engage.analysis.equality import about_you_questions, equality_keys

    questions = about_you_questions()
    return [
        (f"{key}:{value}", f"{questions[key]['text'].rstrip('?')}: {label}")
        for key in equality_keys()
        for value, label in questions[key]["options"].items()
    ]
