"""Re-tagging the whole stream in batches: resumable, because each batch commits
and responses already tagged by the current model version are skipped."""

from collections.abc import Callable

import sqlalchemy as sa

from engage.extensions import db
from engage.responses.models import Response
from engage.responses.tagging import apply_model_tags, human_decisions, tagger


def pending_ids(version: str, everything: bool) -> list[int]:
    stmt = sa.select(Response.id).order_by(Response.id)
    if not everything:
        stmt = stmt.where(sa.or_(Response.tagged_model_version.is_(None), Response.tagged_model_version != version))
    return list(db.session.scalars(stmt))


def retag_responses(
    batch_size: int = 256, everything: bool = False, progress: Callable[[int], None] | None = None
) -> int:
    """Tag every response not yet tagged by the current model; commit per batch."""
    t = tagger()
    ids = pending_ids(t.version, everything)
    done = 0
    for start in range(0, len(ids), batch_size):
        batch = list(
            db.session.scalars(
                sa.select(Response).where(Response.id.in_(ids[start : start + batch_size])).order_by(Response.id)
            )
        )
        decided = human_decisions([r.id for r in batch])
        results = t.tag_many([r.text for r in batch], batch_size=batch_size)
        for response, result in zip(batch, results, strict=True):
            apply_model_tags(response, result, t.version, decided.get(response.id, {}))
        db.session.commit()
        done += len(batch)
        if progress:
            progress(len(batch))
    return done
