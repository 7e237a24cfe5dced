from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from skillcluster.tenancy.domain.roles import FIRM_ROLE_ENGLISH, FirmRole
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.services import FIRM_FIELDS


class FirmForm(forms.ModelForm[Firm]):
    class Meta:
        model = Firm
        fields = FIRM_FIELDS
        # Every label and help text here, not the model's, so that the form is worded in the person's language.
        labels = {
            "legal_name": _("Legal name"),
            "headcount": _("Headcount"),
            "turnover_eur": _("Annual turnover (EUR)"),
            "balance_sheet_eur": _("Balance-sheet total (EUR)"),
            "founding_year": _("Founding year"),
            "nace_code": _("NACE Rev. 2 activity code"),
            "nuts_code": _("NUTS region code"),
        }
        help_texts = {
            "headcount": _("People employed, in annual work units (0 or more)"),
            "turnover_eur": _("Annual turnover in euros"),
            "balance_sheet_eur": _("Balance-sheet total in euros"),
            "nace_code": _("NACE Rev. 2 code, e.g. 15.20"),
            "nuts_code": _("NUTS 2021 code, e.g. ITI35"),
        }


class FirmWithOwnerForm(FirmForm):
    owner_email = forms.EmailField(label=_("Owner's e-mail"), help_text=_("We send the owner a link to join the firm"))


MAX_INVITATIONS = 50


class EmailListField(forms.CharField):
    """Addresses one per line or separated by commas or semicolons; every bad entry is named."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        entries = [e.strip() for e in text.replace(";", "\n").replace(",", "\n").splitlines() if e.strip()]
        validate = forms.EmailField().clean
        bad = []
        for entry in entries:
            try:
                validate(entry)
            except forms.ValidationError:
                bad.append(entry)
        if bad:
            addresses = ", ".join(repr(e) for e in bad)
            raise forms.ValidationError(gettext("Not an e-mail address: %(addresses)s") % {"addresses": addresses})
        if len(entries) > MAX_INVITATIONS:
            raise forms.ValidationError(
                gettext("%(count)d addresses: send at most %(most)d at a time")
                % {"count": len(entries), "most": MAX_INVITATIONS}
            )
        return list(dict.fromkeys(e.lower() for e in entries))  # each address once, in the order given


class InvitationForm(forms.Form):
    emails = EmailListField(
        label=_("E-mail addresses"), help_text=_("One per line, or separated by commas: each gets their own invitation")
    )
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, _(FIRM_ROLE_ENGLISH[r])) for r in FirmRole])

    def __init__(self, *args: Any, roles: list[FirmRole], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(r.value, r.label) for r in roles]
        self.fields["role"].initial = FirmRole.EMPLOYEE.value


class RelationForm(forms.Form):
    competitors: forms.ModelMultipleChoiceField[Firm] = forms.ModelMultipleChoiceField(
        queryset=Firm.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Competitors")
    )
    customers: forms.ModelMultipleChoiceField[Firm] = forms.ModelMultipleChoiceField(
        queryset=Firm.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Customers")
    )

    def __init__(self, *args: Any, firms: QuerySet[Firm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("competitors", "customers"):
            cast(forms.ModelMultipleChoiceField[Firm], self.fields[name]).queryset = firms


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, _(FIRM_ROLE_ENGLISH[r])) for r in FirmRole])


class RegisterForm(forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    password1 = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput, help_text="")
    password2 = forms.CharField(label=_("Repeat the password"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", gettext("The two passwords differ"))
        return data


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As my browser asks")), *settings.LANGUAGES],
        required=False,
        help_text=_("Pages, e-mails and PDF reports come in this language."),
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. 'HR export script'")
    )
