"""Erasing a person from the learning network: the free text of their log (what they practised, their
reflection, the confirmer they named) is blanked; dates, minutes and skills stay for the cluster's figures,
no longer anyone's words. Offers, mentorships and placements hold no free text about the person."""

from skillcluster.network.models import LogEntry
from skillcluster.tenancy.models import Person


def erase(person: Person) -> None:
    LogEntry.all_objects.filter(person=person).update(
        practised="(erased)", reflection="", confirmer_name="", confirmer_email="", confirmer_relation=""
    )
