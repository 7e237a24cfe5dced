"""The learning-log form: what an entry is, when, how long, which skills, and who can confirm it. The
services check the rules (`services/log.py`); the form only parses."""

from django import forms
from django.utils import timezone

from skillcluster.network.models import Circle, Component, EntryKind, Mentorship, Placement, PlacementKind
from skillcluster.network.services.log import EXTERNAL_RELATIONS
from skillcluster.taxonomy.models import Skill


class EntryForm(forms.Form):
    kind = forms.ChoiceField(choices=EntryKind.choices, label="What it was")
    mentorship = forms.ModelChoiceField(queryset=Mentorship.all_objects.none(), required=False,
                                        label="Mentorship", help_text="For a mentoring session")  # fmt: skip
    circle = forms.ModelChoiceField(queryset=Circle.all_objects.none(), required=False, label="Circle",
                                    help_text="For a peer circle meeting")  # fmt: skip
    placement = forms.ModelChoiceField(queryset=Placement.all_objects.none(), required=False,
                                       label="Shadowing or placement")  # fmt: skip
    happened_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label="Minutes", min_value=0, max_value=10_000, initial=60)
    component = forms.ChoiceField(
        choices=Component.choices, label="It served mostly",
        help_text="Information-gathering: finding out what is new · Knowledge acquisition: understanding it · "
                  "Competence development: doing it yourself, better",
    )  # fmt: skip
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), required=False, label="ESCO skills",
                                            help_text="Up to 5; a mentoring session names its goal skill when "
                                                      "you choose none")  # fmt: skip
    practised = forms.CharField(max_length=2000, label="What you practised or learned")
    reflection = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10_000,
        label="Your reflection",
        help_text="What went well, what you will try next",
    )
    confirmer_name = forms.CharField(required=False, max_length=500, label="Someone outside the platform who saw it",
                                     help_text="An external expert or a customer; they can confirm by a link, "
                                               "without an account")  # fmt: skip
    confirmer_email = forms.CharField(required=False, max_length=500, label="Their e-mail")
    confirmer_relation = forms.ChoiceField(
        required=False, label="They are your", choices=[("", "—"), *((r.value, r.label) for r in EXTERNAL_RELATIONS)]
    )

    def __init__(self, *args: object, mentorships: object, circles: object, placements: object, skills: object,
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mentorship"].queryset = mentorships  # type: ignore[attr-defined]
        self.fields["circle"].queryset = circles  # type: ignore[attr-defined]
        self.fields["placement"].queryset = placements  # type: ignore[attr-defined]
        self.fields["skills"].queryset = skills  # type: ignore[attr-defined]
        self.fields["happened_on"].initial = timezone.localdate()
        for name in ("mentorship", "circle", "placement"):  # only what the person takes part in
            if not self.fields[name].queryset.exists():  # type: ignore[attr-defined]
                del self.fields[name]


class CircleForm(forms.Form):
    theme = forms.CharField(
        max_length=500, label="Theme", help_text="What the circle works on, e.g. “Marketing circle”"
    )
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), label="ESCO skills", help_text="Up to 5")
    members = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Members",
                              help_text="One e-mail per line: 3 to 12 people of at least two firms")  # fmt: skip

    def __init__(self, *args: object, skills: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["skills"].queryset = skills  # type: ignore[attr-defined]


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(choices=PlacementKind.choices, label="Kind",
                             help_text="Shadowing: the guest learns from the host · Placement: the guest, an "
                                       "expert, brings the skill to the host firm")  # fmt: skip
    host = forms.CharField(max_length=300, label="Host's e-mail", help_text="Who receives the guest; they confirm")
    guest = forms.CharField(max_length=300, label="Guest's e-mail")
    starts_on = forms.DateField(label="Starts on", widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label="Days", min_value=0, max_value=10_000, initial=5)
    skills = forms.ModelMultipleChoiceField(queryset=Skill.objects.none(), label="ESCO skills", help_text="Up to 5")

    def __init__(self, *args: object, skills: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["skills"].queryset = skills  # type: ignore[attr-defined]
