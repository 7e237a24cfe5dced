"""What the learning network adds to tenancy's pages: on a person's to-do list, proposed mentorships waiting
for their answer and an invitation to mentor in skills others of the cluster lack; on the owner's, offers to
mentor that wait for the firm's agreement."""

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext

from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import Mentorship, MentorshipStatus
from skillcluster.network.selectors.offers import invitation, live_offers
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.navigation import Todo


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    if access.works_here:
        waiting = Mentorship.all_objects.filter(status=MentorshipStatus.PROPOSED).filter(
            Q(mentee=person, mentee_firm=firm, mentee_accepted_at__isnull=True)
            | Q(mentor=person, mentor_firm=firm, mentor_accepted_at__isnull=True)
        )
        for m in waiting.select_related("mentor", "mentee", "skill").order_by("proposed_at"):
            if m.mentee_id == person.pk:
                text = gettext("The cluster proposes %(mentor)s as your mentor in “%(skill)s”") % {
                    "mentor": m.mentor.full_name, "skill": m.skill}  # fmt: skip
            else:
                text = gettext("The cluster proposes that you mentor %(mentee)s in “%(skill)s”") % {
                    "mentee": m.mentee.full_name, "skill": m.skill}  # fmt: skip
            yield Todo(text, reverse("network_mentorship", args=[m.pk]), gettext("Answer"))
        found = invitation(firm, person)
        if found is not None:
            names = ", ".join(f"“{s}”" for s in found.skills[:3]) + (" …" if len(found.skills) > 3 else "")
            yield Todo(
                ngettext(
                    "%(count)d person of other firms of the cluster is short of %(skills)s, which you hold at level "
                    "3 or 4: offer to mentor them",
                    "%(count)d people of other firms of the cluster are short of %(skills)s, which you hold at "
                    "level 3 or 4: offer to mentor them",
                    found.people,
                )
                % {"count": found.people, "skills": names},
                reverse("network_firm", args=[firm.pk]),
                pgettext("verb", "Offer"),
            )
    if not access.has(NetworkPerm.AGREE):
        return
    waiting_offers = live_offers(firm).filter(agreed_at__isnull=True).count()
    if waiting_offers:
        yield Todo(
            ngettext(
                "%(count)d offer to mentor people of other firms waits for your agreement",
                "%(count)d offers to mentor people of other firms wait for your agreement",
                waiting_offers,
            )
            % {"count": waiting_offers},
            reverse("network_firm", args=[firm.pk]) + "#offers",
            gettext("Review"),
        )
