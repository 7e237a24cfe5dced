"""Who may do what in the learning network (pure: no Django), declared in the one permission model.

* Everyone working in a firm offers to mentor in a skill they hold at level 3 or 4 (their own offers only).
* The firm's owner agrees that its people mentor outside the firm (their time is the firm's).
"""

from skillcluster.tenancy.domain.permissions import firm_permission
from skillcluster.tenancy.domain.roles import ALL_FIRM_ROLES, FirmRole


class NetworkPerm:
    OFFER = firm_permission("network.offer", firm_roles=ALL_FIRM_ROLES)
    AGREE = firm_permission("network.agree", firm_roles={FirmRole.OWNER})
