from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """The informal learning network across firms: mentoring, peer circles, placements, the learning log.
    Built in slices; the first is the pure mentor matching (`domain/matching.py`)."""

    name = "skillcluster.network"
    label = "network"
    verbose_name = "Learning network"
