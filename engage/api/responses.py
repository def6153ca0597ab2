"""The stream of responses, for analysts and scripts."""

from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.analysis.paging import BadCursor, after_cursor, encode_cursor, page_of
from engage.analysis.tally import Tally
from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_body, load_query
from engage.audit.services import record_audit
from engage.errors import NotFound, ValidationFailed
from engage.extensions import db
from engage.responses.corrections import apply_tag_correction, confirm_tags
from engage.responses.models import Response
from engage.responses.queries import ResponseFilter, tag_history
from engage.responses.schemas import (
    ResponseDetailSchema,
    ResponseListFilterSchema,
    ResponseListSchema,
    TagChangeSchema,
    TagCorrectionSchema,
    TagResultSchema,
    TagTextSchema,
)
from engage.responses.tagging import tagger


@bp.get("/responses")
@roles_required("analyst")
@doc("List responses from every channel, newest first", query=ResponseListFilterSchema,
     responses={200: ResponseListSchema}, auth="analyst", tags=("responses",))
def list_responses_api():
    args = load_query(ResponseListFilterSchema())
    page, per_page, cursor = args.pop("page"), args.pop("per_page"), args.pop("cursor")
    flt = ResponseFilter(**args)
    try:
        items = after_cursor(flt, cursor, per_page) if cursor else page_of(flt, page, per_page)
    except BadCursor as exc:
        raise ValidationFailed(str(exc), "cursor") from None
    body = ResponseListSchema().dump({
        "items": items, "total": Tally(flt).total(), "page": None if cursor else page, "per_page": per_page,
        "next_cursor": encode_cursor(items[-1]) if len(items) == per_page else None})
    record_audit(current_user, "responses.list",
                 flt.as_args() | {"page": page, "cursor": cursor, "via": "api"}, len(items))
    db.session.commit()
    return body


def _get_response(response_id: int) -> Response:
    response = db.session.get(Response, response_id)
    if response is None:
        raise NotFound("No response with that id", "id")
    return response


def _detail(response: Response) -> dict:
    data = ResponseDetailSchema().dump(response)
    data["history"] = TagChangeSchema(many=True).dump(tag_history(response.id))
    return data


@bp.get("/responses/<int:response_id>")
@roles_required("analyst")
@doc("One response with its tags and the history of its tags", responses={200: ResponseDetailSchema},
     auth="analyst", tags=("responses",))
def get_response_api(response_id: int):
    body = _detail(_get_response(response_id))
    record_audit(current_user, "responses.read", {"response_id": response_id, "via": "api"}, 1)
    db.session.commit()
    return body


@bp.patch("/responses/<int:response_id>/tags")
@roles_required("analyst")
@doc("Add or remove priority-area labels, or confirm them (confirm: true); an analyst's label "
     "always wins over the model's",
     body=TagCorrectionSchema, responses={200: ResponseDetailSchema}, auth="analyst", tags=("responses",))
def correct_tags_api(response_id: int):
    response = _get_response(response_id)
    data = load_body(TagCorrectionSchema())
    if data["confirm"] and not (data["add"] or data["remove"]):
        confirm_tags(response, current_user, data["reason"])
    else:
        apply_tag_correction(response, data["add"], data["remove"], current_user, data["reason"])
    db.session.commit()
    return _detail(response)


@bp.post("/tag")
@roles_required("officer", "analyst")
@doc("Tag a text without storing it", body=TagTextSchema, responses={200: TagResultSchema},
     auth="officer, analyst", tags=("tagger",))
def tag_text_api():
    data = load_body(TagTextSchema())
    t = tagger()
    result = t.tag(data["text"])
    return TagResultSchema().dump({"labels": result.labels, "scores": result.scores,
                                   "evidence": result.evidence, "model_version": t.version})
