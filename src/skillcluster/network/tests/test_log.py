"""The learning log: what an entry must be, and turning entries into a claim with statement requests to the
people who took part (and to them only)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillcluster.accreditation.models import ClaimStatus, HowLearned, StatementRelation
from skillcluster.network.domain import log
from skillcluster.network.models import Component, EntryKind, LogEntry
from skillcluster.network.services.log import check_claim_from_log, check_entry_add
from skillcluster.network.tests.conftest import EMPLOYEE, agreed

TODAY = dt.date(2026, 11, 27)


def test_entry_rules_name_each_field() -> None:
    ok = {"happened_on": TODAY, "today": TODAY, "minutes": 90, "practised": "Graded a pump", "reflection": "",
          "skills": 1}  # fmt: skip
    assert log.entry_errors(**ok) == {}
    assert log.entry_errors(**ok | {"happened_on": TODAY + dt.timedelta(days=1)}) == {
        "happened_on": "The date is in the future (28/11/2026); log what already happened."
    }
    assert log.entry_errors(**ok | {"minutes": 601})["minutes"] == (
        "Between 5 and 600 minutes (10 hours) per entry; log a longer stretch day by day. Got 601."
    )
    assert log.entry_errors(**ok | {"practised": "x" * 501}) == {"practised": "At most 500 characters; got 501."}
    assert log.entry_errors(**ok | {"skills": 0, "practised": " "}) == {
        "practised": "Say what you practised or learned.", "skills": "Name 1 to 5 ESCO skills the entry served; got 0.",
    }  # fmt: skip
    assert log.entry_errors(**ok | {"happened_on": TODAY - dt.timedelta(days=3 * 366 + 1)}) == {
        "happened_on": "Log what happened in the last three years."
    }


def test_evidence_text_and_story_are_exact() -> None:
    first = log.Entry("Mentoring session", dt.date(2026, 10, 5), 90, "Graded a pump", "Easier on the second size",
                      "with Maria Conti (Calzaturificio Bianchi S.r.l.)")  # fmt: skip
    second = log.Entry("Mentoring session", dt.date(2026, 11, 2), 45, "Nested a size run")
    assert log.evidence_text(first) == (
        "Mentoring session on 05/10/2026, 1 h 30 min with Maria Conti (Calzaturificio Bianchi S.r.l.): Graded a "
        "pump\nReflection: Easier on the second size"
    )
    assert log.evidence_text(second) == "Mentoring session on 02/11/2026, 45 min: Nested a size run"
    assert log.story([second, first]) == (
        "Learned through 2 logged entries (mentoring session), 2 h 15 min in all, 05/10/2026 to 02/11/2026."
    )
    assert log.balance([("knowledge_acquisition", 30), ("knowledge_acquisition", 15)], Component.values) == {
        "information_gathering": 0, "knowledge_acquisition": 45, "competence_development": 0,
    }  # fmt: skip


def _session(world, mentorship, day: int, **extra) -> LogEntry:
    return check_entry_add(
        access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.MENTORING,
        component=Component.COMPETENCE, happened_on=timezone.localdate() - dt.timedelta(days=day), minutes=60,
        practised=f"Session {day}", mentorship=mentorship, **extra,
    )  # fmt: skip


def test_a_session_belongs_to_the_mentee_s_agreed_mentorship_and_nothing_is_half_saved(world, pair):
    mentorship = agreed(world, pair)
    entry = _session(world, mentorship, 3)
    assert [s.pk for s in entry.skills.all()] == [pair.skill.pk]  # the goal skill, when none is named
    with pytest.raises(ValidationError) as error:
        check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.manager, kind=EntryKind.MENTORING,
                        component=Component.COMPETENCE, happened_on=timezone.localdate() + dt.timedelta(days=2),
                        minutes=900, practised="", mentorship=mentorship)  # fmt: skip
    assert set(error.value.message_dict) == {"happened_on", "minutes", "practised", "mentorship"}
    with pytest.raises(ValidationError, match="not an e-mail address"):
        check_entry_add(access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.ON_THE_JOB,
                        component=Component.COMPETENCE, happened_on=timezone.localdate(), minutes=60,
                        practised="Fitted a sample", skills=[pair.skill], confirmer_name="Ugo",
                        confirmer_email="ugo at shop", confirmer_relation="customer")  # fmt: skip
    assert LogEntry.all_objects.count() == 1


def test_three_sessions_become_a_claim_with_three_evidence_items_and_one_request_to_the_mentor(world, pair):
    mentorship = agreed(world, pair)
    entries = [_session(world, mentorship, day) for day in (20, 13, 6)]
    customer = check_entry_add(
        access=EMPLOYEE, firm=world.firm, person=world.employee, kind=EntryKind.ON_THE_JOB,
        component=Component.COMPETENCE, happened_on=timezone.localdate(), minutes=120, practised="Made the pattern",
        skills=[pair.skill], confirmer_name="Ugo Neri", confirmer_email="Ugo@Shop.example",
        confirmer_relation="customer",
    )  # fmt: skip
    claim = check_claim_from_log(access=EMPLOYEE, firm=world.firm, person=world.employee, entries=entries,
                                 skill=pair.skill, level=3)  # fmt: skip
    assert (claim.status, claim.level, claim.how_learned, claim.title) == (
        ClaimStatus.DRAFT, 3, HowLearned.MENTOR, pair.skill.preferred_label,
    )  # fmt: skip
    assert [s.esco_uri for s in claim.skills.all()] == [pair.skill.uri]
    texts = [e.description for e in claim.evidence.all()]
    assert len(texts) == 3
    assert texts[0].startswith("Mentoring session on ")
    assert "Session 20" in texts[0]
    assert "with Maria Conti (Calzaturificio Bianchi S.r.l.)" in texts[0]
    (ask,) = claim.statement_requests.all()
    assert (ask.person, ask.relation, ask.about.count("Mentoring session")) == (
        pair.mentor,
        StatementRelation.MENTOR,
        3,
    )
    assert "Made the pattern" not in ask.about  # the mentor is asked only about what they took part in
    assert claim.story.startswith("Learned through 3 logged entries (mentoring session), 3 h in all")
    with pytest.raises(ValidationError, match="is evidence in a claim already"):
        check_claim_from_log(access=EMPLOYEE, firm=world.firm, person=world.employee, entries=entries[:1],
                             skill=pair.skill, level=3)  # fmt: skip
    other = check_claim_from_log(access=EMPLOYEE, firm=world.firm, person=world.employee, entries=[customer],
                                 skill=pair.skill, level=2)  # fmt: skip
    (external,) = other.statement_requests.all()
    assert (external.person, external.name, external.email, external.relation, other.how_learned) == (
        None, "Ugo Neri", "ugo@shop.example", "customer", HowLearned.ON_THE_JOB,
    )  # fmt: skip


def test_a_claim_is_refused_for_entries_not_naming_the_skill_or_of_someone_else(world, pair):
    from skillcluster.taxonomy.models import Skill

    mentorship = agreed(world, pair)
    entry = _session(world, mentorship, 2)
    web = Skill.objects.create(uri="http://data.europa.eu/esco/skill/web", preferred_label="manage a web shop")
    with pytest.raises(ValidationError, match="does not name “manage a web shop”"):
        check_claim_from_log(access=EMPLOYEE, firm=world.firm, person=world.employee, entries=[entry], skill=web,
                             level=3)  # fmt: skip
    with pytest.raises(ValidationError, match="your own log"):
        check_claim_from_log(access=EMPLOYEE, firm=world.firm, person=world.manager, entries=[entry],
                             skill=pair.skill, level=3)  # fmt: skip
    entry.refresh_from_db()
    assert entry.evidence_id is None
