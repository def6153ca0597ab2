from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

from engage.surveys.equality import about_you_questions, validate_about_you

ABOUT_YOU_PREFIX = "about_you_"


class TryTaggerForm(FlaskForm):
    text = TextAreaField("Text to tag", validators=[
        DataRequired("Paste some text to tag"),
        Length(max=10_000, message="Text must be 10,000 characters or fewer")])


class AboutYouFields:
    """The optional 'About you' questions on a channel's form (a view at a session, a summit
    submission, 'tell us in confidence'): one radio group per survey question, named
    about_you_<key> so they never clash with the form's own fields (its 'district' is the
    area a view is about, theirs where the person lives). Checked by the surveys' own
    validate_about_you, so a bad value gets the survey's message on the same page."""

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        _, errors = validate_about_you(self.about_you_raw())
        for key, message in errors.items():
            self[ABOUT_YOU_PREFIX + key].errors.append(message)
        return ok and not errors

    def about_you_raw(self) -> dict:
        return {q["key"]: self[ABOUT_YOU_PREFIX + q["key"]].data for q in about_you_questions()}

    def about_you_data(self) -> dict:
        """The answers given (skipped questions left out), for the service to check again."""
        return {k: v for k, v in self.about_you_raw().items() if v}

    def about_you_fields(self) -> list:
        return [self[ABOUT_YOU_PREFIX + q["key"]] for q in about_you_questions()]

    def about_you_given(self) -> bool:
        return any(f.data or f.errors for f in self.about_you_fields())


for _n, _q in enumerate(about_you_questions()):
    _field = RadioField(_q["text"], choices=_q["options"], validate_choice=False, description=_q["hint"])
    # WTForms orders fields by creation: these are made before any form that mixes them in,
    # so move them to the end, where the page shows them (and the error summary lists them).
    _field.creation_counter = 10**9 + _n
    setattr(AboutYouFields, ABOUT_YOU_PREFIX + _q["key"], _field)
