"""iCalendar files: one session to add to a calendar, or a feed of all upcoming ones."""

from datetime import UTC

from icalendar import Calendar
from icalendar import Event as VEvent

from engage.db import utcnow
from engage.events.models import Event, EventState
from engage.events.notify import event_url

PRODID = "-//Nottinghamshire OPCC//Make Notts Safe Engage//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    return cal


def _vevent(event: Event) -> VEvent:
    url = event_url(event)
    item = VEvent()
    item.add("uid", f"event-{event.id}@engage.nottinghamshire.pcc.police.uk")
    item.add("dtstamp", utcnow().replace(tzinfo=UTC))
    # Raised on every change registrants are told of, so calendars replace their copy.
    item.add("sequence", event.sequence or 0)
    item.add("dtstart", event.starts_at.replace(tzinfo=UTC))
    item.add("dtend", event.ends_at.replace(tzinfo=UTC))
    item.add("summary", event.title)
    item.add("description", f"{event.description}\n\nSession page: {url}".strip())
    item.add("url", url)
    location = ", ".join(p for p in (event.venue, event.address) if p) or "Online"
    item.add("location", location)
    item.add(
        "status",
        "CANCELLED"
        if event.status == EventState.cancelled
        else "TENTATIVE"
        if event.status == EventState.postponed
        else "CONFIRMED",
    )
    return item


def event_ics(event: Event) -> bytes:
    cal = _calendar(event.title)
    cal.add("method", "PUBLISH")
    cal.add_component(_vevent(event))
    return cal.to_ical()


def feed_ics(events: list[Event]) -> bytes:
    cal = _calendar("Meet the Commissioner sessions")
    for event in events:
        cal.add_component(_vevent(event))
    return cal.to_ical()
