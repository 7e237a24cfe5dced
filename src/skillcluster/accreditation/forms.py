"""Forms of the accreditation pages: they check the shape; services check the rules."""

from typing import Any, cast

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.domain.files import MAX_EVIDENCE_BYTES
from skillcluster.accreditation.models import Decision, HowLearned, StatementRelation
from skillcluster.taxonomy.domain.proficiency import level_choices

LEVEL_CHOICES = level_choices(start=1, separator=" — ")


class ClaimForm(forms.Form):
    title = forms.CharField(
        max_length=200, label=_("Title"), help_text=_("In your words, e.g. “Hand-lasting of uppers”")
    )
    level = forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, initial=3, label=_("Level"))
    how_learned = forms.ChoiceField(choices=HowLearned.choices, label=_("How you learned it"))
    story = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Where and how"))


class SkillForm(forms.Form):
    esco_uri = forms.CharField(max_length=200, label=_("ESCO skill URI"))
    label = forms.CharField(max_length=300, required=False, label=_("Label"))


class EvidenceForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("What it shows"))
    link = forms.URLField(required=False, assume_scheme="https", label=_("Link"))
    file = forms.FileField(required=False, label=_("File"), help_text=_("PDF, PNG or JPEG, up to 5 MB"))

    def clean_file(self) -> object:
        file = self.cleaned_data.get("file")
        if file is not None and file.size > MAX_EVIDENCE_BYTES:
            size = number_format(file.size / 1048576, decimal_pos=1)
            raise forms.ValidationError(gettext("The file is %(size)s MB; the limit is 5 MB.") % {"size": size})
        return file


class StatementForm(forms.Form):
    relation = forms.ChoiceField(choices=StatementRelation.choices, label=_("You are the claimant's"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("What you saw them do"))


class ResponseForm(forms.Form):
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Your answer to the assessors"))


PANEL_CHOICES = [
    (1, _("One assessor")),
    (2, _("Two assessors (both must agree)")),
    (3, _("Three assessors (majority)")),
]


class AssessmentForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect, label=_("Decision"))
    awarded_level = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label=_("Level awarded (on approval)"),
        help_text=_("The claimed level or a lower one; tick every criterion of the level you award."),
    )
    criteria_met = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Criteria met"),
        help_text=_("What the evidence shows. To approve, tick every criterion of the level you award."),
    )
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Reasons"))

    def __init__(self, *args: Any, claimed_level: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [(n, label) for n, label in LEVEL_CHOICES if n <= claimed_level]
        awarded = cast(forms.TypedChoiceField, self.fields["awarded_level"])
        awarded.choices, awarded.initial = levels, claimed_level
        by_level = [
            (gettext("Level %(level)s") % {"level": n}, [(c, gettext(c)) for c in rubric.criteria_for(n)])
            for n in range(claimed_level, 0, -1)
        ]  # the claimed level first: the usual case; the value stays the rubric's English words
        cast(forms.MultipleChoiceField, self.fields["criteria_met"]).choices = by_level

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") != Decision.APPROVE:
            data["awarded_level"] = None  # a level is awarded only with an approval
        return data


class PolicyForm(forms.Form):
    panel_size = forms.TypedChoiceField(choices=PANEL_CHOICES, coerce=int, label=_("Assessors per claim"))


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))


class VerifyForm(forms.Form):
    credential_json = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, label=_("Paste the JSON")
    )
    credential_file = forms.FileField(required=False, label=_("Or upload the file"))
