"""A plan exported (pure): its due dates as an iCalendar file (one all-day event per action, RFC 5545 through
`icalendar`) and the plan as a spreadsheet (`openpyxl`)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Font

from skillcluster.words import gettext, gettext_noop

PRODUCT = "-//Skillcluster//Learning plan//EN"
COLUMNS = (
    gettext_noop("Due"), gettext_noop("Action"), gettext_noop("Serves"), gettext_noop("Kind"), gettext_noop("Hours"),
    gettext_noop("Cost (€)"), gettext_noop("Funded (€)"), gettext_noop("People"), gettext_noop("Status"),
    gettext_noop("Done on"),
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    uid: str  # stable across downloads, so a calendar updates the event instead of adding a copy
    due_on: dt.date
    title: str
    component: str  # its label
    kind: str
    hours: float
    cost_cents: int
    funding_cents: int
    people: tuple[str, ...]
    status: str
    done_on: dt.date | None


def ics(rows: Sequence[Row], *, name: str, stamp: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for row in rows:
        event = Event()
        event.add("uid", row.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", row.due_on)
        event.add("dtend", row.due_on + dt.timedelta(days=1))
        event.add("summary", gettext("Due: %(action)s") % {"action": row.title})
        event.add(
            "description", f"{row.component}, {row.hours:g} h" + (f"; {', '.join(row.people)}" if row.people else "")
        )
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def xlsx(rows: Sequence[Row], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    if sheet is None:  # a new workbook always has its sheet
        raise RuntimeError("openpyxl made a workbook without a sheet")
    sheet.title = gettext("Plan")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([gettext(column) for column in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.due_on, row.title, row.component, row.kind, row.hours, row.cost_cents / 100,
                      row.funding_cents / 100, ", ".join(row.people), row.status, row.done_on])  # fmt: skip
    for letter, width in zip("ABCDEFGHIJ", (12, 48, 24, 18, 8, 10, 10, 30, 10, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
