"""The roles a person can hold: in a firm (owner, manager, employee) and in a cluster (manager, auditor,
assessor). Roles are data; what a role may do is a named permission (`permissions.py`)."""

from enum import StrEnum


class FirmRole(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    EMPLOYEE = "employee"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ClusterRoleKind(StrEnum):
    MANAGER = "manager"
    AUDITOR = "auditor"
    ASSESSOR = "assessor"

    @property
    def label(self) -> str:
        return {"manager": "Cluster manager", "auditor": "Skills auditor", "assessor": "Assessor"}[self.value]


ALL_FIRM_ROLES = frozenset(FirmRole)
ALL_CLUSTER_ROLES = frozenset(ClusterRoleKind)
