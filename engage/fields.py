"""Date-time fields for JSON: the database holds naive UTC, the API always speaks
ISO 8601 with an offset, as its OpenAPI `date-time` format promises."""

from datetime import UTC
from zoneinfo import ZoneInfo

from marshmallow import fields

LONDON = ZoneInfo("Europe/London")


class UTCDateTime(fields.DateTime):
    """Naive UTC <-> ISO 8601 with an offset; a time given without one is taken as UTC."""

    assume = UTC

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self.assume)
        return parsed.astimezone(UTC).replace(tzinfo=None)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return value.replace(tzinfo=UTC).isoformat()


class LondonDateTime(UTCDateTime):
    """A time without an offset is read as Europe/London (what an officer means)."""

    assume = LONDON
