"""Linking a stored import's ads to ESCO: each ad split into sentences, each sentence linked to skills (the
span and the score kept; uncertain ones left for review, the manager's earlier decisions on the same sentence
applied), each title to an occupation. Runs in the background, a batch at a time, saving progress; an identical
sentence is linked once per run (ads repeat their boilerplate). A retry starts the import's links afresh."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from skillcluster.intelligence.domain import links, sentences
from skillcluster.intelligence.models import Ad, AdImport, AdSkill, ImportStatus, LinkDecision
from skillcluster.taxonomy.linking.linker import Linker
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.tenancy.models import Person

BATCH = 200
OCCUPATION_SCORE = {"dense": 0.55, "lexical": 0.15}  # below it, a title is left without an occupation


def extract(
    *, source: AdImport, skills: Linker, occupations: Linker | None = None,
    on_progress: Callable[[int], object] | None = None,
) -> AdImport:  # fmt: skip
    ads = list(Ad.all_objects.filter(source=source, duplicate_of__isnull=True).order_by("pk"))
    decisions = {
        (key, skill): verdict
        for key, skill, verdict in LinkDecision.all_objects.filter(cluster_id=source.cluster_id)
        .values_list("sentence_key", "skill_id", "verdict")
    }  # fmt: skip
    cache: dict[str, list[tuple[str, float]]] = {}
    counted = 0
    AdSkill.objects.filter(ad__source=source).delete()
    for start in range(0, len(ads), BATCH):
        batch = ads[start : start + BATCH]
        split = {ad.pk: sentences.split(ad.text) for ad in batch}
        fresh = list(dict.fromkeys(s.text for found in split.values() for s in found if s.text not in cache))
        for text, result in zip(fresh, skills.link_many(fresh, top_k=3), strict=True):
            cache[text] = [(m.uri, m.score) for m in result.matches]
        uris = {uri for found in split.values() for s in found for uri, _ in cache[s.text]}
        ids = dict(Skill.objects.filter(uri__in=uris).values_list("uri", "pk"))
        rows = []
        for ad in batch:
            for sentence in split[ad.pk]:
                key = links.sentence_key(sentence.text)
                for uri, score, status in links.choose(cache[sentence.text], skills.mode):
                    verdict = decisions.get((key, ids[uri]))
                    rows.append(AdSkill(ad=ad, skill_id=ids[uri], sentence=sentence.text[:500], start=sentence.start,
                                        end=sentence.end, confidence=score, status=verdict or status))  # fmt: skip
        counted += sum(len(found) for found in split.values())
        with transaction.atomic():
            AdSkill.objects.bulk_create(rows, ignore_conflicts=True)
            if occupations is not None:
                _occupations(batch, occupations)
        done = round(100 * min(len(ads), start + BATCH) / len(ads)) if ads else 100
        AdImport.all_objects.filter(pk=source.pk).update(progress=done, sentences=counted)
        if on_progress is not None:
            on_progress(done)
    AdImport.all_objects.filter(pk=source.pk).update(status=ImportStatus.DONE, progress=100, sentences=counted,
                                                    finished_at=timezone.now())  # fmt: skip
    source.refresh_from_db()
    return source


def _occupations(batch: list[Ad], linker: Linker) -> None:
    results = linker.link_many([ad.title for ad in batch], top_k=1)
    threshold = OCCUPATION_SCORE[linker.mode]
    uris = {r.matches[0].uri for r in results if r.matches and r.matches[0].score >= threshold}
    ids = dict(Occupation.objects.filter(uri__in=uris).values_list("uri", "pk"))
    for ad, result in zip(batch, results, strict=True):
        best = result.matches[0] if result.matches else None
        ad.occupation_id = ids.get(best.uri) if best and best.score >= threshold else None
    Ad.all_objects.bulk_update(batch, ["occupation"])


def decide(*, link: AdSkill, verdict: str, actor: Person | None) -> int:
    """Confirm or reject a link; the decision holds for the same sentence in every ad of the cluster, now and
    in later imports. Returns how many links it changed."""
    key = links.sentence_key(link.sentence)
    with transaction.atomic():
        LinkDecision.all_objects.update_or_create(
            cluster_id=link.ad.cluster_id, sentence_key=key, skill_id=link.skill_id,
            defaults={"verdict": verdict, "decided_by": actor, "decided_at": timezone.now()},
        )  # fmt: skip
        same = AdSkill.objects.filter(ad__cluster_id=link.ad.cluster_id, skill_id=link.skill_id,
                                      sentence=link.sentence)  # fmt: skip
        return same.update(status=verdict)
