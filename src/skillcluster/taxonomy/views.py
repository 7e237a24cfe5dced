"""ESCO pages under /esco/: search (as you type with htmx, or a plain GET form), skill and occupation pages,
and "describe what you do" linking. All login-required; ESCO is global reference data."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from skillcluster.taxonomy.domain.categories import Category
from skillcluster.taxonomy.linking.linker import MAX_CHARS
from skillcluster.taxonomy.selectors import concepts, lookup


class LinkForm(forms.Form):
    text = forms.CharField(
        label=_("Describe what you do"), max_length=MAX_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("what to look for", "Find"),
        choices=[("skill", _("skills")), ("occupation", _("occupations"))],
        initial="skill",
        widget=forms.RadioSelect,
    )
    top_k = forms.IntegerField(label=_("How many"), min_value=1, max_value=50, initial=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # worded here, in the reader's language, so that the number is grouped the way they write it
        self.fields["text"].help_text = gettext(
            "A sentence or two, a job-ad sentence or a job title; at most %(n)s characters."
        ) % {"n": number_format(MAX_CHARS, force_grouping=True)}


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[: lookup.SEARCH_MAX_CHARS]
    context = {
        "query": query,
        "hits": lookup.search(query, limit=20) if query.strip() else [],
        "loaded": concepts.esco_is_loaded(),
        "esco_tab": "search",
    }
    template = "taxonomy/search.html#results" if request.headers.get("HX-Request") else "taxonomy/search.html"
    return render(request, template, context)


@login_required
@require_GET
def skill_detail(request: HttpRequest, skill_id: int) -> HttpResponse:
    skill = concepts.skill_get(skill_id)
    context = {
        "skill": skill,
        "kind": skill.get_skill_type_display() if skill.skill_type else gettext("skill"),
        "categories": [Category(c) for c in concepts.skill_categories(skill)],
        "paths": concepts.skill_group_paths(skill),
        "occupations": concepts.skill_occupations(skill),
        "translations": concepts.other_labels(skill.uri),
    }
    return render(request, "taxonomy/skill_detail.html", context)


@login_required
@require_GET
def occupation_detail(request: HttpRequest, occupation_id: int) -> HttpResponse:
    occupation = concepts.occupation_get(occupation_id)
    grouped = concepts.occupation_skills(occupation)
    context = {
        "occupation": occupation,
        "isco": concepts.occupation_isco_group(occupation),
        "translations": concepts.other_labels(occupation.uri),
        "sections": [(r, [(Category(c).label, skills) for c, skills in grouped[r].items()]) for r in grouped],
    }
    return render(request, "taxonomy/occupation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest) -> HttpResponse:
    form = LinkForm(request.POST or None)
    ranking = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ranking = lookup.link_text(data["text"], kind=data["kind"], top_k=data["top_k"])
    status = 422 if request.method == "POST" and not form.is_valid() else 200
    context = {"form": form, "ranking": ranking, "esco_tab": "link"}
    template = "taxonomy/link.html#ranking" if request.headers.get("HX-Request") else "taxonomy/link.html"
    return render(request, template, context, status=status)
