"""What every page of the skills audit shares: the firm fetched with its access, the ESCO attribution."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm

ATTRIBUTION = gettext_lazy(
    "This service uses the ESCO classification of the European Commission (ESCO v1.1.1, CC BY 4.0)."
)


def page(firm: Firm, access: Access, **extra: object) -> dict[str, object]:
    """The template context of a firm's audit page."""
    return {"firm": firm, "access": access, "attribution": ATTRIBUTION, **extra}


def whole_number(value: str | None, field: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        message = gettext("Expected a whole number for %(field)s, got '%(value)s'.") % {"field": field, "value": value}
        raise ValidationError({field: message}) from None
