"""Sign-in, registration, password and staff-account forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from engage.accounts.roles import ROLE_DESCRIPTIONS, Role
from engage.accounts.services import MIN_PASSWORD_LENGTH

EMAIL = [DataRequired("Enter your email address"),
         Email("Enter an email address in the correct format, like name@example.com"),
         Length(max=254, message="Email address must be 254 characters or fewer")]
NEW_PASSWORD = [DataRequired("Enter a password"),
                Length(min=MIN_PASSWORD_LENGTH, max=200,
                       message=f"Password must be between {MIN_PASSWORD_LENGTH} and 200 characters")]


class SignInForm(FlaskForm):
    email = EmailField("Email address", validators=EMAIL)
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


class RegisterForm(FlaskForm):
    name = StringField("Your name (optional)", validators=[Length(max=120)])
    email = EmailField("Email address", validators=EMAIL)
    password = PasswordField("Create a password", validators=NEW_PASSWORD)
    confirm = PasswordField("Confirm your password", validators=[
        DataRequired("Confirm your password"), EqualTo("password", "The passwords do not match")])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password")])
    password = PasswordField("New password", validators=NEW_PASSWORD)
    confirm = PasswordField("Confirm new password", validators=[
        DataRequired("Confirm your new password"), EqualTo("password", "The passwords do not match")])


class ForgotPasswordForm(FlaskForm):
    email = EmailField("Email address", validators=EMAIL)


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=NEW_PASSWORD)
    confirm = PasswordField("Confirm new password", validators=[
        DataRequired("Confirm your new password"), EqualTo("password", "The passwords do not match")])


ROLE_CHOICES = [(r.value, ROLE_DESCRIPTIONS[r]) for r in Role]


class StaffAccountForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired("Enter their name"), Length(max=120)])
    email = EmailField("Email address", validators=EMAIL)
    role = SelectField("Role", choices=ROLE_CHOICES, validators=[DataRequired("Choose a role")])
    how = RadioField("How will they set their password?", default="invite", choices=[
        ("invite", "Email them an invitation link to choose their own (recommended)"),
        ("password", "Give them a temporary password, which they must change when they first sign in"),
    ], validators=[DataRequired("Choose how they will set their password")])
    password = PasswordField("Temporary password", validators=[Optional(), *NEW_PASSWORD[1:]])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.how.data == "password" and not self.password.data:
            self.password.errors = [*self.password.errors,
                                    "Enter a temporary password, or send an invitation instead"]
            ok = False
        return ok


class EditAccountForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Account is active")


class ResetTwoFactorForm(FlaskForm):
    """An admin removes another member of staff's two-factor secret (a lost phone): the
    reason is kept in the audit log."""

    reason = StringField(
        "Why are you resetting it?",
        validators=[DataRequired("Say why, for example how you checked who asked"),
                    Length(max=200, message="Keep the reason under 200 characters")],
    )
