"""Analysis for scripts: the themed summary and audited exports of any filtered scope."""

from engage.accounts.auth import roles_required
from engage.analysis.downloads import send_export
from engage.analysis.schemas import ExportQuerySchema, SummarySchema
from engage.analysis.summary import build_summary
from engage.api import bp
from engage.api.docs import doc
from engage.api.util import load_query
from engage.responses.queries import ResponseFilter
from engage.responses.schemas import ResponseFilterSchema


@bp.get("/summary")
@roles_required("analyst")
@doc(
    "Themed consultation summary of a filtered scope: per priority area and per plan objective",
    query=ResponseFilterSchema,
    responses={200: SummarySchema},
    auth="analyst",
    tags=("analysis",),
)
def summary_api():
    flt = ResponseFilter(**load_query(ResponseFilterSchema()))
    return SummarySchema().dump(build_summary(flt))


@bp.get("/export")
@roles_required("analyst")
@doc(
    "Export every response in a filtered scope as CSV, XLSX or JSON: no contact details, personal "
    "details in the text redacted, safeguarding-flagged text [withheld]; audited",
    query=ExportQuerySchema,
    responses={200: None},
    auth="analyst",
    tags=("analysis",),
)
def export_api():
    args = load_query(ExportQuerySchema())
    fmt = args.pop("format")
    return send_export(ResponseFilter(**args), fmt)
