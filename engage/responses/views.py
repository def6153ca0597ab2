import json

from flask import Blueprint, render_template, request, stream_with_context
from flask import Response as HttpResponse
from flask_login import current_user

from engage.accounts.auth import roles_required
from engage.audit.services import record_audit
from engage.extensions import db
from engage.responses.corrections import agreement_by_model_version, corrections_as_training_data
from engage.responses.forms import TryTaggerForm
from engage.responses.highlight import evidence_segments
from engage.responses.queries import ResponseFilter, count_responses, list_responses
from engage.responses.tagging import tagger

bp = Blueprint("responses", __name__, url_prefix="/staff")


@bp.get("/responses")
@roles_required("officer", "analyst")
def index():
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 100_000))
    flt = ResponseFilter()
    items = list_responses(flt, page, 50)
    record_audit(current_user, "responses.list", {"page": page, "via": "staff"}, len(items))
    db.session.commit()
    return render_template("responses/index.html", responses=items,
                           total=count_responses(flt), page=page)


@bp.route("/tagger", methods=["GET", "POST"])
@roles_required("officer", "analyst")
def try_tagger():
    form = TryTaggerForm()
    result = segments = None
    t = tagger()
    if form.validate_on_submit():
        result = t.tag(form.text.data)
        segments = evidence_segments(form.text.data, result.evidence)
    return render_template("responses/tagger.html", form=form, result=result, segments=segments,
                           version=t.version), 400 if form.errors else 200


@bp.get("/tagging/agreement")
@roles_required("analyst")
def agreement():
    return render_template("responses/agreement.html", versions=agreement_by_model_version())


@bp.get("/tagging/corrections.jsonl")
@roles_required("analyst")
def corrections_download():
    record_audit(current_user, "corrections.download", {}, None)
    db.session.commit()
    lines = (json.dumps(item, ensure_ascii=False) + "\n" for item in corrections_as_training_data())
    # Streamed after the view returns: the query needs the app context kept open.
    return HttpResponse(stream_with_context(lines), mimetype="application/x-ndjson",
                        headers={"Content-Disposition": "attachment; filename=corrections.jsonl"})
