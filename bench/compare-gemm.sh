#!/usr/bin/env bash
# Nabla's matrix product against numpy/OpenBLAS in one interleaved run; prints a Markdown table of GFLOP/s.
#
#   bench/compare-gemm.sh [--sizes 256,512,1024,2048] [--rounds 5] [--seconds 1] [--type float|double] [--threads N] [--ta] [--tb]
#   bench/compare-gemm.sh --mnist 128,64 [--rounds 5] [--seconds 1] [--threads N]
#
# --mnist BATCHES: instead of square products, the eight products of one 784-256-128-10 training step (float32) for
# each batch size (128 is the benchmark's batch; 64 is each shard of the 2-thread data-parallel step), timed alone.
#
# Each round measures every size with both libraries back to back (alternating which goes first), each in a fresh
# process; the table keeps each library's best round. numpy runs under Debian's /usr/bin/python3 with the OpenBLAS
# kernel it runs fastest here (bench/peers/openblas-best.sh tries OpenBLAS's own choice and Cooperlake, SkylakeX,
# Haswell and Zen, and names the winner in the table). Needs python3-numpy and python3-threadpoolctl (apt-get install).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=256,512,1024,2048
rounds=5
seconds=1
type=float
threads=0
transpose=()
mnist=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --type) type=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --ta|--tb) transpose+=("$1"); shift ;;
    --mnist) mnist=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release bench/Nabla.Benchmarks --nologo -v q >/dev/null
dll=bench/Nabla.Benchmarks/bin/Release/net10.0/Nabla.Benchmarks.dll
log=$(mktemp)
trap 'rm -f "$log" "$log.shapes"' EXIT

source bench/peers/openblas-best.sh
pick_openblas_coretype

nabla() { dotnet "$dll" --gflops --sizes "$1" --seconds "$seconds" --type "$type" --threads "$threads" "${transpose[@]}" | tee -a "$log" >&2; }
numpy() {
  if [ "$threads" -gt 0 ]; then export OPENBLAS_NUM_THREADS=$threads; fi
  /usr/bin/python3 bench/peers/sgemm_numpy.py \
    --sizes "$1" --seconds "$seconds" --type "$type" "${transpose[@]}" | tee -a "$log" >&2
}

# interleave NABLA NUMPY LIST: every round runs both functions on each item of LIST, alternating which goes first.
interleave() {
  local round item
  for ((round = 1; round <= rounds; round++)); do
    for item in ${3//,/ }; do
      if ((round % 2)); then "$1" "$item"; "$2" "$item"; else "$2" "$item"; "$1" "$item"; fi
    done
  done
}
machine() { echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w -E 'avx2|avx512f|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"; }

load_start=$(cut -d' ' -f1 /proc/loadavg)
if [ -n "$mnist" ]; then
  nabla_mnist() { dotnet "$dll" --gflops --mnist --batch "$1" --seconds "$seconds" --threads "$threads" | sed "s/^/nabla $1 /" | tee -a "$log" >&2; }
  numpy_mnist() {
    if [ "$threads" -gt 0 ]; then export OPENBLAS_NUM_THREADS=$threads; fi
    dotnet "$dll" --gflops --mnist-shapes --batch "$1" > "$log.shapes"
    /usr/bin/python3 bench/peers/sgemm_numpy.py --shapes "$log.shapes" --batch "$1" --seconds "$seconds" | sed "s/^/numpy $1 /" | tee -a "$log" >&2
  }
  interleave nabla_mnist numpy_mnist "$mnist"
  machine
  echo "numpy: $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'), $(grep -m1 '^numpy.*kernel=' "$log" | grep -o 'kernel=[^ ]*' | cut -d= -f2) (OPENBLAS_CORETYPE ${OPENBLAS_CORETYPE:-unset}); threads: ${threads/#0/every core}"
  echo "Best of $rounds interleaved rounds, float32, each product alone; 1-minute load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
  echo
  echo "| batch | product | m×n×k | Nabla µs | numpy µs | Nabla GFLOP/s | numpy GFLOP/s | Nabla / numpy |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|"
  awk '$3 != "sum" {
    for (f = 3; f <= NF && $f !~ /^[0-9]+x[0-9]+x[0-9]+$/; f++) {}
    name = $3; for (i = 4; i < f; i++) name = name " " $i
    key = $2 SUBSEP name; us = $(f + 2) + 0; split($f, d, "x"); flops = 2 * d[1] * d[2] * d[3]
    if (!(key in order)) { order[key] = ++count; keys[count] = key; shape[key] = $f; batchOf[key] = $2; nameOf[key] = name }
    if ($1 == "nabla") { if (!(key in nb) || us < nb[key]) nb[key] = us } else { if (!(key in np) || us < np[key]) np[key] = us }
    fl[key] = flops
  } END {
    for (i = 1; i <= count; i++) {
      k = keys[i]; b = batchOf[k]; sn[b] += nb[k]; sp[b] += np[k]
      printf "| %s | %s | %s | %.1f | %.1f | %.0f | %.0f | %.0f%% |\n", b, nameOf[k], shape[k], nb[k], np[k], fl[k] / nb[k] / 1e3, fl[k] / np[k] / 1e3, 100 * np[k] / nb[k]
      if (i == count || batchOf[keys[i + 1]] != b) printf "| %s | **all eight** | | %.1f | %.1f | | | %.0f%% |\n", b, sn[b], sp[b], 100 * sp[b] / sn[b]
    }
  }' "$log"
  exit 0
fi
interleave nabla numpy "$sizes"

machine
echo "Nabla: .NET $(dotnet --version), $(grep -m1 -o 'kernel=[^ ]*' "$log" | head -1 | cut -d= -f2) kernel, $(grep -m1 '^nabla' "$log" | grep -o 'threads=[0-9]*')"
echo "numpy: $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'), $(grep -m1 '^numpy' "$log" | grep -o 'kernel=[^ ]*' | cut -d= -f2) (OPENBLAS_CORETYPE ${OPENBLAS_CORETYPE:-unset}: the fastest kernel of those tried), $(grep -m1 '^numpy' "$log" | grep -o 'threads=[0-9?]*')"
echo "Best of $rounds interleaved rounds, $type, C = $([[ " ${transpose[*]} " == *" --ta "* ]] && echo "Aᵀ" || echo A)·$([[ " ${transpose[*]} " == *" --tb "* ]] && echo "Bᵀ" || echo B), square; 1-minute load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
echo
echo "| n | Nabla GFLOP/s | numpy GFLOP/s | Nabla / numpy |"
echo "|---:|---:|---:|---:|"
awk '{
  split($5, g, "="); key = $3;
  if ($1 == "nabla") { if (g[2] > nb[key]) nb[key] = g[2] } else { if (g[2] > np[key]) np[key] = g[2] }
  seen[key] = 1
} END {
  n = split("'"$sizes"'", order, ",");
  for (i = 1; i <= n; i++) { s = order[i]; printf "| %d | %.1f | %.1f | %.0f%% |\n", s, nb[s], np[s], 100 * nb[s] / np[s] }
}' "$log"
