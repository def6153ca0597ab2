"""Who is on the safeguarding rota."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db


class RotaMember(db.Model):
    """An officer emailed at once about each new safeguarding case. With nobody on the
    rota, every active officer is (a case must never wait unseen)."""

    __tablename__ = "safeguarding_rota"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    user = relationship("User")
