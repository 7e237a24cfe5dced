"""What accreditation adds to tenancy's pages (registered in `apps.py`): on a firm's to-do list, your claims
waiting for you, statements people asked you for by name, and colleagues' claims you could support with a
statement; on the cluster's engagement page,
claims in progress per firm and what waits for assessors and for the issuer."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, Max
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, ngettext_lazy

from skillcluster.accreditation.models import ASSESSABLE_STATUSES, Claim, ClaimStatus, StatementRequest, in_sentence
from skillcluster.accreditation.services.statements import DECIDED, request_token
from skillcluster.tenancy.domain.permissions import Access, TenancyPerm
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.navigation import Cell, EngagementColumn, Todo

SUPPORTABLE = (ClaimStatus.SUBMITTED, ClaimStatus.IN_ASSESSMENT, ClaimStatus.MORE_EVIDENCE)  # not drafts: private


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    if access.works_here:  # asked by name, from any firm of the cluster: a mentor, a host
        open_asks = StatementRequest.all_objects.filter(answered_at__isnull=True, expires_at__gt=timezone.now())
        asks = open_asks.filter(person=person).exclude(claim__status__in=DECIDED)
        for ask in asks.select_related("claim__claimant").order_by("created_at"):
            text = gettext("%(claimant)s asks you, as their %(relation)s, to confirm what they learned (“%(title)s”)")
            yield Todo(
                text
                % {
                    "claimant": ask.claim.claimant.full_name,
                    "relation": in_sentence(ask.get_relation_display()),
                    "title": ask.claim.title,
                },
                reverse("statement_request", args=[request_token(ask)]),
                gettext("Confirm"),
            )
    own = Claim.objects.filter(firm=firm, claimant=person, status__in=[ClaimStatus.DRAFT, ClaimStatus.MORE_EVIDENCE])
    for claim in own.order_by("created_at"):
        if claim.status == ClaimStatus.MORE_EVIDENCE:
            text = gettext("The assessors ask for more evidence on your claim “%(title)s”") % {"title": claim.title}
            action = gettext("Add evidence")
        else:
            text = gettext("Your claim “%(title)s” is a draft: add evidence and submit it when it is ready") % {
                "title": claim.title
            }
            action = gettext("Open the claim")
        yield Todo(text, reverse("claim_detail", args=[claim.pk]), action)
    if access.has(TenancyPerm.FIRM_VIEW_PEOPLE) and access.works_here:  # the employer, not a cluster role
        waiting = (
            Claim.objects.filter(firm=firm, status__in=SUPPORTABLE)
            .exclude(claimant=person)
            .exclude(statements__author=person)
            .select_related("claimant")
            .order_by("created_at")
        )
        for claim in waiting:
            text = gettext(
                "%(claimant)s claims “%(title)s”: a statement from you as their supervisor helps the assessors"
            )
            yield Todo(
                text % {"claimant": claim.claimant.full_name, "title": claim.title},
                reverse("claim_statement", args=[claim.uuid]),
                gettext("Add my statement"),
            )


def engagement(cluster: Cluster) -> EngagementColumn:
    """Claims in progress per firm, and what waits cluster-wide: assessors to judge, credentials to issue."""
    rows = (
        Claim.objects.filter(cluster=cluster)
        .exclude(status=ClaimStatus.DRAFT)
        .values("firm_id", "status")
        .annotate(n=Count("id"), last=Max(Greatest("created_at", Coalesce("decided_at", "submitted_at", "created_at"))))
        .order_by()
    )
    by_firm: dict[int, dict[str, int]] = defaultdict(dict)
    last: dict[int, dt.datetime] = {}
    for row in rows:
        by_firm[row["firm_id"]][row["status"]] = row["n"]
        last[row["firm_id"]] = max(filter(None, (last.get(row["firm_id"]), row["last"])))
    cells = {firm_id: _cell(counts, last.get(firm_id)) for firm_id, counts in by_firm.items()}
    waiting = []
    with_assessors = Claim.objects.filter(cluster=cluster, status__in=ASSESSABLE_STATUSES)
    oldest = with_assessors.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    if oldest is not None:
        days = (timezone.now() - oldest).days
        n = with_assessors.count()
        # Translators: how long ago the oldest claim was submitted ("today", "3 days ago"), for the line below
        age = gettext("today") if days == 0 else ngettext("%(days)s day ago", "%(days)s days ago", days)
        line = ngettext(
            "%(n)s claim waits for assessors, the oldest submitted %(age)s",
            "%(n)s claims wait for assessors, the oldest submitted %(age)s",
            n,
        )
        waiting.append(line % {"n": n, "age": age % {"days": days}})
    to_issue = Claim.objects.filter(cluster=cluster, status=ClaimStatus.APPROVED).count()
    if to_issue:
        line = ngettext(
            "%(n)s approved claim waits for the credential to be issued",
            "%(n)s approved claims wait for the credential to be issued",
            to_issue,
        )
        waiting.append(line % {"n": to_issue})
    title = gettext("Skill claims")
    return EngagementColumn(title, cells, tuple(waiting), reverse("accreditation_cluster", args=[cluster.pk]))


def _cell(counts: dict[str, int], last: dt.datetime | None) -> Cell:
    parts = [words % {"n": n} for status, words in _CELL_WORDS.items() if (n := counts.get(status, 0))]
    in_progress = any(counts.get(s) for s in (*ASSESSABLE_STATUSES, ClaimStatus.MORE_EVIDENCE, ClaimStatus.APPROVED))
    return Cell(" · ".join(parts) or gettext("none in progress"), "pending" if in_progress else "done", last)


# A firm's claims per state on the engagement page; the form for the count is chosen when the page is drawn.
_CELL_WORDS = {
    ClaimStatus.SUBMITTED: ngettext_lazy("%(n)s with assessors", "%(n)s with assessors", "n"),
    ClaimStatus.IN_ASSESSMENT: ngettext_lazy("%(n)s in assessment", "%(n)s in assessment", "n"),
    ClaimStatus.MORE_EVIDENCE: ngettext_lazy("%(n)s need more evidence", "%(n)s need more evidence", "n"),
    ClaimStatus.APPROVED: ngettext_lazy("%(n)s to issue", "%(n)s to issue", "n"),
    ClaimStatus.CREDENTIALED: ngettext_lazy("%(n)s credentialed", "%(n)s credentialed", "n"),
}
