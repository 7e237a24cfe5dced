from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from skillcluster.tenancy.models import Firm, Membership


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example 'Spring 2027'; firms see it in their invitation.")
    )
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("Last day to answer.")
    )
    firms: forms.ModelMultipleChoiceField[Firm] = forms.ModelMultipleChoiceField(
        label=_("Firms"),
        queryset=Firm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Firms asked to answer."),
    )

    def __init__(self, *args: Any, firms: QuerySet[Firm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField[Firm], self.fields["firms"]).queryset = firms


class ColleagueChoice(forms.ModelMultipleChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.person.full_name} ({obj.person.email})"


class StaffInviteForm(forms.Form):
    people = ColleagueChoice(
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Colleagues to invite"),
        help_text=_("Each gets their own link by e-mail. Someone missing? Invite them to the firm first (Overview)."),
        error_messages={"required": _("Tick at least one colleague")},
    )

    def __init__(self, *args: Any, colleagues: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ColleagueChoice, self.fields["people"]).queryset = colleagues


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen it?"),
        max_length=500,
        help_text=_("Kept on record with your name, e.g. 'closed by mistake'."),
        error_messages={"required": _("Say why the round is reopened, e.g. 'closed by mistake'; it stays on record")},
    )
    deadline = forms.DateField(
        required=False,
        label=_("New deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Needed if the old one has passed."),
    )


class AddFirmForm(forms.Form):
    firm: forms.ModelChoiceField[Firm] = forms.ModelChoiceField(
        queryset=Firm.objects.none(), label=_("Firm"), help_text=_("Its owner gets the invitation e-mail.")
    )

    def __init__(self, *args: Any, firms: QuerySet[Firm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Firm], self.fields["firm"]).queryset = firms
