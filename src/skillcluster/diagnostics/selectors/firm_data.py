"""The diagnostic's part of a firm's own records (its export): the owner's answers round by round, and how
many staff answered. A colleague's answers stay theirs: the firm's report shows them only in batches."""

from django.db.models import Count, Q

from skillcluster.diagnostics.models import FormKind, Response, ResponseStatus, RoundFirm
from skillcluster.tenancy.models import Firm


def firm_export(firm: Firm) -> dict[str, object]:
    rounds = (
        RoundFirm.all_objects.filter(firm=firm)
        .select_related("round")
        .annotate(staff=Count("round__responses", filter=Q(round__responses__firm=firm,
                                                            round__responses__form=FormKind.STAFF,
                                                            round__responses__status=ResponseStatus.SUBMITTED)))
        .order_by("round__opens_on")
    )  # fmt: skip
    owner = {
        r.round_id: r
        for r in Response.all_objects.filter(firm=firm, form=FormKind.OWNER, status=ResponseStatus.SUBMITTED)
    }
    return {
        "rounds": [
            {"round": rf.round.title, "opens_on": rf.round.opens_on.isoformat(),
             "instrument_version": rf.round.instrument_version, "staff_answers_submitted": rf.staff,
             "owner_answers": owner[rf.round_id].answers if rf.round_id in owner else None}
            for rf in rounds
        ]
    }  # fmt: skip
