"""The roles a person can hold: in a firm (owner, manager, employee) and in a cluster (manager, auditor,
assessor). Roles are data; what a role may do is a named permission (`permissions.py`).

Each role has two names, both read in the active language: `label`, the name on its own (a heading, a list, a
picker: "Owner"), and `lower_label`, the name inside a sentence ("invited you as owner"). They are two words
to translate, not one lowercased: German writes its nouns with a capital everywhere ("als Inhaber/in")."""

from collections.abc import Mapping
from enum import StrEnum

from skillcluster.words import Translated, gettext_noop


class FirmRole(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    EMPLOYEE = "employee"

    @property
    def label(self) -> str:
        return FIRM_ROLE_LABELS[self]

    @property
    def lower_label(self) -> str:
        return FIRM_ROLE_NAMES_IN_TEXT[self]


class ClusterRoleKind(StrEnum):
    MANAGER = "manager"
    AUDITOR = "auditor"
    ASSESSOR = "assessor"

    @property
    def label(self) -> str:
        return CLUSTER_ROLE_LABELS[self]

    @property
    def lower_label(self) -> str:
        return CLUSTER_ROLE_NAMES_IN_TEXT[self]


# The names in English: the models' and forms' role choices translate them lazily, when shown.
FIRM_ROLE_ENGLISH: Mapping[FirmRole, str] = {
    FirmRole.OWNER: gettext_noop("Owner"),
    FirmRole.MANAGER: gettext_noop("Manager"),
    FirmRole.EMPLOYEE: gettext_noop("Employee"),
}
FIRM_ROLE_LABELS: Mapping[FirmRole, str] = Translated(FIRM_ROLE_ENGLISH)
FIRM_ROLE_NAMES_IN_TEXT: Mapping[FirmRole, str] = Translated(
    {
        FirmRole.OWNER: gettext_noop("owner"),
        FirmRole.MANAGER: gettext_noop("manager"),
        FirmRole.EMPLOYEE: gettext_noop("employee"),
    }
)
CLUSTER_ROLE_ENGLISH: Mapping[ClusterRoleKind, str] = {
    ClusterRoleKind.MANAGER: gettext_noop("Cluster manager"),
    ClusterRoleKind.AUDITOR: gettext_noop("Skills auditor"),
    ClusterRoleKind.ASSESSOR: gettext_noop("Assessor"),
}
CLUSTER_ROLE_LABELS: Mapping[ClusterRoleKind, str] = Translated(CLUSTER_ROLE_ENGLISH)
CLUSTER_ROLE_NAMES_IN_TEXT: Mapping[ClusterRoleKind, str] = Translated(
    {
        ClusterRoleKind.MANAGER: gettext_noop("cluster manager"),
        ClusterRoleKind.AUDITOR: gettext_noop("skills auditor"),
        ClusterRoleKind.ASSESSOR: gettext_noop("assessor"),
    }
)

ALL_FIRM_ROLES = frozenset(FirmRole)
ALL_CLUSTER_ROLES = frozenset(ClusterRoleKind)
