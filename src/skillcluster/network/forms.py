"""The learning-log form: what an entry is, when, how long, which skills, and who can confirm it. The
services check the rules (`services/log.py`); the form only parses."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillcluster.network.models import Circle, Component, EntryKind, Mentorship, Placement, PlacementKind
from skillcluster.network.services.log import EXTERNAL_RELATIONS
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors.labels import label_text


class EntryForm(forms.Form):
    kind = forms.ChoiceField(choices=EntryKind.choices, label=_("What it was"))
    mentorship = forms.ModelChoiceField(queryset=Mentorship.all_objects.none(), required=False,
                                        label=_("Mentorship"), help_text=_("For a mentoring session"))  # fmt: skip
    circle = forms.ModelChoiceField(queryset=Circle.all_objects.none(), required=False, label=_("Circle"),
                                    help_text=_("For a peer circle meeting"))  # fmt: skip
    placement = forms.ModelChoiceField(queryset=Placement.all_objects.none(), required=False,
                                       label=_("Shadowing or placement"))  # fmt: skip
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=10_000, initial=60)
    component = forms.ChoiceField(
        choices=Component.choices, label=_("It served mostly"),
        help_text=_("Information-gathering: finding out what is new · Knowledge acquisition: understanding it · "
                  "Competence development: doing it yourself, better"),
    )  # fmt: skip
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), required=False, label=_("ESCO skills"),
                                            help_text=_("Up to 5; a mentoring session names its goal skill when "
                                                      "you choose none"))  # fmt: skip
    practised = forms.CharField(max_length=2000, label=_("What you practised or learned"))
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10_000,
        label=_("Your reflection"),
        help_text=_("What went well, what you will try next"),
    )
    confirmer_name = forms.CharField(required=False, max_length=500, label=_("Someone outside the platform who saw it"),
                                     help_text=_("An external expert or a customer; they can confirm by a link, "
                                               "without an account"))  # fmt: skip
    confirmer_email = forms.CharField(required=False, max_length=500, label=_("Their e-mail"))
    confirmer_relation = forms.ChoiceField(
        required=False, label=_("They are your"), choices=[("", "—"), *((r.value, r.label) for r in EXTERNAL_RELATIONS)]
    )

    def __init__(self, *args: object, mentorships: object, circles: object, placements: object, skills: object,
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mentorship"].queryset = mentorships  # type: ignore[attr-defined]
        self.fields["circle"].queryset = circles  # type: ignore[attr-defined]
        self.fields["placement"].queryset = placements  # type: ignore[attr-defined]
        self.fields["skills"].queryset = skills  # type: ignore[attr-defined]
        self.fields["skills"].label_from_instance = label_text  # type: ignore[attr-defined]
        self.fields["happened_on"].initial = timezone.localdate()
        for name in ("mentorship", "circle", "placement"):  # only what the person takes part in
            if not self.fields[name].queryset.exists():  # type: ignore[attr-defined]
                del self.fields[name]


class CircleForm(forms.Form):
    theme = forms.CharField(
        max_length=500, label=_("Theme"), help_text=_("What the circle works on, e.g. “Marketing circle”")
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.none(), label=_("ESCO skills"), help_text=_("Up to 5")
    )
    members = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Members"),
                              help_text=_("One e-mail per line: 3 to 12 people of at least two firms"))  # fmt: skip

    def __init__(self, *args: object, skills: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["skills"].queryset = skills  # type: ignore[attr-defined]
        self.fields["skills"].label_from_instance = label_text  # type: ignore[attr-defined]


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(choices=PlacementKind.choices, label=_("Kind"),
                             help_text=_("Shadowing: the guest learns from the host · Placement: the guest, an "
                                       "expert, brings the skill to the host firm"))  # fmt: skip
    host = forms.CharField(
        max_length=300, label=_("Host's e-mail"), help_text=_("Who receives the guest; they confirm")
    )
    guest = forms.CharField(max_length=300, label=_("Guest's e-mail"))
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=10_000, initial=5)
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.none(), label=_("ESCO skills"), help_text=_("Up to 5")
    )

    def __init__(self, *args: object, skills: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["skills"].queryset = skills  # type: ignore[attr-defined]
        self.fields["skills"].label_from_instance = label_text  # type: ignore[attr-defined]
