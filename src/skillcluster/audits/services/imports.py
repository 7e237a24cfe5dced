"""Apply a skills-matrix import (CSV or XLSX) to a firm: all of it in one transaction, or nothing.

Steps: `matrix_import_check` parses the file (`matrix_import.parse_matrix`, skill names linked through the
taxonomy's linker) and raises `ImportRefused` with the row-by-row problems; uncertain links come back in
`plan.to_confirm`. `matrix_import_apply` applies the plan only when every uncertain link is confirmed.

Source of the imported ratings: ``manager`` when the importer may rate as manager (owner, manager),
``assessor`` for a cluster auditor; a row about the importer themselves becomes a self rating (nobody rates
themselves as manager).
"""

import datetime as dt
import hashlib
from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.matrix_import import ImportPlan, ImportRefused, Problem, parse_matrix
from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.models import ImportReceipt, Rating
from skillcluster.audits.services.ratings import do_ratings_add
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors import lookup
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Membership, Person

REPEAT_WINDOW = dt.timedelta(hours=1)  # the same file again within this time is a double click, not a new import


def _is_known_uri(uri: str) -> bool:
    return Skill.objects.filter(uri=uri).exists()


def import_source(access: Access) -> Source:
    if access.has(AuditPerm.RATE_MANAGER):
        return Source.MANAGER
    if access.has(AuditPerm.RATE_ASSESSOR) and access.has(AuditPerm.RUN):
        return Source.ASSESSOR
    raise ImportRefused(
        [Problem(0, "", gettext("your role"), gettext("the firm's owner or manager, or a skills auditor"))]
    )


def matrix_import_check(*, firm: Firm, access: Access, data: bytes) -> ImportPlan:
    """The import plan, or `ImportRefused` listing every problem. Writes nothing."""
    import_source(access)
    emails = Membership.objects.filter(firm=firm).values_list("person__email", flat=True)
    return parse_matrix(data, firm_emails=list(emails), resolve=lookup.skill_best_match, is_known_uri=_is_known_uri)


def matrix_import_apply(
    *, firm: Firm, access: Access, rater: Person, data: bytes, confirmed: Collection[str] = ()
) -> int:
    """Apply the whole file in one transaction; the number of ratings added.

    ``confirmed``: the column letters whose uncertain link the person confirmed; an unconfirmed one refuses
    the import (nothing is dropped silently: fix the header and upload again).
    """
    plan = matrix_import_check(firm=firm, access=access, data=data)
    unconfirmed = [link for link in plan.to_confirm if link.column not in set(confirmed)]
    if unconfirmed:
        labels = lookup.skill_labels(link.skill_uri for link in unconfirmed)
        raise ImportRefused([
            Problem(1, link.column, link.name,
                    gettext("a confirmed link (we proposed “%(skill)s”) or the skill's ESCO link in the column's "
                            "second header row") % {"skill": labels.get(link.skill_uri, link.skill_uri)})
            for link in unconfirmed
        ])  # fmt: skip
    source = import_source(access)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        # The firm's row lock makes a second apply of the same file wait, then find the first one's receipt.
        Firm.all_objects.select_for_update().filter(pk=firm.pk).first()
        earlier = ImportReceipt.all_objects.filter(
            firm=firm, digest=digest, imported_at__gte=timezone.now() - REPEAT_WINDOW
        ).first()
        if earlier is not None:
            raise ImportRefused([Problem(0, "", gettext("the same file again"), _already(earlier))])
        added = _apply(firm=firm, rater=rater, plan=plan, source=source)
        ImportReceipt.all_objects.create(firm=firm, digest=digest, imported_by=rater, ratings=added)
    return added


def _already(earlier: ImportReceipt) -> str:
    at = timezone.localtime(earlier.imported_at)
    return gettext(
        "one import of each file: it was imported at %(time)s (%(n)s ratings); importing it again would record every "
        "rating twice"
    ) % {"time": f"{at:%H:%M}", "n": earlier.ratings}


def _apply(*, firm: Firm, rater: Person, plan: ImportPlan, source: Source) -> int:
    people = dict(Membership.objects.filter(firm=firm).values_list("person__email", "person_id"))
    people = {email.casefold(): pk for email, pk in people.items()}
    skills = dict(Skill.objects.filter(uri__in={c.skill_uri for c in plan.cells}).values_list("uri", "pk"))
    ratings = [
        Rating(firm=firm, person_id=people[cell.person], skill_id=skills[cell.skill_uri], level=cell.level,
               source=(Source.SELF if people[cell.person] == rater.pk else source).value, rated_by=rater,
               note=f"Imported from a skills matrix (row {cell.row}, column {cell.column})")
        for cell in plan.cells
    ]  # fmt: skip
    return len(do_ratings_add(ratings=ratings))
