from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from engage.places import DISTRICT_CHOICES
from engage.responses.forms import AboutYouFields

TEXT_LIMIT = 10_000


class ConfidentialForm(AboutYouFields, FlaskForm):
    text = TextAreaField("What would you like to tell us?", validators=[
        DataRequired("Tell us what is on your mind"),
        Length(max=TEXT_LIMIT, message=f"What you tell us must be {TEXT_LIMIT:,} characters or fewer")])
    district = SelectField("Which area is this about? (optional)",
                           choices=[("", "Prefer not to say or not sure")] + DISTRICT_CHOICES,
                           validate_choice=True, default="")
    consent_to_quote = BooleanField(
        "You may quote my words anonymously in reports (we remove names and anything that could identify anyone)")
