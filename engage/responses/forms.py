from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class TryTaggerForm(FlaskForm):
    text = TextAreaField("Text to tag", validators=[
        DataRequired("Paste some text to tag"),
        Length(max=10_000, message="Text must be 10,000 characters or fewer")])
