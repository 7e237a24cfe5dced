"""What the learning plan adds to other pages: the diagnostic report of a round sets the actions a firm
completed since its previous round beside the change of its scores."""

import datetime as dt

from skillcluster.planning.domain.plan import COMPONENT_NAMES
from skillcluster.planning.selectors import done_between
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.navigation import DoneAction


def done_actions(firm: Firm, since: dt.date, until: dt.date) -> list[DoneAction]:
    return [DoneAction(i.title, COMPONENT_NAMES[i.component], i.done_on)
            for i in done_between(firm, since, until) if i.done_on is not None]  # fmt: skip
