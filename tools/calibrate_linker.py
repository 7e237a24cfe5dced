"""Fit the linker's confidence ("likely", "possible") on half A of the validation sentences; write it beside the model.

    python tools/calibrate_linker.py [--model DIR] [--data DIR]

For each sentence of half A of every `*_annotations.csv` (see `half_of` in bench/linking_metrics.py), the top
TOP matches of the dense linker and of the lexical one are labelled by whether the sentence's gold names them;
a logistic model over (score, gap to the best, rank) is fitted per mode and written to DIR/calibration.json.
"Likely" means a probability of at least 1/2 (more likely named than not), "possible" at least 1/5; those two
levels are fixed, not tuned. `python bench/skill_linking.py` reports how the labels hold on half B.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from linking_metrics import LabelResolver, half_of, read_annotations  # noqa: E402

from skillcluster.taxonomy.linking.calibration import CALIBRATION_FILE, features, fit  # noqa: E402
from skillcluster.taxonomy.linking.linker import Linker, concepts_from_esco_csv, default_model_dir  # noqa: E402

TOP = 10
LIKELY, POSSIBLE = 0.5, 0.2
ESCO = ROOT / "src/skillcluster/taxonomy/data/esco/skills.csv.gz"


def examples(linker: Linker, data: Path, resolve: LabelResolver, half: str) -> tuple[np.ndarray, np.ndarray, int]:
    rows, named, count = [], [], 0
    for path in sorted(data.glob("*_annotations.csv")):
        sentences, _ = read_annotations(path)
        texts = [t for t in sentences if half_of(t) == half]
        count += len(texts)
        for text, result in zip(texts, linker.link_many(texts, top_k=TOP), strict=True):
            gold = {resolve(label) for label in sentences[text]}
            if result.matches:
                rows.append(features(np.array([m.score for m in result.matches], dtype=np.float32)))
                named += [m.uri in gold for m in result.matches]
    return np.vstack(rows), np.array(named), count


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=default_model_dir())
    parser.add_argument("--data", type=Path, default=ROOT / "bench/data/skill-extraction")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var/cache/linker")
    args = parser.parse_args(argv)
    if args.model is None:
        sys.exit("no model folder: pass --model")
    concepts = concepts_from_esco_csv(ESCO, kind="skill")
    resolve = LabelResolver(concepts)
    out: dict[str, object] = {}
    for mode, model_dir in (("dense", args.model), ("lexical", None)):
        linker = Linker.build(concepts, model_dir=model_dir, cache_dir=args.cache_dir)
        rows, named, sentences = examples(linker, args.data, resolve, "a")
        weights, bias = fit(rows, named)
        out[mode] = {
            "weights": [round(w, 4) for w in weights], "bias": round(bias, 4), "likely": LIKELY, "possible": POSSIBLE,
            "fitted_on": f"half A of {', '.join(p.name for p in sorted(args.data.glob('*_annotations.csv')))}: "
                         f"{sentences} sentences, {len(named)} matches (top {TOP}), {int(named.sum())} named",
        }  # fmt: skip
        print(json.dumps({mode: out[mode]}), flush=True)
    (args.model / CALIBRATION_FILE).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
