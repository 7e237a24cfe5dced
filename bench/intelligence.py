"""Market-intelligence benchmark: a generated corpus of job ads read, de-duplicated, split and linked to ESCO.

    python bench/intelligence.py [--ads 10000] [--quality 100] [--esco DIR] [--cache-dir DIR]

The corpus is the demo's (`intelligence/domain/demo_data.py`: ads written for the project, four in five for
the footwear district, one in five for plastics, 3 % re-posted), as one CSV file. Timed end to end in this
process: reading the file (`domain/ads.read`), de-duplication (`domain/dedup`, exact and MinHash LSH), sentence
splitting and linking every distinct sentence with the shipped dense linker, then choosing the links
(`domain/links`). Storing rows in the database is not timed (a bulk insert, seconds for 10,000 ads).

Quality, on the first `--quality` ads: each requirement sentence of the demo was labelled by hand with the ESCO
skills a reader accepts for it, so each ad has a gold list (one set of acceptable skills per requirement
sentence). An ad's predicted skills are ranked by their best score over its sentences; precision@5 = the gold
sentences found in the top 5 / min(5, gold sentences) and recall@10 = those found in the top 10 / gold
sentences, pooled over the ads with a 95 % Wilson interval; and, for the links the pipeline counts (score at or
above the accept threshold), the share that are acceptable for some sentence of the ad (precision) and the
share of gold sentences they find (recall). Indicative only: the same person wrote the sentences and their
labels.

With --unique every sentence is made distinct: the worst case, where no sentence is linked once for many ads.

Prints one JSON line: {"ads", "sentences", "ads_per_s", "dedup_s", "peak_rss_mb", ...}.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from skillcluster.diagnostics.domain.benchmarks import wilson_interval  # noqa: E402
from skillcluster.intelligence.domain import ads as ad_rules  # noqa: E402
from skillcluster.intelligence.domain import dedup, demo_data, links, sentences  # noqa: E402
from skillcluster.taxonomy.linking.linker import Linker, concepts_from_esco_csv, default_model_dir  # noqa: E402

TODAY = dt.date(2026, 11, 27)


def unique(ads: list[demo_data.DemoAd]) -> list[demo_data.DemoAd]:
    """The worst case for the linker: every sentence of every ad made distinct (a reference number in it), so
    nothing is linked once for many ads as real boilerplate is."""
    found = []
    for n, a in enumerate(ads):
        text = re.sub(r"\.( |$)", f" (ref {n}).\\1", a.text)
        found.append(demo_data.DemoAd(a.title, text, a.published_on, a.employer, a.place, a.region, a.url, a.gold))
    return found


def corpus(count: int) -> list[demo_data.DemoAd]:
    rng = random.Random(11)
    employers = [f"Firm {i}" for i in range(60)]
    footwear = demo_data.ads(footwear=True, count=count * 4 // 5, employers=employers, today=TODAY, seed=1)
    plastics = demo_data.ads(footwear=False, count=count - len(footwear), employers=employers, today=TODAY, seed=2)
    found = footwear + plastics
    reposts = demo_data.reposts(found, rng, count * 3 // 100)
    return found[: count - len(reposts)] + reposts


def as_csv(found: list[demo_data.DemoAd]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "text", "date", "employer", "place", "region", "url"])
    for ad in found:
        writer.writerow([ad.title, ad.text, ad.published_on.isoformat(), ad.employer, ad.place, ad.region, ad.url])
    return out.getvalue().encode()


def pooled(hits: int, n: int) -> dict[str, float]:
    low, high = wilson_interval(hits, n) if n else (0.0, 0.0)
    return {"value": round(hits / n, 3) if n else 0.0, "low": round(low, 3), "high": round(high, 3), "n": n}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ads", type=int, default=10_000)
    parser.add_argument("--quality", type=int, default=100)
    parser.add_argument("--esco", type=Path, default=ROOT / "src/skillcluster/taxonomy/data/esco")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var/cache/linker")
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped model)")
    parser.add_argument("--unique", action="store_true", help="make every sentence distinct (the worst case)")
    args = parser.parse_args(argv)
    concepts = concepts_from_esco_csv(args.esco / "skills.csv.gz", kind="skill")
    linker = Linker.build(concepts, model_dir=args.model or default_model_dir(), cache_dir=args.cache_dir)
    uri_of = {c.preferred_label: c.uri for c in concepts}
    found = unique(corpus(args.ads)) if args.unique else corpus(args.ads)
    data = as_csv(found)

    started = time.perf_counter()
    rows, problems = ad_rules.read(data, today=TODAY)
    dedup_started = time.perf_counter()
    duplicate = dedup.duplicates([(r.title, r.text) for r in rows])
    dedup_s = time.perf_counter() - dedup_started
    kept = [r for i, r in enumerate(rows) if i not in duplicate]
    split = [sentences.split(r.text) for r in kept]
    distinct = list(dict.fromkeys(s.text for found_ in split for s in found_))
    matches = dict(zip(distinct, (r.matches for r in linker.link_many(distinct, top_k=3)), strict=True))
    counted = [
        {uri for s in found_ for uri, _, status in links.choose([(m.uri, m.score) for m in matches[s.text]],
                                                                linker.mode) if status == "accepted"}
        for found_ in split
    ]  # fmt: skip
    elapsed = time.perf_counter() - started

    at5 = at5_n = at10 = found_n = kept_hits = kept_n = kept_found = 0
    gold_by_text = {(a.title, a.text): a.gold for a in found}
    for row, found_, accepted in list(zip(kept, split, counted, strict=True))[: args.quality]:
        # per requirement sentence, the URIs a reader accepts for it (`demo_data`: labelled by hand)
        gold = [{uri_of[label] for label in alts if label in uri_of} for alts in gold_by_text[(row.title, row.text)]]
        acceptable = set().union(*gold)
        best: dict[str, float] = {}
        for s in found_:
            for m in matches[s.text]:
                best[m.uri] = max(best.get(m.uri, 0.0), m.score)
        ranked = sorted(best, key=lambda uri: -best[uri])
        at5 += sum(1 for alts in gold if alts & set(ranked[:5]))
        at5_n += min(5, len(gold))
        at10 += sum(1 for alts in gold if alts & set(ranked[:10]))
        found_n += len(gold)
        kept_hits, kept_n = kept_hits + len(accepted & acceptable), kept_n + len(accepted)
        kept_found += sum(1 for alts in gold if alts & accepted)
    print(json.dumps({
        "ads": len(rows), "rows_refused": len(problems), "duplicates": len(duplicate),
        "sentences": sum(map(len, split)),
        "distinct_sentences": len(distinct), "ads_per_s": round(len(rows) / elapsed, 1), "seconds": round(elapsed, 1),
        "dedup_s": round(dedup_s, 2), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "linker": linker.mode, "quality_ads": min(args.quality, len(kept)),
        "precision_at_5": pooled(at5, at5_n), "recall_at_10": pooled(at10, found_n),
        "counted_precision": pooled(kept_hits, kept_n), "counted_recall": pooled(kept_found, found_n),
    }))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
