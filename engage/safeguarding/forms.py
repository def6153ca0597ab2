from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from engage.safeguarding.models import OUTCOME_NAMES
from engage.safeguarding.services import NOTE_MAX


class ActionForm(FlaskForm):
    outcome = RadioField(
        "What did you do?",
        choices=[(k.value, v) for k, v in OUTCOME_NAMES.items()],
        validators=[DataRequired("Choose what you did")],
    )
    note = TextAreaField(
        "Note",
        validators=[
            Length(max=NOTE_MAX, message=f"The note must be {NOTE_MAX:,} characters or fewer")
        ],
    )


class ConfirmForm(FlaskForm):
    """A button-only form: CSRF is all it carries."""


class AssignForm(FlaskForm):
    """Who deals with the case; the choices (active officers) are set by the view."""

    officer = SelectField("Assigned to", coerce=int, validate_choice=True)
