"""Background work of market intelligence: linking an import's ads to ESCO (about four seconds per thousand
new sentences on two cores) runs in the task queue, and so does fetching the feeds on their schedule; the sources
page shows the progress and each feed's last fetch."""

from django.utils import translation
from django_scopes import scopes_disabled
from django_tasks import task

from skillcluster.intelligence.models import AdImport, FeedSource, ImportStatus
from skillcluster.intelligence.services.briefings import feed_fetch
from skillcluster.intelligence.services.extraction import extract
from skillcluster.intelligence.services.imports import import_fail
from skillcluster.taxonomy.selectors.indexes import linker


@task()
def extract_import(import_id: int) -> str:
    with scopes_disabled():
        source = AdImport.all_objects.filter(pk=import_id, status=ImportStatus.EXTRACTING).first()
        if source is None:
            return "gone"
        try:
            return extract(source=source, skills=linker("skill", wait=True),
                           occupations=linker("occupation", wait=True)).status  # fmt: skip
        except Exception as error:
            import_fail(source=source, error=str(error))
            raise


@task()
def fetch_feed(source_id: int) -> str:
    """One feed source fetched (`services.briefings.feed_fetch`); queued by `skillcluster market fetch-feeds`, so
    nobody started it: a failure is kept in words in the cluster's language (a network error's words stay the
    system's own, English)."""
    with scopes_disabled():
        source = FeedSource.all_objects.select_related("cluster").filter(pk=source_id).first()
        if source is None:
            return "gone"
        with translation.override(source.cluster.language):
            return feed_fetch(source=source).error or "ok"
