#!/bin/sh
# How `sempre show` and every export format grow with a session's size
# (issue 11): whole-process time of the release binary (hyperfine, mean
# of several runs) at 1,000, 10,000 and 100,000 notes at the examples'
# density, each as a ratio to the floor measured in the same run
# (`sempre check` of the same file: read and parse, nothing else), and
# the scaling exponent from each size to the next (log of the time ratio
# over log of the size ratio; 1.0 is linear).
# Build first with `cargo build --release`; needs hyperfine.
#
# Usage: benches/scale_cli.sh [SIZES...]   (default: 1000 10000 100000)
# SEMPRE_BIN picks another binary (default: target/release/sempre).
set -eu
here=$(dirname "$0")
bin=${SEMPRE_BIN:-$here/../target/release/sempre}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 1000 10000 100000
sizes="$*"
for n in $sizes; do
    file=$(python3 "$here/dense_session.py" "$work/store$n" "$n")
    id=$(basename "$file" .json)
    s="--store $work/store$n"
    hyperfine -N -w 2 -m 5 --export-json "$work/t$n.json" \
        -n check "$bin $s check $file" \
        -n show "$bin $s show $id" \
        -n md "$bin $s export $id --format md" \
        -n html "$bin $s export $id --format html" \
        -n csv "$bin $s export $id --format csv" \
        -n json "$bin $s export $id --format json" >/dev/null
done
python3 - "$work" $sizes <<'PY'
import json, math, sys
work, sizes = sys.argv[1], [int(n) for n in sys.argv[2:]]
runs = {n: {r["command"]: r["mean"] for r in json.load(open(f"{work}/t{n}.json"))["results"]} for n in sizes}
names = ["check", "show", "md", "html", "csv", "json"]
print(f"{'command':8}" + "".join(f"{n:>22}" for n in sizes) + "".join(f"{'exp ' + str(a) + '→' + str(b):>18}" for a, b in zip(sizes, sizes[1:])))
for name in names:
    cells = "".join(f"{runs[n][name] * 1000:10.1f} ms {runs[n][name] / runs[n]['check']:5.2f}× " for n in sizes)
    exps = "".join(f"{math.log(runs[b][name] / runs[a][name]) / math.log(b / a):18.2f}" for a, b in zip(sizes, sizes[1:]))
    print(f"{name:8}{cells}{exps}")
PY
