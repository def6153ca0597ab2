"""The analysts' workspace: dashboard, responses, summary, report, exports,
differences between groups and representation."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import Response as FlaskResponse
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.analysis import services
from engage.analysis.dashboard import dashboard as build_dashboard
from engage.analysis.downloads import send_export
from engage.analysis.filters import community_group_name, filter_choices, load_filter, scope_link
from engage.analysis.forms import TagCorrectionForm
from engage.analysis.paging import page_of
from engage.analysis.tally import Tally
from engage.audit.services import record_audit
from engage.extensions import db
from engage.responses.highlight import evidence_segments, response_evidence
from engage.responses.models import Response
from engage.responses.queries import tag_history
from engage.web import safe_next

bp = Blueprint("analysis", __name__, url_prefix="/analysis")
PER_PAGE = 25
MAX_PAGE = 100_000


@bp.app_context_processor
def _helpers():
    return {
        "community_group_name": community_group_name,
        "evidence_segments": evidence_segments,
        "response_evidence": response_evidence,
        "link": scope_link,
    }


def _scope(template: str, **extra):
    """Read the filters; with bad ones, show the page's error summary with a 400."""
    flt, errors = load_filter(request.args)
    ctx = {"flt": flt, "errors": errors, "args": request.args, "choices": filter_choices(), **extra}
    if errors:
        return flt, (render_template(template, **ctx), 400), ctx
    return flt, None, ctx


def _page() -> int:
    raw = request.args.get("page", "1")
    page = int(raw) if raw.isdigit() and len(raw) < 8 else 0
    if not 1 <= page <= MAX_PAGE:
        abort(400, f"Page must be a whole number from 1 to {MAX_PAGE:,}.")
    return page


@bp.get("/")
@roles_required("analyst")
def dashboard():
    flt, failed, ctx = _scope("analysis/dashboard.html", total=0, charts=[])
    return failed or render_template("analysis/dashboard.html", **ctx | build_dashboard(flt))


@bp.get("/responses")
@roles_required("analyst")
def responses():
    page = _page()
    flt, failed, ctx = _scope(
        "analysis/responses.html", items=[], total=0, page=page, per_page=PER_PAGE
    )
    if failed:
        return failed
    items = page_of(flt, page, PER_PAGE)
    record_audit(current_user, "responses.list", flt.as_args() | {"page": page}, len(items))
    db.session.commit()
    return render_template(
        "analysis/responses.html",
        **ctx
        | {
            "items": items,
            "total": Tally(flt).total(),
            "form": TagCorrectionForm(formdata=None),
        },
    )


@bp.get("/responses/<int:response_id>")
@roles_required("analyst")
def response(response_id: int):
    item = db.get_or_404(Response, response_id)
    form = TagCorrectionForm(formdata=None, labels=item.labels)
    record_audit(current_user, "responses.read", {"response_id": item.id}, 1)
    db.session.commit()
    return render_template("analysis/response.html", item=item, form=form,
                           history=tag_history(item.id))


@bp.post("/responses/<int:response_id>/tags")
@roles_required("analyst")
def correct_tags(response_id: int):
    item = db.get_or_404(Response, response_id)
    form = TagCorrectionForm()
    if not form.validate():
        return render_template("analysis/response.html", item=item, form=form,
                               history=tag_history(item.id)), 400
    added, removed = services.correct_tags(item, form.labels.data, current_user, form.reason.data)
    db.session.commit()
    flash(_correction_message(item, added, removed), "success")
    return redirect(safe_next(form.next.data) or url_for(".response", response_id=item.id))


def _correction_message(item, added, removed) -> str:
    from engage.plan.active import label_name

    if not (added or removed):
        return f"{item.reference}: priority areas confirmed as correct."
    parts = ([f"added {', '.join(label_name(x) for x in added)}"] if added else []) + (
        [f"removed {', '.join(label_name(x) for x in removed)}"] if removed else []
    )
    return f"{item.reference}: {'; '.join(parts)}."


@bp.get("/summary")
@roles_required("analyst")
def summary():
    from engage.analysis.report import report_context
    from engage.analysis.summary import needs_assessment_years

    flt, failed, ctx = _scope(
        "analysis/summary.html", summary=None, charts=[], years=needs_assessment_years()
    )
    return failed or render_template("analysis/summary.html", **ctx | report_context(flt))


@bp.get("/summary/report")
@roles_required("analyst")
def report():
    from engage.analysis.report import render_report_html

    flt, errors = load_filter(request.args)
    if errors:
        abort(400, "; ".join(m for ms in errors.values() for m in ms))
    html = render_report_html(flt)
    services.record_report(current_user, flt, "html", Tally(flt).total())
    db.session.commit()
    return html


@bp.get("/analysis.css")
@roles_required("analyst")
def analysis_css():
    return FlaskResponse(render_template("analysis/analysis.css"), mimetype="text/css")


@bp.get("/summary/report.css")
@roles_required("analyst")
def report_css():
    return FlaskResponse(render_template("analysis/report.css"), mimetype="text/css")


@bp.get("/summary.docx")
@roles_required("analyst")
def summary_docx():
    from engage.analysis.docx_report import render_report_docx

    return _report_download(
        "docx", render_report_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@bp.get("/summary/report.pdf")
@roles_required("analyst")
def report_pdf():
    from engage.analysis.report import render_report_pdf

    return _report_download("pdf", render_report_pdf, "application/pdf")


def _report_download(fmt: str, render, mimetype: str):
    """The themed summary for the filters in the query string as a file, audited."""
    flt, errors = load_filter(request.args)
    if errors:
        abort(400, "; ".join(m for ms in errors.values() for m in ms))
    body = render(flt)
    services.record_report(current_user, flt, fmt, Tally(flt).total())
    db.session.commit()
    return FlaskResponse(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="consultation-summary.{fmt}"'})


@bp.get("/export")
@roles_required("analyst")
def export():
    from engage.analysis.exports import FORMATS

    fmt = request.args.get("format", "")
    if fmt not in FORMATS:
        abort(400, f"Choose a format: {', '.join(FORMATS)}.")
    flt, errors = load_filter({k: v for k, v in request.args.items() if k != "format"})
    if errors:
        abort(400, "; ".join(m for ms in errors.values() for m in ms))
    return send_export(flt, fmt)


@bp.get("/differences")
@roles_required("analyst")
def differences():
    from engage.analysis.differences import METHOD, MIN_GROUP, differences_grid, surveys_ready

    flt, failed, ctx = _scope(
        "analysis/differences.html",
        grids=[],
        method=METHOD,
        min_group=MIN_GROUP,
        surveys_ready=True,
    )
    return failed or render_template(
        "analysis/differences.html",
        **ctx | {"grids": differences_grid(flt), "surveys_ready": surveys_ready()},
    )


@bp.get("/representation")
@roles_required("analyst")
def representation():
    from engage.analysis.representation import representation as build

    flt, failed, ctx = _scope(
        "analysis/representation.html",
        comparisons=None,
        surveys_ready=True,
        people=None,
        min_group=10,
        missing_tables=[],
        ignored_for_people=[],
        census={"publisher": "", "licence": "", "notes": [], "provenance": []},
        # Here the answers come from every channel that asks them, not surveys only.
        equality_label="People who said",
    )
    return failed or render_template("analysis/representation.html", **ctx | build(flt))
