from flask import Blueprint, render_template, request

from engage.accounts.auth import roles_required
from engage.mail.services import recent_messages
from engage.responses.queries import ResponseFilter, count_responses, list_responses

bp = Blueprint("responses", __name__, url_prefix="/staff")


@bp.get("/responses")
@roles_required("officer", "analyst")
def index():
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 100_000))
    flt = ResponseFilter()
    return render_template("responses/index.html", responses=list_responses(flt, page, 50),
                           total=count_responses(flt), page=page)


@bp.get("/outbox")
@roles_required("officer")
def outbox():
    return render_template("mail/outbox.html", messages=recent_messages())
