from flask import Blueprint, abort, render_template, request

from engage.accounts.auth import roles_required
from engage.audit.queries import audit_actions, count_audit_events, list_audit_events

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
PER_PAGE = 50
MAX_PAGE = 100_000


@bp.get("")
@roles_required("admin")
def index():
    raw = request.args.get("page", "1")
    page = int(raw) if raw.isdigit() and len(raw) < 8 else 0
    if not 1 <= page <= MAX_PAGE:
        abort(400, f"Page must be a whole number from 1 to {MAX_PAGE:,}.")
    action = request.args.get("action") or None
    actions = audit_actions()
    if action and action not in actions:
        abort(400, "There are no audit events with that action.")
    total = count_audit_events(action)
    return render_template(
        "audit/index.html",
        events=list_audit_events(action, page, PER_PAGE),
        total=total,
        page=page,
        per_page=PER_PAGE,
        action=action,
        actions=actions,
    )
