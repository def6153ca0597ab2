"""The tag correction form (pages only; the API takes JSON)."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional


def _label_choices():
    from engage.plan.active import label_name
    from nlp.taxonomy import LABELS

    return [(lb, label_name(lb)) for lb in LABELS]


class TagCorrectionForm(FlaskForm):
    labels = SelectMultipleField(
        "Priority areas", validators=[DataRequired("Choose at least one priority area, or Other")]
    )
    reason = StringField("Reason (optional)", validators=[Optional(), Length(max=300)])
    next = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels.choices = _label_choices()
