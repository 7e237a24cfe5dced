"""Skill-linking benchmark: free-text sentences -> ranked ESCO skills (Decorte et al. protocol).

    python bench/skill_linking.py [--data DIR] [--lexical] [--model DIR] [--cache-dir DIR]
    python bench/skill_linking.py --languages     # the other languages, over ESCO's labels in each

Scores every `*_annotations.csv` in DIR (default `bench/data/skill-extraction`, the public validation sets: see
its SOURCES.md; `sentence,span,sub_span,label` or `sentence,label`): rows labelled
LABEL NOT PRESENT / UNDERSPECIFIED are dropped, rows are grouped by sentence, the gold set is the sentence's
labels, all ESCO skills are ranked for the whole sentence, and RP@5 (|gold ∩ top-5| / min(5, |gold|)), MRR
(over the top 100) and Recall@10 are macro-averaged, in percent. `rp@5_a` and `rp@5_b` split the sentences
into two fixed halves by a hash of their text: choose a variant on one half, report the other (30 to 40
sentences per half and file, so differences under about 6 points are noise). Span level: each annotated span (its
sub_span when given) is ranked alone against its one label.

Gold labels are ESCO v1.1.0 preferred labels; we rank v1.1.1 concepts, so a gold label resolves to a URI by
exact preferred label, else case-insensitive preferred label, else a unique alternative label; unresolved
labels stay in the gold set as misses and are counted in `gold_unresolved`.

Cost: `sentences_per_s` (all sentences of a file through `link_many` in this one process, best of 3), `ms_per_query`
(median of single `link` calls), `ready_s` (process start to the first answer, index cache warm: a cold
cache is built first and the benchmark re-executes itself), `peak_rss_mb` (max RSS of this process).
Prints one JSON line per file.

`--languages`: text in Italian, German, French and Spanish goes to the lexical linker over that language's
shipped ESCO labels (the model reads English only). No public labelled data exists for these languages, so
`bench/data/linking/<lang>.csv` holds small sets written for this benchmark (see bench/data/linking/README.md):
sentences translated from the English validation sentences, and job titles as firms write them, each with its
gold ESCO concept by English preferred label. Indicative figures: a few dozen queries per language.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import csv  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from linking_metrics import LabelResolver, half_of, mean_pct, read_annotations, scores  # noqa: E402

from skillcluster.diagnostics.domain.benchmarks import wilson_interval  # noqa: E402
from skillcluster.taxonomy.linking.linker import (  # noqa: E402
    Concept,
    Linker,
    LinkResult,
    concepts_from_esco_csv,
    default_model_dir,
)

TOP = 100


def seconds_since_process_start() -> float:
    """From the kernel's process start time (10 ms ticks), so interpreter start-up counts too."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
        return float(Path("/proc/uptime").read_text().split()[0]) - start
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T0


def peak_rss_mb() -> float:
    """VmHWM of this process image: unlike getrusage's ru_maxrss it is not inherited across exec."""
    try:
        line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM:"))
        return round(int(line.split()[1]) / 1024, 1)
    except (OSError, StopIteration, ValueError):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def ci95(successes: int, n: int) -> list[float]:
    """A 95 % Wilson interval in percent; empty for no matches."""
    return [round(100 * bound, 1) for bound in wilson_interval(successes, n)] if n else []


def confidence_figures(
    results: Sequence[LinkResult], gold_of: Sequence[set[str]], halves: Sequence[str], half: str
) -> dict[str, object] | None:
    """For the matches the linker calls "likely" and "possible" (of the top 10) in one half: how many, the share
    the gold names (precision, with a 95 % Wilson interval), and the share of gold skills called one or the other."""
    picked = [(r, g) for r, g, h in zip(results, gold_of, halves, strict=True) if h == half]
    if not picked or all(m.probability is None for r, _ in picked for m in r.matches):
        return None
    out: dict[str, object] = {}
    for level in ("likely", "possible"):
        hits = [m.uri in g for r, g in picked for m in r.matches[:10] if m.confidence == level]
        out[level] = {
            "n": len(hits),
            "precision": mean_pct([float(h) for h in hits]),
            "ci95": ci95(sum(hits), len(hits)),
        }
    found = [len(g & {m.uri for m in r.matches[:10] if m.confidence}) / len(g) for r, g in picked]
    out["recall"] = mean_pct(found)
    out["per_sentence"] = round(sum(1 for r, _ in picked for m in r.matches[:10] if m.confidence) / len(picked), 2)
    return out


