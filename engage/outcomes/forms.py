"""The officers' form for a consultation's or a summit's outcome."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, TextAreaField
from wtforms.validators import Length

from engage.places import DISTRICT_CHOICES


def _label_choices() -> list[tuple[str, str]]:
    from engage.plan.active import label_name
    from nlp.taxonomy import LABELS

    return [(label, label_name(label)) for label in LABELS if label != "other"]


class OutcomeForm(FlaskForm):
    heard = TextAreaField("What we heard", validators=[Length(max=20000)])
    will_do = TextAreaField("What we will do", validators=[Length(max=20000)])
    labels = SelectMultipleField("Priority areas it concerns", validate_choice=False)
    districts = SelectMultipleField(
        "Districts it concerns (leave all unticked for the whole county)",
        choices=DISTRICT_CHOICES, validate_choice=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels.choices = _label_choices()

    def outcome_data(self) -> dict:
        return {"heard": self.heard.data, "will_do": self.will_do.data,
                "labels": self.labels.data or [], "districts": self.districts.data or []}
