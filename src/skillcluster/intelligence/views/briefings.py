"""Briefings: the manager drafts, annotates and publishes; every firm reads its copy (with, for whoever sees
the firm's gap report, the digest of what rises and is missing in the firm), on the page or as a PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.intelligence.domain.permissions import IntelligencePerm
from skillcluster.intelligence.models import Ad, Briefing, BriefingItem, NewsItem
from skillcluster.intelligence.selectors import briefings as selectors
from skillcluster.intelligence.services import briefings as services
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user
from skillcluster.web import flash_errors, posted_int


@login_required
def briefing_list(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.MANAGE)
    if request.method == "POST":
        try:
            made = services.check_briefing_create(access=access, cluster=cluster, title=request.POST.get("title", ""),
                                                  intro=request.POST.get("intro", ""), actor=request.user)  # fmt: skip
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("intelligence_briefings", cluster.pk)
        messages.success(request, gettext("Drafted, with the skills rising most; add ads and news, a note on each."))
        return redirect("intelligence_briefing", cluster.pk, made.pk)
    context = {"cluster": cluster, "access": access, "here": "briefings", "briefings": selectors.briefings(cluster)}
    return render(request, "intelligence/briefings.html", context)


def _briefing(cluster_id: int, briefing_id: int) -> Briefing:
    found = Briefing.all_objects.filter(cluster_id=cluster_id, pk=briefing_id).first()
    if found is None:
        raise Http404("No such briefing")
    return found


@login_required
def briefing_edit(request: PersonRequest, cluster_id: int, briefing_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.MANAGE)
    briefing = _briefing(cluster.pk, briefing_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add_ad":
                ad = Ad.all_objects.filter(cluster=cluster, pk=posted_int(request.POST.get("ad"))).first()
                if ad is None:
                    raise Http404("No such ad")
                services.check_item_add(access=access, briefing=briefing, ad=ad, note=request.POST.get("note", ""))
            elif action == "add_news":
                item = NewsItem.all_objects.filter(cluster=cluster, pk=posted_int(request.POST.get("news"))).first()
                if item is None:
                    raise Http404("No such news item")
                services.check_item_add(access=access, briefing=briefing, news=item, note=request.POST.get("note", ""))
            elif action in ("note", "remove"):
                found = BriefingItem.objects.filter(briefing=briefing, pk=posted_int(request.POST.get("item"))).first()
                if found is None:
                    raise Http404("No such item")
                if action == "note":
                    services.check_item_note(access=access, item=found, note=request.POST.get("note", ""))
                else:
                    services.check_item_remove(access=access, item=found)
            elif action == "publish":
                services.check_publish(access=access, briefing=briefing)
                messages.success(
                    request, gettext("Published: the firms read it now; owners and managers got an e-mail.")
                )
            else:
                raise Http404("No such action")
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("intelligence_briefing", cluster.pk, briefing.pk)
    context = {"cluster": cluster, "access": access, "here": "briefings", "briefing": briefing,
               "items": selectors.items(briefing), "ads": selectors.notable_ads(cluster),
               "news": selectors.news(cluster)[:30]}  # fmt: skip
    return render(request, "intelligence/briefing_edit.html", context)


def _firm_copy(request: PersonRequest, firm_id: int, briefing_id: int) -> dict[str, object]:
    firm, access = firm_get_for_user(request.user, firm_id, perm=None)
    briefing = Briefing.all_objects.filter(cluster_id=firm.cluster_id, pk=briefing_id, published_at__isnull=False)
    found = briefing.select_related("cluster").first()
    if found is None or (not access.works_here and not access.has(AuditPerm.VIEW_REPORT)):
        raise Http404("No such briefing")
    sees_audit = access.has(AuditPerm.VIEW_REPORT)
    return {"firm": firm, "access": access, "briefing": found, "items": selectors.items(found),
            "digest": selectors.digest(firm, found) if sees_audit else None}  # fmt: skip


@login_required
def briefing_firm(request: PersonRequest, firm_id: int, briefing_id: int) -> HttpResponse:
    return render(request, "intelligence/briefing_firm.html", _firm_copy(request, firm_id, briefing_id))


@login_required
def briefing_pdf(request: PersonRequest, firm_id: int, briefing_id: int) -> HttpResponse:
    from weasyprint import HTML  # imported here: loading it costs time every other page does not need

    context = _firm_copy(request, firm_id, briefing_id)
    pdf = HTML(string=render_to_string("intelligence/briefing_pdf.html", context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="briefing-{briefing_id}.pdf"'
    return response


@login_required
@require_POST
def news_add(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=IntelligencePerm.MANAGE)
    try:
        upload = request.FILES.get("feed")
        if request.POST.get("feed_url") is not None:
            services.check_feed_source_add(access=access, cluster=cluster, url=request.POST["feed_url"],
                                           actor=request.user)  # fmt: skip
            messages.success(request, gettext("The feed is added; the worker fetches it every hour."))
        elif upload is not None:
            added, problems = services.check_feed_import(access=access, cluster=cluster, data=upload.read(),
                                                         actor=request.user)  # fmt: skip
            messages.success(
                request,
                ngettext("%(n)s news items added from the feed.", "%(n)s news items added from the feed.", added)
                % {"n": added},
            )
            for problem in problems[:10]:
                messages.warning(request, problem)
        else:
            services.check_news_paste(access=access, cluster=cluster, title=request.POST.get("title", ""),
                                      text=request.POST.get("text", ""), url=request.POST.get("url", ""),
                                      actor=request.user)  # fmt: skip
            messages.success(request, gettext("The news item is added."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("intelligence_imports", cluster.pk)
