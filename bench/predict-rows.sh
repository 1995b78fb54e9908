#!/usr/bin/env bash
# Prediction throughput of the MNIST benchmark network (784-256-128-10, float32) for 1, 64 and 10,000 rows per call:
# Nabla (`nabla bench predict --rows N`) beside PyTorch (eager, no_grad) and scikit-learn (predict_proba), each library
# on its faster thread setting (1 or 2) and the peers on the fastest OpenBLAS kernel. Prints a Markdown table of rows per second.
#
#   bench/predict-rows.sh [--rows 1,64,10000]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=1,64,10000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/Nabla.Cli --nologo -v q >/dev/null
source bench/peers/openblas-best.sh
pick_openblas_coretype
log=$(mktemp)
trap 'rm -f "$log"' EXIT
load_start=$(cut -d' ' -f1 /proc/loadavg)
for r in ${rows//,/ }; do
  for t in 1 2; do
    dotnet src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli.dll bench predict --rows "$r" --threads "$t" --json | python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); d["peer"]="Nabla"; print(json.dumps(d))' >> "$log"
    /usr/bin/python3 bench/peers/predict_peers.py --rows "$r" --threads "$t" >> "$log"
  done
done

python3 - "$log" "$rows" "$load_start" "$(cut -d' ' -f1 /proc/loadavg)" "$OPENBLAS_BEST" <<'PY'
import json, sys
path, rows, load_start, load_end, kernel = sys.argv[1:]
best = {}
for line in open(path):
    d = json.loads(line)
    key = (d["peer"], d["rows"])
    if key not in best or d["rows_per_second"] > best[key]["rows_per_second"]:
        best[key] = d
print(f"784-256-128-10 float32; peers on OpenBLAS kernel {kernel}; 1-minute load average {load_start} at the start, {load_end} at the end.\n")
print("| rows per call | Nabla rows/s (threads; µs per call) | PyTorch rows/s (threads) | scikit-learn rows/s (threads) | Nabla / PyTorch throughput |")
print("|---:|---:|---:|---:|---:|")
for r in (int(v) for v in rows.split(",")):
    n, t, s = best[("Nabla", r)], best[("pytorch", r)], best[("scikit-learn", r)]
    print(f"| {r:,} | {n['rows_per_second']:,.0f} ({n['threads']}; {n['microseconds_per_call']:.1f}) | {t['rows_per_second']:,.0f} ({t['threads']}) | "
          f"{s['rows_per_second']:,.0f} ({s['threads']}) | {n['rows_per_second'] / t['rows_per_second']:.2f}× |")
PY
