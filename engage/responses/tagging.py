"""The bridge to the nlp package: tags responses as they are stored and on retag.
A human decision (label added or removed by an analyst) always wins over the
model's and survives a retag; every change is written to the tag history."""

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Response, ResponseTag, ResponseTagChange, TagChangeAction, TagSource


def tagger():
    from nlp import get_tagger

    return get_tagger()


def human_decisions(response_ids: list[int]) -> dict[int, dict[str, str]]:
    """response id -> {label: the latest action an analyst took on it}, in one query."""
    ids = [i for i in response_ids if i is not None]
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(ResponseTagChange.response_id, ResponseTagChange.label, ResponseTagChange.action)
        .where(ResponseTagChange.response_id.in_(ids), ResponseTagChange.source == TagSource.human)
        .order_by(ResponseTagChange.id)
    ).all()
    decided: dict[int, dict[str, str]] = {}
    for response_id, label, action in rows:
        decided.setdefault(response_id, {})[label] = action
    return decided


def apply_model_tags(response: Response, result, model_version: str, decided: dict[str, str] | None = None) -> None:
    """Replace the model's tags with `result`'s, leaving analysts' decisions alone.
    `decided` is this response's entry of human_decisions(), when the caller has it."""
    keep = [t for t in response.tags if t.source == TagSource.human]
    if decided is None:
        decided = human_decisions([response.id]).get(response.id, {})
    decided = decided | {t.label: TagChangeAction.added for t in keep}
    old = {t.label: t for t in response.tags if t.source == TagSource.model}
    new_labels = [lb for lb in result.labels if lb not in decided]
    for label in new_labels:
        tag = old.get(label) or ResponseTag(label=label, source=TagSource.model)
        tag.score = round(float(result.scores.get(label, 0.0)), 4)
        tag.model_version = model_version
        tag.evidence = result.evidence.get(label) or []
        keep.append(tag)
    _record(response, set(new_labels) - set(old), TagChangeAction.added, model_version)
    _record(response, set(old) - set(new_labels), TagChangeAction.removed, model_version)
    response.tags = keep
    response.model_labels = list(result.labels)
    response.tagged_model_version = model_version


def _record(response, labels, action, model_version=None, actor=None, reason=None) -> None:
    for label in sorted(labels):
        db.session.add(
            ResponseTagChange(
                response=response,
                label=label,
                action=action,
                model_version=model_version,
                source=TagSource.human if actor else TagSource.model,
                actor=actor,
                reason=reason,
            )
        )


def tag_response(response: Response) -> None:
    t = tagger()
    apply_model_tags(response, t.tag(response.text), t.version)
