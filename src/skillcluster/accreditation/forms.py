"""Forms of the accreditation pages: they check the shape; services check the rules."""

from typing import Any, cast

from django import forms

from skillcluster.accreditation.domain.files import MAX_EVIDENCE_BYTES
from skillcluster.accreditation.models import Decision, HowLearned, StatementRelation
from skillcluster.taxonomy.domain.proficiency import level_choices

LEVEL_CHOICES = level_choices(start=1, separator=" — ")


class ClaimForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="In your words, e.g. “Hand-lasting of uppers”")
    level = forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, initial=3)
    how_learned = forms.ChoiceField(choices=HowLearned.choices, label="How you learned it")
    story = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Where and how")


class NewClaimForm(ClaimForm):
    panel_size = forms.TypedChoiceField(
        choices=[(1, "One assessor"), (2, "Two assessors (both must agree)"), (3, "Three assessors (majority)")],
        coerce=int,
        initial=1,
        label="Assessment panel",
    )


class SkillForm(forms.Form):
    esco_uri = forms.CharField(max_length=200, label="ESCO skill URI")
    label = forms.CharField(max_length=300, required=False)


class EvidenceForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="What it shows")
    link = forms.URLField(required=False, assume_scheme="https")
    file = forms.FileField(required=False, help_text="PDF, PNG or JPEG, up to 5 MB")

    def clean_file(self) -> object:
        file = self.cleaned_data.get("file")
        if file is not None and file.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(f"The file is {file.size / 1048576:.1f} MB; the limit is 5 MB.")
        return file


class StatementForm(forms.Form):
    relation = forms.ChoiceField(choices=StatementRelation.choices, label="You are the claimant's")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What you saw them do")


class ResponseForm(forms.Form):
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Your answer to the assessors")


class AssessmentForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    criteria_met = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="Criteria met")

    def __init__(self, *args: Any, criteria: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["criteria_met"]).choices = [(c, c) for c in criteria]


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(forms.Form):
    credential_json = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False, label="Paste the JSON")
    credential_file = forms.FileField(required=False, label="Or upload the file")
