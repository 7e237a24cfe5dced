"""The cluster's market pages: demand (for everyone in the cluster), imports and the review of uncertain links
(for the manager). Works without JavaScript; a page with an import under way refreshes itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from skillcluster.intelligence.domain.permissions import IntelligencePerm
from skillcluster.intelligence.models import AdSkill, FeedSource, ImportStatus, LinkStatus, NewsItem
from skillcluster.intelligence.selectors import demand as selectors
from skillcluster.intelligence.selectors.ranking import cluster_needs
from skillcluster.intelligence.services import extraction, imports
from skillcluster.intelligence.tasks import extract_import
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
                raise ValidationError({"file": "Choose a CSV or JSON-lines file of job ads."})
            source = imports.check_ads_import(access=access, cluster=cluster, name=upload.name or "ads",
                                              data=upload.read(), actor=request.user)  # fmt: skip
        except ValidationError as error:
            flash_errors(request, error)
        else:
            transaction.on_commit(lambda: extract_import.enqueue(source.pk))
            messages.success(request, f"{source.added} ads stored ({source.duplicates} duplicates, "
                                      f"{len(source.problems)} rows not used); linking their skills now.")  # fmt: skip
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
    messages.success(request, f"“{link.skill}” {verdict} for “{link.sentence[:60]}” ({changed} ad"
                              f"{'s' if changed != 1 else ''}, and later ones with the same sentence).")  # fmt: skip
    return redirect("intelligence_review", cluster.pk)
