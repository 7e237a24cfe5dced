"""Money and seats as people read them on the pooling pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from skillcluster.pooling.domain.wording import euros as euros_text

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    return euros_text(cents)


@register.simple_tag
def seat_bar(booked: int, seats_min: int, seats_max: int) -> SafeString:
    """Seats taken against the maximum, with the minimum to run marked; the words say the same."""
    taken = min(100, round(100 * booked / seats_max)) if seats_max else 0
    floor = round(100 * seats_min / seats_max) if seats_max else 0
    state = "ok" if booked >= seats_min else "short"
    figures = {"booked": booked, "seats": seats_max, "minimum": seats_min}
    label = (
        ngettext(
            "%(booked)s of %(seats)s seat taken, %(minimum)s needed to run",
            "%(booked)s of %(seats)s seats taken, %(minimum)s needed to run",
            seats_max,
        )
        % figures
    )
    words = (
        ngettext(
            '%(booked)s / %(seats)s seat <span class="muted">(runs from %(minimum)s)</span>',
            '%(booked)s / %(seats)s seats <span class="muted">(runs from %(minimum)s)</span>',
            seats_max,
        )
        % figures
    )  # figures are whole numbers: nothing to escape in them
    return format_html(
        '<span class="seatbar {}" role="img" aria-label="{}">'
        '<span class="fill" style="width:{}%"></span><span class="floor" style="left:{}%"></span></span> '
        '<span class="small">{}</span>',
        state, label, taken, floor, mark_safe(words),  # noqa: S308 (our own catalogue's words around numbers)
    )  # fmt: skip
