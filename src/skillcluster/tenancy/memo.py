"""Memos of what a page works out from a cluster's data, kept while nothing in the cluster has changed.

After every successful write through the web (a POST, PUT, PATCH or DELETE answered below 400), the
clusters of whoever wrote get a new stamp (`Cluster.last_write_at`, set by `TenantScopeMiddleware`). A memo
is kept with the stamp it was worked out under and used only while that stamp stands, and for at most
MEMO_SECONDS, which bounds how late a change made outside the web shows (a command, a background task, the
turn of a day for what falls due). A write without a login (a staff form or a statement answered through its
link) stamps every cluster: who wrote is not known, and such writes are few.

The stamp lives in the database, so every web process agrees on it; the memo itself is each process's own
(the "memo" cache, in memory: reading it costs no query), so it is safe however many processes serve.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.utils import timezone

from skillcluster.tenancy.models import Cluster

T = TypeVar("T")
MEMO_SECONDS = 60


def memo(cluster: Cluster, key: str, work_out: Callable[[], T]) -> T:
    """`work_out()`, or what it gave under the cluster's current stamp less than MEMO_SECONDS ago. The key
    names all else the value depends on (the person, the firm, the language, the day)."""
    store = caches["memo"]
    full_key = f"{cluster.pk}:{key}"
    found = store.get(full_key)
    if found is not None and found[0] == cluster.last_write_at:
        value: T = found[1]
        return value
    value = work_out()
    store.set(full_key, (cluster.last_write_at, value), MEMO_SECONDS)
    return value


def clusters_written(cluster_ids: Iterable[int] | None) -> None:
    """Stamp these clusters (None: every cluster): every memo worked out from their data before now is stale."""
    clusters = Cluster.all_objects.all() if cluster_ids is None else Cluster.all_objects.filter(pk__in=cluster_ids)
    clusters.update(last_write_at=timezone.now())
