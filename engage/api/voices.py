"""Lesser-heard voices for integrations: a verified community partner's feedback."""

from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_body
from engage.extensions import db
from engage.voices import queries, services
from engage.voices.schemas import VoicesInSchema, VoicesOutSchema


@bp.post("/voices")
@roles_required("partner")
@doc(
    "Submit feedback gathered from one community (verified partners only; 403 otherwise)",
    body=VoicesInSchema,
    responses={201: VoicesOutSchema},
    auth="partner",
    tags=("voices",),
)
def submit_voices_api():
    data = load_body(VoicesInSchema())
    submission = services.submit_voices(current_user, data)
    db.session.commit()
    views = queries.views_of([submission])[submission.id]
    return VoicesOutSchema().dump(
        {
            "id": submission.id,
            "reference": submission.reference,
            "community_group": submission.community_group,
            "views": views,
        }
    ), 201
