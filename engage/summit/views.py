from flask import Blueprint, render_template

from engage.public.queries import current_summit

bp = Blueprint("summit", __name__, url_prefix="/summit")


@bp.get("/")
def index():
    return render_template("summit/index.html", summit=current_summit())
