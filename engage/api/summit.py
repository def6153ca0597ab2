"""The rural crime summit for integrations: the current summit and public submissions."""

from flask_login import current_user

from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_body
from engage.errors import NotFound
from engage.extensions import db, limiter
from engage.summit import queries, services
from engage.summit.models import Summit
from engage.summit.schemas import (
    SummitOutSchema,
    SummitSubmissionInSchema,
    SummitSubmissionOutSchema,
)


@bp.get("/summits/current")
@doc(
    "The next rural crime summit (else the latest), its window, themes and answer options",
    responses={200: SummitOutSchema},
    tags=("summit",),
)
def current_summit_api():
    summit = queries.current_summit()
    if summit is None:
        raise NotFound("No summit has been announced yet")
    return SummitOutSchema().dump(summit)


@bp.post("/summits/<int:summit_id>/submissions")
@limiter.limit("10/minute")
@doc(
    "Send a submission to a summit while its window is open (409 outside it)",
    body=SummitSubmissionInSchema,
    responses={201: SummitSubmissionOutSchema},
    tags=("summit",),
)
def submit_to_summit_api(summit_id: int):
    summit = db.session.get(Summit, summit_id)
    if summit is None:
        raise NotFound("No such summit", "summit")
    summit.check_accepting()
    data = load_body(SummitSubmissionInSchema())
    user = current_user if current_user.is_authenticated else None
    submission = services.submit_to_summit(summit, data, user)
    db.session.commit()
    return SummitSubmissionOutSchema().dump(submission), 201
