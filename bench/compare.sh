#!/usr/bin/env bash
# Nabla against PyTorch, scikit-learn and numpy/OpenBLAS in one interleaved run; prints Markdown tables of medians and ratios.
#
#   bench/compare.sh --data DIR [--epochs 3] [--rounds 2]
#
# DIR holds the four MNIST IDX files (nabla datasets mnist --dir DIR). One-time set-up of the peers (Debian's python3):
#   apt-get install -y python3-torch python3-sklearn python3-threadpoolctl libopenblas0-pthread
# The MNIST network is the same everywhere: 784-256-128-10, ReLU, softmax + cross-entropy, SGD with momentum 0.9,
# learning rate 0.05, batch 128, shuffled, float32. Each round runs every configuration once, in alternating order, each in
# a fresh process; the tables keep the median over all epochs of all rounds but the first of each run (one-time costs),
# and compare each library's faster thread setting. The matrix product alone: bench/compare-gemm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

data=""
epochs=3
rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$data" ] || { echo "usage: bench/compare.sh --data DIR [--epochs N] [--rounds N]" >&2; exit 2; }

dotnet build -c Release src/Nabla.Cli --nologo -v q >/dev/null
nabla() { dotnet src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli.dll "$@"; }
# The peers at their best OpenBLAS kernel (bench/peers/openblas-best.sh), exported for every peer run below.
source bench/peers/openblas-best.sh
pick_openblas_coretype
py() { /usr/bin/python3 "$@"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
record() { local name=$1; shift; local out; out=$("$@" 2>/dev/null | tail -n 1); echo "$name $out" | tee -a "$log" >&2; }

load_start=$(cut -d' ' -f1 /proc/loadavg)
runs=(
  "nabla-2 nabla bench mnist --data $data --epochs $epochs --threads 2 --json"
  "nabla-1 nabla bench mnist --data $data --epochs $epochs --threads 1 --json"
  "pytorch-1 py bench/peers/mnist_torch.py --data $data --epochs $epochs --threads 1"
  "pytorch-2 py bench/peers/mnist_torch.py --data $data --epochs $epochs --threads 2"
  "sklearn-1 py bench/peers/mnist_sklearn.py --data $data --epochs $epochs --threads 1"
  "sklearn-2 py bench/peers/mnist_sklearn.py --data $data --epochs $epochs --threads 2"
)
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then order=("${runs[@]}"); else order=(); for ((i = ${#runs[@]} - 1; i >= 0; i--)); do order+=("${runs[i]}"); done; fi
  for run in "${order[@]}"; do
    # Compact each run's JSON onto one line.
    name=${run%% *}; cmd=${run#* }
    out=$(eval "$cmd" 2>/dev/null | python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read())))')
    echo "$name $out" | tee -a "$log" >&2
  done
  out=$(nabla bench predict --json | python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read())))'); echo "predict-nabla $out" | tee -a "$log" >&2
  py bench/peers/predict_peers.py --calls 20000 | sed 's/^/predict-peer /' | tee -a "$log" >&2
  out=$(nabla bench gemm --size 1024 --json | python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read())))'); echo "gemm-nabla $out" | tee -a "$log" >&2
  py bench/peers/sgemm_numpy.py --sizes 1024 --seconds 1 | sed 's/^/gemm-numpy /' | tee -a "$log" >&2
done
load_end=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$log" "$epochs" "$rounds" "$load_start" "$load_end" <<'PY'
import json, statistics, sys, subprocess
path, epochs, rounds, load_start, load_end = sys.argv[1:]
runs, predict, gemm, allocated = {}, {}, {}, []
for line in open(path):
    name, _, rest = line.strip().partition(" ")
    if name == "gemm-numpy":
        gemm.setdefault("numpy", []).append(float(rest.split("gflops=")[1].split()[0]))
        continue
    d = json.loads(rest)
    if name == "gemm-nabla":
        gemm.setdefault("nabla", []).append(d["gflops"])
    elif name == "predict-nabla":
        predict.setdefault("Nabla", []).append(d["microseconds_per_sample"])
        allocated.append(d["bytes_allocated_per_call"])
    elif name == "predict-peer":
        predict.setdefault({"pytorch": "PyTorch", "scikit-learn": "scikit-learn"}[d["peer"]], []).append(d["microseconds_per_sample"])
    else:
        r = runs.setdefault(name, {"epochs": [], "accuracy": []})
        # The first epoch of each process pays one-time costs (JIT compilation, first touch of every buffer, thread
        # start-up) in every library; it is left out whenever the run has later epochs.
        seconds = d["epoch_seconds"]
        r["epochs"] += seconds[1:] if len(seconds) > 1 else seconds
        r["accuracy"].append(d["test_accuracy"])

