"""Writes of mentorships: the manager proposes the matching's pairs; mentee and mentor accept or decline;
either ends an agreement. A proposal is formed afresh from the database when the manager presses, so what is
proposed is what the page showed unless something changed in between (then the page shows the new plan)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from skillcluster.accreditation.services.credentials import site_url
from skillcluster.mail import mail_after_commit
from skillcluster.network.domain import matching, wording
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import LIVE_MENTORSHIP, MentorOffer, Mentorship, MentorshipStatus
from skillcluster.network.selectors.matching import Matching
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import mail_language


def check_propose(
    *, access: Access, found: Matching, pairs: dict[matching.Key, matching.Key], actor: Person
) -> list[Mentorship]:
    """Propose ``pairs`` (need id → mentor id, from `matching.match` on ``found``) as mentorships. Refused
    whole if a pair breaks a rule or an offer has no place left by now (another proposal took it)."""
    if not access.has(NetworkPerm.MATCH):
        raise ValidationError(gettext("Only the cluster manager proposes mentoring pairs."))
    return _propose(found, pairs, actor)


def check_ask_for_mentor(*, access: Access, found: Matching, person: Person) -> list[Mentorship]:
    """``person`` asks for mentors for their own gaps: the cluster's matching runs now and the pairs it gives
    them are proposed at once, accepted on their side. Refused with the reason when it gives them none (the
    mentors free for their gaps go to bigger needs, or nobody offers those skills)."""
    if not access.has(NetworkPerm.OFFER):
        raise ValidationError(gettext("Only people working in a firm of the cluster ask for a mentor."))
    mine = [n for n in found.problem.needs if n.person == person.pk]
    if not mine:
        raise ValidationError(gettext("The audit shows no gap of yours in a skill somebody of the cluster offers to "
                                      "mentor, or each already has a mentor proposed."))  # fmt: skip
    outcome = matching.match(found.problem)
    pairs = {n.id: outcome.pairs[n.id] for n in mine if n.id in outcome.pairs}
    if not pairs:
        reasons = matching.explain(found.problem, outcome.pairs)
        codes = sorted({reasons[n.id].code for n in mine})
        why = "; ".join(wording.TO_MENTEE.get(code, code) for code in codes)
        raise ValidationError(gettext("No mentor is free for your gaps now: %(why)s. The cluster manager's next "
                                      "proposal includes you.") % {"why": why})  # fmt: skip
    created = _propose(found, pairs, person)
    now = timezone.now()
    Mentorship.all_objects.filter(pk__in=[m.pk for m in created]).update(mentee_accepted_at=now)
    for mentorship in created:
        mentorship.mentee_accepted_at = now
    return created


def _propose(found: Matching, pairs: dict[matching.Key, matching.Key], actor: Person) -> list[Mentorship]:
    if broken := matching.violations(found.problem, pairs):
        raise ValidationError(
            gettext("This plan breaks a rule: %(rule)s. Reload the page for a fresh plan.") % {"rule": broken[0]}
        )
    needs = {n.id: n for n in found.problem.needs}
    reasons = matching.explain(found.problem, pairs)
    created = []
    try:
        with transaction.atomic():
            offers = {o.pk: o for o in MentorOffer.all_objects.select_for_update().filter(
                pk__in=[found.offers[str(m)].pk for m in pairs.values()])}  # fmt: skip
            taken = dict(Mentorship.all_objects.filter(offer__in=list(offers), status__in=LIVE_MENTORSHIP)
                         .values_list("offer_id").annotate(n=Count("pk")))  # fmt: skip
            for need_id, mentor_id in pairs.items():
                need, offer = needs[need_id], offers[found.offers[str(mentor_id)].pk]
                if offer.withdrawn_at is not None or taken.get(offer.pk, 0) >= offer.capacity:
                    raise ValidationError(gettext("%(name)s has no place left in “%(skill)s” any more. Reload the "
                                                  "page for a fresh plan.")
                                          % {"name": offer.person.full_name, "skill": offer.skill})  # fmt: skip
                taken[offer.pk] = taken.get(offer.pk, 0) + 1
                created.append(Mentorship.all_objects.create(
                    cluster_id=offer.firm.cluster_id, offer=offer, mentor_id=offer.person_id,
                    mentor_firm_id=offer.firm_id, mentee_id=need.person, mentee_firm_id=need.firm,
                    skill_id=need.skill, start_level=need.current, target_level=need.target,
                    reason={"code": reasons[need_id].code, **reasons[need_id].figures}, proposed_by=actor,
                ))  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            gettext("Someone was proposed a mentor for the same skill meanwhile. Reload the page.")
        ) from None
    for mentorship in created:
        _tell(mentorship, gettext_noop("A mentoring pair is proposed to you"),
              gettext_noop("The cluster proposes that %(mentor)s (%(mentor_firm)s) mentor %(mentee)s (%(mentee_firm)s) "
                           "in “%(skill)s”, to level %(level)s. Accept or decline: %(link)s"))  # fmt: skip
    return created


def check_answer(*, mentorship: Mentorship, person: Person, accept: bool) -> Mentorship:
    """The mentee's or the mentor's answer to a proposal; both accepting makes it an agreement."""
    side = _side(mentorship, person)
    with transaction.atomic():
        mentorship = Mentorship.all_objects.select_for_update().get(pk=mentorship.pk)
        if mentorship.status != MentorshipStatus.PROPOSED:
            raise ValidationError(
                gettext("This proposal is %(status)s already.") % {"status": mentorship.get_status_display().lower()}
            )
        now = timezone.now()
        if not accept:
            mentorship.status, mentorship.declined_by, mentorship.ended_at = MentorshipStatus.DECLINED, side, now
        else:
            setattr(mentorship, f"{side}_accepted_at", now)
            if mentorship.mentee_accepted_at and mentorship.mentor_accepted_at:
                mentorship.status, mentorship.started_at = MentorshipStatus.ACTIVE, now
        mentorship.save()
    if mentorship.status == MentorshipStatus.ACTIVE:
        _tell(mentorship, gettext_noop("Your mentoring starts"),
              gettext_noop("%(mentor)s and %(mentee)s agreed to work on “%(skill)s” up to level %(level)s. Log each "
                           "session: %(link)s"))  # fmt: skip
    return mentorship


def check_end(*, mentorship: Mentorship, person: Person) -> Mentorship:
    _side(mentorship, person)
    if mentorship.status != MentorshipStatus.ACTIVE:
        raise ValidationError(gettext("Only an agreed mentorship can be ended."))
    mentorship.status, mentorship.ended_at = MentorshipStatus.ENDED, timezone.now()
    mentorship.save(update_fields=["status", "ended_at"])
    return mentorship


def _side(mentorship: Mentorship, person: Person) -> str:
    if person.pk == mentorship.mentee_id:
        return "mentee"
    if person.pk == mentorship.mentor_id:
        return "mentor"
    raise ValidationError(gettext("Only the mentee and the mentor answer for this mentorship."))


def _tell(mentorship: Mentorship, subject: str, text: str) -> None:
    """Mail the mentee and the mentor, each in their language (their choice, else the cluster's): ``subject``
    and ``text`` are message ids, ``text`` with the mentorship's names, skill, level and link as placeholders."""
    values = {"mentor": mentorship.mentor.full_name, "mentor_firm": mentorship.mentor_firm,
              "mentee": mentorship.mentee.full_name, "mentee_firm": mentorship.mentee_firm, "skill": mentorship.skill,
              "level": mentorship.target_level,
              "link": site_url() + reverse("network_mentorship", args=[mentorship.pk])}  # fmt: skip
    for person in (mentorship.mentee, mentorship.mentor):
        with translation.override(mail_language(person.language, mentorship.cluster)):
            mail_after_commit(subject=gettext(subject), message=gettext(text) % values, recipients=[person.email])
