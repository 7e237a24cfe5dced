#!/usr/bin/env bash
# Train the skill linker on a lent GPU machine (the device tool), in one call, and bring the best variant back.
#
#   tools/linker_on_gpu.sh prepare    here: pack the base weights in fp16 (var/linker-base, 45 MB) and take the
#                                     files training does not need out of git's index, so that what travels
#                                     stays under the device's 64 MiB; prints that size
#   device run, command "bash tools/linker_on_gpu.sh remote", carry ["var/linker-base"], timeout_s 420
#   tools/linker_on_gpu.sh restore    here, at once after the run: the index as it was (nothing on disk changes)
#   tools/linker_on_gpu.sh land DIR   here: DIR = the run's files_at; rebuild the chosen checkpoint, export it
#                                     fused int8 to var/linker-candidate and score it with bench/skill_linking.py
#
# remote trains the VARIANTS below side by side on the one GPU (bf16, 1,400 to 5,700 steps; where the steps do
# not fit in MINUTES, default 4.5, the learning rate still decays to zero by then and training stops), scores
# every final checkpoint on the validation halves (train_linker.py evaluate), and returns the figures of all of
# them and, split into parts under 16 MiB, the fp16 weights of the best on half A (the half for choosing). The shipped model is chosen here afterwards, on the benchmark's
# own figures for the int8 export (MODEL.md: choose on half A, report half B). SMOKE=1 runs the same pipeline
# for 3 steps a variant (on a CPU too), to check it before spending device time. The call takes about 6.5
# minutes of the session's 15 (plus 1 to 2 to start): if it fails early, fix and rerun with MINUTES=2.
set -euo pipefail
cd "$(dirname "$0")/.."

# files the product ships that training does not read (the model being replaced, other languages' labels)
HEAVY=(src/skillcluster/taxonomy/linking/model/encoder.onnx src/skillcluster/taxonomy/data/esco-i18n)
MARK="# linker_on_gpu.sh: out of the index while a device run travels"
PY=${PY:-python3}

travelling_bytes() {
    { git ls-files -z; git ls-files -z -o --exclude-standard; } | xargs -0 -r du -b 2>/dev/null | awk '{s += $1} END {print s}'
}

case "${1:-}" in
prepare)
    EXCLUDE=$(git rev-parse --git-path info/exclude)
    [ -d var/linker-base ] || .venv-train/bin/python tools/train_linker.py pack --out var/linker-base
    git rm -r -q --cached -- "${HEAVY[@]}"
    mkdir -p "$(dirname "$EXCLUDE")" && touch "$EXCLUDE"
    grep -qF "$MARK" "$EXCLUDE" || { echo "$MARK"; printf '/%s\n' "${HEAVY[@]}"; } >>"$EXCLUDE"
    tree=$(travelling_bytes)
    base=$(du -cb var/linker-base | tail -1 | cut -f1)
    echo "travels: $(((tree + base) / 1048576)) MiB (tree $((tree / 1048576)), var/linker-base $((base / 1048576))); limit 64"
    echo "the index lacks ${HEAVY[*]}: commit nothing before 'restore'"
    ;;
restore)
    EXCLUDE=$(git rev-parse --git-path info/exclude)
    git reset -q -- "${HEAVY[@]}"
    sed -i "/^$MARK\$/,+${#HEAVY[@]}d" "$EXCLUDE"
    git status --short
    ;;
remote)
    OUT=${OUT:-var/gpu-out}
    mkdir -p "$OUT" var/gpu
    export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=true
    steps=(); [ "${SMOKE:-}" ] && steps=(--max-steps 3)
    minutes=${MINUTES:-4.5}
    command -v nvidia-smi >/dev/null && nvidia-smi -L
    VARIANTS=(
        "e1-b128|--epochs 1 --batch 128"                     # the CPU recipe, taken to a whole epoch
        "e4-b128|--epochs 4 --batch 128"                     # four passes, pairs sampled afresh each pass
        "e4-b512|--epochs 4 --batch 512 --lr 6e-5"           # more in-batch negatives
        "e4-b512-s2|--epochs 4 --batch 512 --lr 6e-5 --seed 2"
    )
    for v in "${VARIANTS[@]}"; do
        name=${v%%|*}
        # shellcheck disable=SC2086  # the flags are words
        $PY tools/train_linker.py train --base var/linker-base --out "var/gpu/$name" --save-every 0 \
            --minutes "$minutes" --anneal-in-time ${v#*|} "${steps[@]}" >"var/gpu/$name.log" 2>&1 &
    done
    wait
    for v in "${VARIANTS[@]}"; do
        name=${v%%|*}
        log="var/gpu/$name.log"
        echo "== $name ($v): $(grep -E '^\{"(batches|stopped|done)"' "$log" | tr '\n' ' ') $(grep '^{"step"' "$log" | tail -n 1)"
        [ -d "var/gpu/$name/final" ] || tail -n 8 "$log"  # why it failed
    done | tee "$OUT/train.txt"
    $PY tools/train_linker.py evaluate var/gpu/*/final | tee "$OUT/figures.jsonl"
    best=$($PY -c 'import json, sys; rows = [json.loads(x) for x in open(sys.argv[1])]; print(max(rows, key=lambda r: r["pooled_a"])["checkpoint"])' "$OUT/figures.jsonl")
    echo "$best" | tee "$OUT/best.txt"
    $PY tools/train_linker.py pack --checkpoint "$best" --out var/gpu/best
    split -b 15M var/gpu/best/model.safetensors "$OUT/best.safetensors.part-"
    ls -l "$OUT"
    ;;
land)
    from=${2:?the run files directory}
    rm -rf var/linker-landed && mkdir -p var/linker-landed
    cp var/linker-base/config.json var/linker-base/tokenizer*.json var/linker-landed/
    cat "$from"/best.safetensors.part-* >var/linker-landed/model.safetensors
    cat "$from/train.txt" "$from/figures.jsonl" "$from/best.txt"
    .venv-train/bin/python tools/train_linker.py export --checkpoint var/linker-landed --fuse --int8 --out var/linker-candidate
    cp src/skillcluster/taxonomy/linking/model/calibration.json var/linker-candidate/
    .venv/bin/python bench/skill_linking.py --model var/linker-candidate
    ;;
*)
    sed -n '2,18p' "$0"
    exit 2
    ;;
esac
