"""Analysts' reviews of tags (corrections and confirmations), the training data they
make, and how well the model agrees with them in real use."""

import sqlalchemy as sa

from engage.errors import ValidationFailed
from engage.extensions import db
from engage.responses.models import Response, ResponseTag, ResponseTagChange, TagChangeAction, TagSource
from engage.responses.tagging import _record


def _check_labels(labels: list[str], field: str) -> None:
    from nlp.taxonomy import LABELS

    unknown = [lb for lb in labels if lb not in LABELS]
    if unknown:
        raise ValidationFailed(f"Unknown priority area: {', '.join(unknown)}", field)


REASON_MAX = 300


def _reason(reason: str | None) -> str | None:
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"Keep the reason under {REASON_MAX} characters", "reason")
    return reason or None


def apply_tag_correction(response: Response, add: list[str], remove: list[str], actor,
                         reason: str | None = None) -> None:
    """Add and remove labels as an analyst; recorded in the history, kept over retags."""
    reason = _reason(reason)
    add, remove = list(dict.fromkeys(add or [])), list(dict.fromkeys(remove or []))
    _check_labels(add, "add")
    _check_labels(remove, "remove")
    if set(add) & set(remove):
        raise ValidationFailed("A label cannot be both added and removed", "add")
    if not add and not remove:
        raise ValidationFailed("Choose a label to add or remove", "add")
    current = {t.label: t for t in response.tags}
    for label in add:
        tag = current.get(label)
        if tag is None:
            response.tags.append(ResponseTag(label=label, source=TagSource.human, created_by=actor))
        else:
            tag.source, tag.created_by = TagSource.human, actor
    response.tags = [t for t in response.tags if t.label not in remove]
    _record(response, add, TagChangeAction.added, actor=actor, reason=reason)
    _record(response, remove, TagChangeAction.removed, actor=actor, reason=reason)
    db.session.flush()


def confirm_tags(response: Response, actor, reason: str | None = None) -> None:
    """The analyst checked the labels and they are right: one history row per label, so
    the response counts as reviewed (agreement page, training export) though unchanged."""
    reason = _reason(reason)
    _record(response, response.labels or ["other"], TagChangeAction.confirmed, actor=actor, reason=reason)
    db.session.flush()


def corrected_response_ids() -> sa.Select:
    """Responses an analyst reviewed: changed or confirmed."""
    return sa.select(ResponseTagChange.response_id).where(
        ResponseTagChange.source == TagSource.human).distinct()


def corrections_as_training_data():
    """{"text", "labels"} for every response an analyst reviewed, as nlp/data expects.
    The text passes the output gate (redacted); flagged disclosures are left out."""
    from engage.privacy.gate import response_text

    stmt = (sa.select(Response).where(Response.id.in_(corrected_response_ids()),
                                      Response.safeguarding_flag.is_(False))
            .order_by(Response.id).execution_options(yield_per=500))
    for response in db.session.scalars(stmt):
        yield {"text": response_text(response), "labels": response.labels or ["other"]}


def agreement_by_model_version() -> dict[str, dict]:
    """Per model version: per-label and micro precision/recall/F1 of the model's own labels
    against the labels as analysts left them, over every response they reviewed
    (confirmed as well as corrected, so agreement is not measured on mistakes alone)."""
    from nlp.taxonomy import LABELS

    stmt = sa.select(Response).where(Response.id.in_(corrected_response_ids()),
                                     Response.model_labels.is_not(None))
    counts: dict[str, dict[str, list[int]]] = {}
    reviewed: dict[str, int] = {}
    for r in db.session.scalars(stmt):
        key = r.tagged_model_version or "unknown"
        reviewed[key] = reviewed.get(key, 0) + 1
        version = counts.setdefault(key, {lb: [0, 0, 0] for lb in LABELS})
        predicted, gold = set(r.model_labels or []), set(r.labels)
        for label in predicted | gold:
            tp_fp_fn = version[label]
            tp_fp_fn[0 if label in predicted and label in gold else 1 if label in predicted else 2] += 1
    return {v: _scores(c, reviewed[v]) for v, c in counts.items()}


def _scores(counts: dict[str, list[int]], responses: int) -> dict:
    rows, totals = [], [0, 0, 0]
    for label, (tp, fp, fn) in counts.items():
        totals = [a + b for a, b in zip(totals, (tp, fp, fn), strict=True)]
        if tp + fp + fn:
            rows.append({"label": label, **_prf(tp, fp, fn)})
    return {"labels": rows, "micro": _prf(*totals), "responses": responses}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
