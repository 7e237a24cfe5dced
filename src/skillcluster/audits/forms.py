from django import forms
from django.utils.translation import gettext_lazy as _

from skillcluster.taxonomy.domain.proficiency import level_choices

LEVEL_CHOICES = [("", "—")] + [(str(level), label) for level, label in level_choices()]
REQUIRED_CHOICES = [(str(level), label) for level, label in level_choices(start=1)]
IMPORTANCE_CHOICES = [("1", _("1 useful")), ("2", _("2 important")), ("3", _("3 critical"))]


class RoleCreateForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label=_("Job title"))
    occupation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    include_optional = forms.BooleanField(required=False, label=_("Also add ESCO's optional skills"))


class RequirementForm(forms.Form):
    level = forms.TypedChoiceField(choices=REQUIRED_CHOICES, coerce=int, label=_("Required level"))
    importance = forms.TypedChoiceField(choices=IMPORTANCE_CHOICES, coerce=int, initial=2, label=_("Importance"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Skills matrix (CSV or XLSX)"))