def score_file(path: Path, linker: Linker, resolve: LabelResolver, ready_s: float) -> dict[str, object]:
    sentences, spans = read_annotations(path)
    labels = {label for gold in sentences.values() for label in gold}
    uri_of = {label: resolve(label) or f"unresolved:{label}" for label in labels}
    texts = list(sentences)
    timings = []
    for _ in range(3):  # best of three: the machine is shared, the fastest run is the least disturbed
        started = time.perf_counter()
        results = linker.link_many(texts, top_k=TOP)
        timings.append(time.perf_counter() - started)
    per_s = len(texts) / min(timings)
    sent = [
        scores([m.uri for m in r.matches], {uri_of[g] for g in sentences[t]})
        for t, r in zip(texts, results, strict=True)
    ]
    single = []
    for text in texts[:100]:
        t = time.perf_counter()
        linker.link(text, top_k=TOP)
        single.append(1000 * (time.perf_counter() - t))
    span_results = linker.link_many([s for s, _ in spans], top_k=TOP)
    span_scores = [
        scores([m.uri for m in r.matches], {uri_of[lab]}) for (_, lab), r in zip(spans, span_results, strict=True)
    ]
    halves = [half_of(t) for t in texts]
    gold_of = [{uri_of[g] for g in sentences[t]} for t in texts]
    return {
        "file": path.name,
        "mode": linker.mode,
        "sentences": len(texts),
        "rp@5": mean_pct([s[0] for s in sent]),
        # choose between variants on half A, report half B (and the other way round): see `half_of`
        "rp@5_a": mean_pct([s[0] for s, h in zip(sent, halves, strict=True) if h == "a"]),
        "rp@5_b": mean_pct([s[0] for s, h in zip(sent, halves, strict=True) if h == "b"]),
        "sentences_a": halves.count("a"),
        # how the shipped "likely" / "possible" hold, per half (calibrated on half A: half B is the honest one)
        "confidence_a": confidence_figures(results, gold_of, halves, "a"),
        "confidence_b": confidence_figures(results, gold_of, halves, "b"),
        "mrr": mean_pct([s[1] for s in sent]),
        "recall@10": mean_pct([s[2] for s in sent]),
        "spans": len(spans),
        "span_rp@5": mean_pct([s[0] for s in span_scores]),
        "span_mrr": mean_pct([s[1] for s in span_scores]),
        "span_recall@10": mean_pct([s[2] for s in span_scores]),
        "gold_labels": len(labels),
        "gold_unresolved": sum(1 for u in uri_of.values() if u.startswith("unresolved:")),
        "sentences_per_s": round(per_s, 1),
        "ms_per_query": round(statistics.median(single), 2),
        "ready_s": round(ready_s, 2),
        "peak_rss_mb": peak_rss_mb(),
    }


PACKAGE_DATA = ROOT / "src/skillcluster/taxonomy/data"
LANGUAGE_SETS = ROOT / "bench/data/linking"


def language_concepts(language: str, kind: str) -> list[Concept]:
    """ESCO's labels of `kind` in `language`, as shipped (taxonomy/data/esco-i18n)."""
    path = PACKAGE_DATA / "esco-i18n" / f"labels_{language}.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [
            Concept(row["conceptUri"], row["preferredLabel"], tuple(a for a in row["altLabels"].split("\n") if a),
                    kind)  # type: ignore[arg-type]
            for row in csv.DictReader(handle)
            if row["conceptKind"] == kind and row["preferredLabel"]
        ]  # fmt: skip


def score_language(path: Path, esco: Path) -> list[dict[str, object]]:
    """One JSON line per (language, kind) of a labelled set: RP@5, MRR and Recall@10 against the English gold."""
    language = path.stem
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for kind in ("skill", "occupation"):
        queries = [(r["text"], r["label"]) for r in rows if r["kind"] == kind]
        if not queries:
            continue
        english = concepts_from_esco_csv(esco / f"{kind}s.csv.gz", kind=kind)  # type: ignore[arg-type]
        resolve = LabelResolver(english)
        concepts = language_concepts(language, kind)
        if not concepts:
            out.append({"language": language, "kind": kind, "queries": len(queries), "labels": 0,
                        "note": "ESCO has no labels of this kind in this language: the product says so"})  # fmt: skip
            continue
        linker = Linker.build(concepts, model_dir=None, cache_dir=ROOT / "var/cache/linker", language=language)
        started = time.perf_counter()
        results = linker.link_many([text for text, _ in queries], top_k=TOP)
        per_s = len(queries) / (time.perf_counter() - started)
        gold = [resolve(label) or f"unresolved:{label}" for _, label in queries]
        found = [scores([m.uri for m in r.matches], {g}) for r, g in zip(results, gold, strict=True)]
        out.append({
            "language": language, "kind": kind, "mode": f"lexical ({language} labels)", "queries": len(queries),
            "labels": len(linker.labels), "rp@5": mean_pct([f[0] for f in found]),
            "mrr": mean_pct([f[1] for f in found]), "recall@10": mean_pct([f[2] for f in found]),
            "top1": mean_pct([float(f[1] == 1.0) for f in found]),
            "gold_unresolved": sum(g.startswith("unresolved:") for g in gold), "queries_per_s": round(per_s, 1),
        })  # fmt: skip
    return out


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "bench/data/skill-extraction")
    parser.add_argument(
        "--esco", type=Path, default=PACKAGE_DATA / "esco", help="folder holding skills.csv.gz (ESCO v1.1.1)"
    )
    parser.add_argument("--languages", action="store_true", help="score bench/data/linking/<lang>.csv instead")
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--lexical", action="store_true", help="BM25 only, no model")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var/cache/linker")
    args = parser.parse_args(argv)
    if args.languages:
        for path in sorted(LANGUAGE_SETS.glob("*.csv")):
            for line in score_language(path, args.esco):
                print(json.dumps(line), flush=True)
        return
    concepts = concepts_from_esco_csv(args.esco / "skills.csv.gz", kind="skill")
    model_dir = None if args.lexical else (args.model or default_model_dir())
    linker = Linker.build(concepts, model_dir=model_dir, cache_dir=args.cache_dir)
    if model_dir is not None and not linker.from_cache:
        # the index was just built: measure readiness and memory in a fresh process that finds the cache warm
        sys.exit(subprocess.run([sys.executable, __file__, *argv], check=False).returncode)  # noqa: S603
    files = sorted(args.data.glob("*_annotations.csv"))
    if not files:
        sys.exit(f"no *_annotations.csv in {args.data}")
    linker.link(next(iter(read_annotations(files[0])[0]), "warm-up"), top_k=TOP)
    ready_s = seconds_since_process_start()
    resolve = LabelResolver(concepts)
    for path in files:
        print(json.dumps(score_file(path, linker, resolve, ready_s)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
