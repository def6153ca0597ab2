from flask import Blueprint, render_template

from engage.public.queries import open_surveys

bp = Blueprint("surveys", __name__, url_prefix="/surveys")


@bp.get("/")
def index():
    return render_template("surveys/index.html", surveys=open_surveys())
