"""Background work of market intelligence: linking an import's ads to ESCO (about a minute per thousand new
sentences on two cores) runs in the task queue; the imports page shows its progress."""

from django_scopes import scopes_disabled
from django_tasks import task

from skillcluster.intelligence.models import AdImport, ImportStatus
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
