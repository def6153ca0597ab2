"""The stream of responses, for analysts and scripts."""

from engage.accounts.auth import roles_required
from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_query
from engage.responses.queries import ResponseFilter, count_responses, list_responses
from engage.responses.schemas import ResponseItemSchema, ResponseListFilterSchema, ResponseListSchema


@bp.get("/responses")
@roles_required("analyst")
@doc("List responses from every channel, newest first", query=ResponseListFilterSchema,
     responses={200: ResponseListSchema}, auth="analyst", tags=("responses",))
def list_responses_api():
    args = load_query(ResponseListFilterSchema())
    page, per_page = args.pop("page"), args.pop("per_page")
    flt = ResponseFilter(**args)
    items = list_responses(flt, page, per_page)
    return ResponseListSchema().dump(
        {"items": items, "total": count_responses(flt), "page": page, "per_page": per_page})
