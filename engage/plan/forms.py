"""Staff forms: uploading a plan file, and recording a Key Ambition figure."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from engage.plan.active import active_plan
from engage.plan.quarters import finished_quarters, quarter_bounds


class PlanUploadForm(FlaskForm):
    plan_file = FileField("Plan file (JSON)", validators=[FileRequired("Choose a plan file to upload")])


class FigureForm(FlaskForm):
    ambition_id = SelectField("Key Ambition", validate_choice=False)
    value = StringField("Figure")
    quarter = SelectField("Quarter", validate_choice=False)
    period_start = DateField("Or from (first day of the period)", validators=[Optional()])
    period_end = DateField("To (last day of the period)", validators=[Optional()])
    source = StringField("Source")
    note = TextAreaField("Note (optional)")

    def set_choices(self, today) -> None:
        self.ambition_id.choices = [("", "Choose an ambition")] + [
            (a["id"], f"{a['objective']}: {a['text'][:120]}") for a in active_plan().ambitions]
        self.quarter.choices = [("", "Not a single quarter: give the dates below")] + [
            (q, q) for q in finished_quarters(today)]

    def period(self):
        """(start, end) from the chosen quarter, else from the two dates."""
        if self.quarter.data:
            try:
                return quarter_bounds(self.quarter.data)
            except ValueError:
                return None, None
        return self.period_start.data, self.period_end.data

    def service_data(self) -> dict:
        start, end = self.period()
        return {"ambition_id": self.ambition_id.data, "value": self.value.data,
                "period_start": start, "period_end": end, "source": self.source.data,
                "note": self.note.data}
