"""A firm's booked sessions as an iCalendar file (RFC 5545, through the `icalendar` library): one event per
meeting, so every date lands in the owner's and the people's calendars (pure: no Django)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

from skillcluster.words import gettext

PRODUCT = "-//Skillcluster//Pooled training//EN"


@dataclass(frozen=True)
class MeetingEvent:
    uid: str  # stable across downloads, so a calendar updates the event instead of adding a copy
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    people: tuple[str, ...]
    stamp: datetime


def ics(events: Iterable[MeetingEvent], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp)
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("summary", item.title)
        if item.location:
            event.add("location", item.location)
        event.add("description", gettext("Seats booked for: %(people)s") % {"people": ", ".join(item.people)})
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
