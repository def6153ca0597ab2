"""The annual rural crime summit: each year's summit and the submissions sent to it."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.db import TimestampMixin, utcnow
from engage.errors import InvalidState
from engage.extensions import db

# Who is sending a submission.
RESPONDENT_TYPES: dict[str, str] = {
    "farmer_landowner": "Farmer or landowner",
    "rural_business": "Rural business",
    "parish_town_council": "Parish or town council",
    "resident": "Resident",
    "partner_agency": "Partner agency",
    "other": "Other",
}
# The plan's specific rural crimes ("farm machinery theft, fuel theft, fly tipping, poaching,
# livestock offences and equine crime", plus its glossary's hare coursing, wildlife and
# heritage crime and unauthorised encampments).
RURAL_CRIMES: dict[str, str] = {
    "farm_machinery_theft": "Farm machinery theft",
    "fuel_theft": "Fuel theft",
    "fly_tipping": "Fly tipping",
    "poaching": "Poaching",
    "hare_coursing": "Hare coursing",
    "livestock_offences": "Livestock offences, including livestock worrying",
    "equine_crime": "Equine crime",
    "wildlife_crime": "Wildlife crime",
    "heritage_crime": "Heritage crime",
    "unauthorised_encampments": "Unauthorised encampments",
    "other": "Other rural crime",
}
FREQUENCIES: dict[str, str] = {
    "once": "Once",
    "a_few_times": "A few times",
    "monthly": "About once a month",
    "weekly": "Every week or more",
}
NOT_REPORTED_REASONS: dict[str, str] = {
    "nothing_would_happen": "I did not think the police could or would do anything",
    "not_serious_enough": "It did not seem serious enough",
    "nothing_happened_before": "I reported something before and nothing happened",
    "hard_to_report": "It was hard to report (getting through on 101 or online)",
    "fear_of_reprisal": "Fear of reprisal or intimidation",
    "reported_elsewhere": "I reported it to someone else, such as the council",
    "other": "Another reason",
}


class Summit(TimestampMixin, db.Model):
    """One year's summit, its submission window, themes and progress report."""

    __tablename__ = "summits"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[date]
    venue: Mapped[str] = mapped_column(sa.String(300), default="")
    window_opens_at: Mapped[datetime]
    window_closes_at: Mapped[datetime]
    # The themes the summit will cover, in the order officers gave them.
    themes: Mapped[list] = mapped_column(sa.JSON, default=list)
    # Progress on last year's actions, reviewed at the summit.
    progress_report: Mapped[str] = mapped_column(sa.Text, default="")

    submissions: Mapped[list["SummitSubmission"]] = relationship(
        back_populates="summit",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SummitSubmission.id",
    )

    @property
    def window_open(self) -> bool:
        return self.window_opens_at <= utcnow() < self.window_closes_at

    @property
    def window_not_yet_open(self) -> bool:
        return utcnow() < self.window_opens_at

    def can_accept_submissions(self) -> bool:
        return self.window_open

    def check_accepting(self) -> None:
        """Raise InvalidState with a message a resident understands when the window is shut."""
        if self.window_not_yet_open:
            raise InvalidState("Submissions for this summit have not opened yet.", "summit")
        if not self.window_open:
            raise InvalidState("Submissions for this summit have closed.", "summit")


class SummitSubmission(db.Model):
    """What one person or organisation told the summit; its free text is a Response."""

    __tablename__ = "summit_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(16), unique=True)
    summit_id: Mapped[int] = mapped_column(
        sa.ForeignKey("summits.id", ondelete="CASCADE"), index=True
    )
    respondent_type: Mapped[str] = mapped_column(sa.String(32))
    organisation: Mapped[str | None] = mapped_column(sa.String(200))
    parish: Mapped[str | None] = mapped_column(sa.String(120))
    district: Mapped[str] = mapped_column(sa.String(32), index=True)
    # Rural crime ids (RURAL_CRIMES) experienced in the last 12 months; may be empty.
    crimes: Mapped[list] = mapped_column(sa.JSON, default=list)
    frequency: Mapped[str | None] = mapped_column(sa.String(16))
    # None when no crime was experienced.
    reported: Mapped[bool | None]
    not_reported_reason: Mapped[str | None] = mapped_column(sa.String(32))
    wants_to_speak: Mapped[bool] = mapped_column(default=False)
    # Only kept when someone asks to speak, so officers can invite them.
    contact_name: Mapped[str | None] = mapped_column(sa.String(120))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    response_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("responses.id", ondelete="SET NULL"), index=True
    )
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    summit: Mapped[Summit] = relationship(back_populates="submissions")
    response = relationship("Response")
    submitted_by = relationship("User")

    @property
    def not_reported(self) -> bool:
        return self.reported is False

    @property
    def labels(self) -> list[str]:
        return self.response.labels if self.response is not None else []
