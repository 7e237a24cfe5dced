"""Forms of pooled services. Money is typed in euros and kept in cents; meetings are typed one per line."""

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from skillcluster.pooling.models import LANGUAGES, ProviderKind, ServiceKind
from skillcluster.taxonomy.domain.proficiency import level_choices

LEVELS = [(str(level), label) for level, label in level_choices(start=1)]
MEETING = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$")
LOCAL = ZoneInfo("Europe/Rome")  # the demo district's time; a cluster's own zone comes with the languages work


def cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def euros_field(value: int | None) -> Decimal | None:
    """Cents as a form shows them: 80000 → 800.00."""
    return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


class EurosField(forms.DecimalField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=Decimal(0), max_digits=12, decimal_places=2, **kwargs)  # type: ignore[arg-type]


class ServiceForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    kind = forms.ChoiceField(choices=ServiceKind.choices, label=_("Kind"))
    provider_kind = forms.ChoiceField(choices=ProviderKind.choices, label=_("Provider"))
    provider_name = forms.CharField(max_length=200, label=_("Provider's name"))
    target_level = forms.TypedChoiceField(choices=LEVELS, coerce=int, initial="2", label=_("Teaches up to"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description"))
    micro = forms.IntegerField(min_value=0, max_value=100, initial=60, label=_("Co-funding for micro-firms (%)"))
    small = forms.IntegerField(min_value=0, max_value=100, initial=50, label=_("Co-funding for small firms (%)"))
    medium = forms.IntegerField(min_value=0, max_value=100, initial=40, label=_("Co-funding for medium firms (%)"))
    large = forms.IntegerField(min_value=0, max_value=100, initial=0, label=_("Co-funding for large firms (%)"))
    in_kind = EurosField(
        required=False, label=_("In-kind contribution per session (€)"),
        help_text=_("e.g. a member firm's expert teaching unpaid, or a room lent: shown beside the price."),
    )  # fmt: skip


class SessionForm(forms.Form):
    label = forms.CharField(max_length=120, label=_("Label"), help_text=_("e.g. 'Spring, Fermo'"))
    language = forms.ChoiceField(choices=LANGUAGES, label=_("Language"))
    location = forms.CharField(max_length=200, required=False, label=_("Location"))
    seats_min = forms.IntegerField(min_value=0, label=_("Minimum to run"))
    seats_max = forms.IntegerField(min_value=0, label=_("Maximum seats"))
    price = EurosField(label=_("Price of the whole session (€)"))
    meetings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2027-03-03 09:00-13:00"}),
        label=_("Meetings"),
        help_text=_("One meeting per line: date, start and end time (Italian time), e.g. 2027-03-03 09:00-13:00"),
    )

    def clean_meetings(self) -> list[tuple[datetime, datetime]]:
        found = []
        for number, line in enumerate(self.cleaned_data["meetings"].splitlines(), start=1):
            if not line.strip():
                continue
            match = MEETING.match(line)
            try:
                if match is None:
                    raise ValueError
                day, start, end = match.groups()
                found.append((_local(day, start), _local(day, end)))
            except ValueError:
                raise ValidationError(
                    gettext("Line %(number)s: expected 'YYYY-MM-DD HH:MM-HH:MM', got '%(line)s'.")
                    % {"number": number, "line": line.strip()}
                ) from None
        return found


def _local(day: str, time: str) -> datetime:
    return datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL)


class TermsForm(forms.Form):
    budget = EurosField(required=False, label=_("Budget for pooled services (€, after co-funding)"))
    seat_cap = forms.IntegerField(min_value=0, required=False, label=_("Most seats at once"))
    de_minimis_room = EurosField(
        required=False, label=_("De minimis room left (€)"),
        help_text=_("Public aid the firm may still receive under the de minimis rule, after aid received elsewhere."),
    )  # fmt: skip
