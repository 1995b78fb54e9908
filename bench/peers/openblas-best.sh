# Sourced by bench/compare.sh and bench/compare-gemm.sh: picks the OpenBLAS kernel the peers (numpy, PyTorch,
# scikit-learn) run fastest on this machine, so that every ratio is against the peer at its best.
#
# Debian's OpenBLAS 0.3.21 may not recognise a newer CPU under a hypervisor and then falls back to its Prescott (SSE3)
# kernel, several times slower. pick_openblas_coretype tries OpenBLAS's own choice (the variable unset) and then
# Cooperlake, SkylakeX, Haswell and Zen on a short 1024² float32 product, keeps the fastest, exports it (or leaves the
# variable unset when OpenBLAS's own choice won), and prints what it tried on stderr. A kernel the CPU cannot run (an
# AVX-512 one on an AVX2 machine) dies with an illegal instruction and is skipped.
#   OPENBLAS_BEST  the kernel chosen, as threadpoolctl names it (for the tables)
pick_openblas_coretype() {
  local best="" best_gflops=0 best_kernel="" line gflops kernel candidate tried=()
  for candidate in "" Cooperlake SkylakeX Haswell Zen; do
    if [ -z "$candidate" ]; then
      line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/sgemm_numpy.py --sizes 1024 --seconds 0.5 2>/dev/null | tail -n 1) || line=""
    else
      line=$(env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE="$candidate" /usr/bin/python3 bench/peers/sgemm_numpy.py --sizes 1024 --seconds 0.5 2>/dev/null | tail -n 1) || line=""
    fi
    gflops=$(grep -o 'gflops=[0-9.]*' <<<"$line" | cut -d= -f2)
    kernel=$(grep -o 'kernel=[^ ]*' <<<"$line" | cut -d= -f2)
    [ -n "$gflops" ] || { tried+=("${candidate:-unset}: failed"); continue; }
    tried+=("${candidate:-unset} ($kernel): $gflops GFLOP/s")
    if awk -v a="$gflops" -v b="$best_gflops" 'BEGIN { exit !(a > b) }'; then
      best=$candidate; best_gflops=$gflops; best_kernel=$kernel
    fi
  done
  [ "$best_gflops" != 0 ] || { echo "openblas: no kernel ran numpy's product; is python3-numpy installed?" >&2; return 1; }
  if [ -n "$best" ]; then export OPENBLAS_CORETYPE=$best; else unset OPENBLAS_CORETYPE; fi
  unset OPENBLAS_L2_SIZE
  OPENBLAS_BEST=$best_kernel
  export OPENBLAS_BEST
  printf 'openblas: tried %s; the peers run with %s\n' "$(IFS=';'; echo "${tried[*]}")" "${best:-OPENBLAS_CORETYPE unset} ($best_kernel)" >&2
}