cpu = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p'"], capture_output=True, text=True).stdout.strip()
import os
kernel = os.environ.get("OPENBLAS_CORETYPE", "unset")
print(f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores; the peers' OpenBLAS kernel: "
      f"{os.environ.get('OPENBLAS_BEST', '?')} (OPENBLAS_CORETYPE {kernel}, the fastest of those bench/peers/openblas-best.sh tried). "
      f"{rounds} interleaved rounds of {epochs} epochs; 1-minute load average {load_start} at the start, {load_end} at the end.\n")
label = {"nabla-2": "Nabla, 2 threads", "nabla-1": "Nabla, 1 thread", "pytorch-1": "PyTorch 1.13, 1 thread", "pytorch-2": "PyTorch 1.13, 2 threads",
         "sklearn-1": "scikit-learn 1.2, 1 thread", "sklearn-2": "scikit-learn 1.2, 2 threads"}
median = {k: statistics.median(v["epochs"]) for k, v in runs.items()}
flops = 60000 * (2 * 2 * (784 * 256 + 256 * 128 + 128 * 10) + 2 * (256 * 128 + 128 * 10))
numpy_gflops = max(gemm.get("numpy", [0])) or float("nan")
nabla_gflops = max(gemm.get("nabla", [0])) or float("nan")
bound = flops / (numpy_gflops * 1e9)
def best(library):
    """The faster thread setting of a library: (its key, its median)."""
    keys = [k for k in (f"{library}-1", f"{library}-2") if k in median]
    key = min(keys, key=lambda k: median[k])
    return key, median[key]

nabla_key, nabla_best = best("nabla")
torch_key, best_torch = best("pytorch")
print(f"| MNIST epoch (first epoch of each run left out) | median seconds | test accuracy | Nabla's best ({label[nabla_key]}) / this |")
print("|---|---:|---:|---:|")
for k in ["nabla-2", "nabla-1", "pytorch-1", "pytorch-2", "sklearn-1", "sklearn-2"]:
    if k in median:
        print(f"| {label[k]} | {median[k]:.3f} | {statistics.median(runs[k]['accuracy']):.4f} | {nabla_best / median[k]:.2f} |")
print(f"| arithmetic bound: {flops / 1e9:.1f} GFLOP at numpy's {numpy_gflops:.0f} GFLOP/s | {bound:.3f} | | {nabla_best / bound:.2f} |")
print()
print(f"Nabla's best epoch ({label[nabla_key]}) is {nabla_best / best_torch:.2f}× PyTorch's best ({label[torch_key]}) "
      f"and {nabla_best / bound:.2f}× the arithmetic bound.\n")
print("| single-sample predict | median µs |")
print("|---|---:|")
for k in ["Nabla", "PyTorch", "scikit-learn"]:
    if k in predict:
        print(f"| {k} | {statistics.median(predict[k]):.1f} |")
print()
print(f"| float32 1024×1024 product | best GFLOP/s |\n|---|---:|\n| Nabla | {nabla_gflops:.0f} |\n| numpy/OpenBLAS | {numpy_gflops:.0f} |")
print()
# The targets of issue 15 ("Speed, second round"), each against this run's own figures.
def verdict(ok):
    return "met" if ok else "missed"
nabla_predict = statistics.median(predict["Nabla"]) if "Nabla" in predict else float("nan")
amd = "AMD" in cpu or "EPYC" in cpu
predict_target = 9.7 if amd else 6.0
print("| target (issue 15) | measured in this run | |")
print("|---|---|---|")
print(f"| MNIST epoch at most 0.35× PyTorch's best thread setting | {nabla_best / best_torch:.2f}× ({nabla_best:.3f} s against {best_torch:.3f} s) | "
      f"{verdict(nabla_best <= 0.35 * best_torch)}{'; 0.35× PyTorch is below the arithmetic bound here' if 0.35 * best_torch < bound else ''} |")
print(f"| MNIST epoch within 1.4× the arithmetic bound | {nabla_best / bound:.2f}× ({bound:.3f} s at numpy's {numpy_gflops:.0f} GFLOP/s) | {verdict(nabla_best <= 1.4 * bound)} |")
print(f"| single-sample predict at most {predict_target} µs ({'AMD' if amd else 'Intel'}), 0 bytes allocated | {nabla_predict:.1f} µs, "
      f"{max(allocated) if allocated else float('nan'):.0f} bytes | {verdict(nabla_predict <= predict_target and allocated and max(allocated) == 0)} |")
print(f"| 1024² product at least OpenBLAS's best kernel | {100 * nabla_gflops / numpy_gflops:.0f} % ({nabla_gflops:.0f} against {numpy_gflops:.0f} GFLOP/s) | "
      f"{verdict(nabla_gflops >= numpy_gflops)} |")
print("| small batches (1–64 rows) at least 3× PyTorch's throughput | bench/predict-rows.sh | |")
print("| every product size and the MNIST step's eight products | bench/compare-gemm.sh, bench/compare-gemm.sh --mnist 128 | |")
PY
