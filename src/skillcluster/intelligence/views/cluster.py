"""The cluster's market pages: demand (for everyone in the cluster), imports and the review of uncertain links
(for the manager). Works without JavaScript; a page with an import under way refreshes itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from skillcluster.intelligence.domain.permissions import IntelligencePerm
from skillcluster.intelligence.models import AdSkill, FeedSource, ImportStatus, LinkStatus, NewsItem
from skillcluster.intelligence.selectors import demand as selectors
from skillcluster.intelligence.selectors.ranking import cluster_needs
from skillcluster.intelligence.services import extraction, imports
from skillcluster.intelligence.tasks import extract_import
from skillcluster.taxonomy.selectors.labels import label_for
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import flash_errors


@login_required
def demand_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.VIEW)
    context = {"cluster": cluster, "access": access, "here": "demand", "demand": selectors.demand(cluster),
               "needs": cluster_needs(cluster)[:15]}  # fmt: skip
    return render(request, "intelligence/demand.html", context)


@login_required
def imports_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.MANAGE)
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError({"file": gettext("Choose a CSV or JSON-lines file of job ads.")})
            source = imports.check_ads_import(access=access, cluster=cluster, name=upload.name or "ads",
                                              data=upload.read(), actor=request.user)  # fmt: skip
        except ValidationError as error:
            flash_errors(request, error)
        else:
            transaction.on_commit(lambda: extract_import.enqueue(source.pk))
            stored = ngettext("%(n)s ads stored (%(duplicates)s duplicates, %(problems)s rows not used); linking "
                              "their skills now.", "%(n)s ads stored (%(duplicates)s duplicates, %(problems)s rows not "
                              "used); linking their skills now.", source.added)  # fmt: skip
            messages.success(request, stored % {"n": source.added, "duplicates": source.duplicates,
                                                "problems": len(source.problems)})  # fmt: skip
        return redirect("intelligence_imports", cluster.pk)
    found = list(selectors.imports(cluster)[:30])
    context = {"cluster": cluster, "access": access, "here": "imports", "imports": found,
               "working": any(i.status == ImportStatus.EXTRACTING for i in found),
               "news_count": NewsItem.all_objects.filter(cluster=cluster).count(),
               "feeds": FeedSource.all_objects.filter(cluster=cluster)}  # fmt: skip
    return render(request, "intelligence/imports.html", context)


@login_required
def review_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.MANAGE)
    context = {"cluster": cluster, "access": access, "here": "review", "links": selectors.to_review(cluster)}
    return render(request, "intelligence/review.html", context)


@login_required
@require_POST
def decide(request: PersonRequest, cluster_id: int, link_id: int) -> HttpResponse:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.MANAGE)
    link = AdSkill.objects.filter(pk=link_id, ad__cluster=cluster).select_related("ad", "skill").first()
    verdict = request.POST.get("verdict")
    if link is None or verdict not in (LinkStatus.CONFIRMED, LinkStatus.REJECTED):
        raise Http404("No such link")
    changed = extraction.decide(link=link, verdict=verdict, actor=request.user)
    if verdict == LinkStatus.CONFIRMED:
        done = ngettext("“%(skill)s” confirmed for “%(sentence)s” (%(n)s ad, and later ones with the same sentence).",
                        "“%(skill)s” confirmed for “%(sentence)s” (%(n)s ads, and later ones with the same sentence).",
                        changed)  # fmt: skip
    else:
        done = ngettext("“%(skill)s” rejected for “%(sentence)s” (%(n)s ad, and later ones with the same sentence).",
                        "“%(skill)s” rejected for “%(sentence)s” (%(n)s ads, and later ones with the same sentence).",
                        changed)  # fmt: skip
    messages.success(request, done % {"skill": label_for(link.skill.uri, link.skill.preferred_label),
                                      "sentence": link.sentence[:60], "n": changed})  # fmt: skip
    return redirect("intelligence_review", cluster.pk)
