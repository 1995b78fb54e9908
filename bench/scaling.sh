#!/usr/bin/env bash
# How the cost of an MNIST training epoch grows with the work, Nabla beside PyTorch: two hidden layers of width
# 64, 256, 1024 and 4096 (784-W-W-10) and mini-batches of 32, 128 and 512 rows, float32, the benchmark's other settings
# (ReLU, softmax + cross-entropy, SGD with momentum 0.9, learning rate 0.05); then the float64 path of the benchmark network.
# Prints a Markdown table of seconds per epoch (the median of each run's epochs after the first, which pays one-time
# costs: 5 epochs up to width 256, whose epochs vary most, 3 at 1024, and 4096-wide runs have only one), each library on
# its faster thread setting: Nabla's 1 thread is tried up to width 256 (beyond, 2 threads win), PyTorch's 2 threads from
# width 1024 up (below, they are several times slower than 1 on this 2-core machine). The peers run on their fastest
# OpenBLAS kernel. The whole table takes about 12 minutes here, most of it at width 4096.
#
#   bench/scaling.sh --data DIR [--widths 64,256,1024,4096] [--batches 32,128,512]
set -euo pipefail
cd "$(dirname "$0")/.."

data=""
widths=64,256,1024,4096
batches=32,128,512
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --widths) widths=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$data" ] || { echo "usage: bench/scaling.sh --data DIR [--widths W,…] [--batches B,…]" >&2; exit 2; }

dotnet build -c Release src/Nabla.Cli --nologo -v q >/dev/null
source bench/peers/openblas-best.sh
pick_openblas_coretype
# The last epoch's seconds and the test accuracy, from one JSON object (Nabla's, indented) or a JSON line (the peer's).
last() { python3 -c 'import json,statistics,sys; d=json.loads(sys.stdin.read()); e=d["epoch_seconds"]; print("%.3f %.4f" % (statistics.median(e[1:] or e), d["test_accuracy"]))'; }
nabla() { dotnet src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli.dll bench mnist --data "$data" --json "$@" 2>/dev/null | last; }
torch() { /usr/bin/python3 bench/peers/mnist_torch.py --data "$data" "$@" 2>/dev/null | last; }

load_start=$(cut -d' ' -f1 /proc/loadavg)
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') on OpenBLAS kernel $OPENBLAS_BEST."
echo
echo "| network | batch | Nabla s/epoch (best: threads) | PyTorch s/epoch (best: threads) | Nabla / PyTorch | Nabla GFLOP/s |"
echo "|---|---:|---:|---:|---:|---:|"
for w in ${widths//,/ }; do
  epochs=$( ((w >= 4096)) && echo 1 || { ((w >= 1024)) && echo 3 || echo 5; } )
  # FLOP of an epoch: forward 2·(each layer's weights), weight gradients the same, input gradients for layers 2 and 3.
  flops=$(( 60000 * (6 * (w * w + w * 10) + 4 * 784 * w) ))
  for b in ${batches//,/ }; do
    read -r n_s n_acc < <(nabla --hidden "$w,$w" --batch-size "$b" --epochs "$epochs" --threads 2)
    n_threads=2
    if [ "$w" -le 256 ]; then
      # Small networks: one thread may beat the data-parallel step, whose sharing costs more than these products.
      read -r n1_s _ < <(nabla --hidden "$w,$w" --batch-size "$b" --epochs "$epochs" --threads 1)
      if awk -v a="$n1_s" -v b="$n_s" 'BEGIN { exit !(a < b) }'; then n_s=$n1_s; n_threads=1; fi
    fi
    read -r t1_s _ < <(torch --hidden "$w,$w" --batch-size "$b" --epochs "$epochs" --threads 1)
    t_s=$t1_s; t_threads=1
    if [ "$w" -ge 1024 ]; then
      read -r t2_s _ < <(torch --hidden "$w,$w" --batch-size "$b" --epochs "$epochs" --threads 2)
      if awk -v a="$t2_s" -v b="$t1_s" 'BEGIN { exit !(a < b) }'; then t_s=$t2_s; t_threads=2; fi
    fi
    awk -v w="$w" -v b="$b" -v n="$n_s" -v nt="$n_threads" -v t="$t_s" -v tt="$t_threads" -v f="$flops" \
      'BEGIN { printf "| 784-%d-%d-10 | %d | %.3f (%d) | %.3f (%d) | %.2f | %.0f |\n", w, w, b, n, nt, t, tt, n / t, f / n / 1e9 }'
  done
done
read -r n64 _ < <(nabla --precision float64 --epochs 5 --threads 2)
read -r t64 _ < <(torch --precision float64 --epochs 5 --threads 1)
awk -v n="$n64" -v t="$t64" 'BEGIN { printf "| 784-256-128-10, float64 | 128 | %.3f (2) | %.3f (1) | %.2f | %.0f |\n", n, t, n / t, 60000 * (4*784*256 + 6*(256*128 + 128*10)) / n / 1e9 }'
echo
echo "1-minute load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
