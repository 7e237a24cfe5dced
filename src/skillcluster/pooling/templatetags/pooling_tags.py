"""Money and seats as people read them on the pooling pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
    return format_html(
        '<span class="seatbar {}" role="img" aria-label="{} of {} seats taken, {} needed to run">'
        '<span class="fill" style="width:{}%"></span><span class="floor" style="left:{}%"></span></span> '
        '<span class="small">{} / {} seats <span class="muted">(runs from {})</span></span>',
        state, booked, seats_max, seats_min, taken, floor, booked, seats_max, seats_min,
    )  # fmt: skip
