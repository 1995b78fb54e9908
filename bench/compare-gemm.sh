#!/usr/bin/env bash
# Nabla's matrix product against numpy/OpenBLAS in one interleaved run; prints a Markdown table of GFLOP/s.
#
#   bench/compare-gemm.sh [--sizes 256,512,1024,2048] [--rounds 5] [--seconds 1] [--type float|double] [--threads N] [--ta] [--tb]
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
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --type) type=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --ta|--tb) transpose+=("$1"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release bench/Nabla.Benchmarks --nologo -v q >/dev/null
dll=bench/Nabla.Benchmarks/bin/Release/net10.0/Nabla.Benchmarks.dll
log=$(mktemp)
trap 'rm -f "$log"' EXIT

source bench/peers/openblas-best.sh
pick_openblas_coretype

nabla() { dotnet "$dll" --gflops --sizes "$1" --seconds "$seconds" --type "$type" --threads "$threads" "${transpose[@]}" | tee -a "$log" >&2; }
numpy() {
  if [ "$threads" -gt 0 ]; then export OPENBLAS_NUM_THREADS=$threads; fi
  /usr/bin/python3 bench/peers/sgemm_numpy.py \
    --sizes "$1" --seconds "$seconds" --type "$type" "${transpose[@]}" | tee -a "$log" >&2
}

load_start=$(cut -d' ' -f1 /proc/loadavg)
for ((round = 1; round <= rounds; round++)); do
  for size in ${sizes//,/ }; do
    if ((round % 2)); then nabla "$size"; numpy "$size"; else numpy "$size"; nabla "$size"; fi
  done
done

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(grep -o -w -E 'avx2|avx512f|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
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
