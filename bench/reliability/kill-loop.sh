#!/usr/bin/env bash
# kill -9 loop: does an interrupted save ever leave a damaged or missing file?
#
#   bench/reliability/kill-loop.sh [--iterations N] [--seconds-per-kill S] [--seed K] [--rows R] [--epochs E]
#
# Builds the CLI once (Release) into a temporary folder, generates a moons CSV of R rows (default 200,000), then N times
# (default 100) starts, in turn, `nabla train --data D --save M --epochs E --quiet` and `nabla predict --model M --data D
# --output O`, and kills it with SIGKILL after a random delay of 0 to S seconds (default 2; the delays are drawn from a
# generator seeded with K, default 1: half uniform up to 1.25 times the command's measured run time T, half uniform in
# [0.85 T, 1.1 T], where it writes its file; never more than S). After each kill (or completion) it checks the destination: it must be absent (only
# while nothing was ever written there), or a complete file: a model that loads (`nabla inspect --model M --json` exits 0), or
# predictions with the header and one row per input row. After each successful save it counts the temporaries
# (.NAME.nabla-tmp-PID-GUID) of that destination still there: every writer before it is dead, so each one is stale.
# Prints the tallies and `iterations: N, corrupt: C, missing-when-it-should-exist: X, stale temporaries: T`; exits 1 if C or
# X > 0 (or if a run that was not killed failed), 2 on bad usage. A damaged file is kept as $TMPDIR/nabla-kill-loop-corrupt-*.
set -euo pipefail
cd "$(dirname "$0")/../.."

iterations=100
seconds=2
seed=1
rows=200000
epochs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) iterations=$2; shift 2 ;;
    --seconds-per-kill) seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "kill-loop: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$iterations" "$rows" "$epochs" "$seed"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "kill-loop: not a whole number: $v" >&2; exit 2; }
done
[[ "$seconds" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "kill-loop: --seconds-per-kill takes a number of seconds: $seconds" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nabla-kill-loop.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "building the CLI (Release) into $work/cli ..." >&2
dotnet build -c Release src/Nabla.Cli --nologo -v q -o "$work/cli" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
if [ -x "$work/cli/Nabla.Cli" ]; then nabla=("$work/cli/Nabla.Cli"); else nabla=(dotnet "$work/cli/Nabla.Cli.dll"); fi

D="$work/data.csv" M="$work/model.json" O="$work/predictions.csv"
"${nabla[@]}" generate moons --samples "$rows" --seed 3 --output "$D" >/dev/null
input_lines=$(wc -l <"$D")
header="$(head -n 1 "$D"),prediction"

# How long each command takes when left alone (to destinations of their own), to time its delays.
seconds_of() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'; }
train_seconds=$(seconds_of "${nabla[@]}" train --data "$D" --save "$work/calibration.json" --epochs "$epochs" --quiet)
predict_seconds=$(seconds_of "${nabla[@]}" predict --model "$work/calibration.json" --data "$D" --output "$work/calibration.csv")
rm -f "$work/calibration.json" "$work/calibration.csv"

# The delays, from an awk generator seeded with K so that a run can be repeated: a fraction f in [0, 1) and whether to aim
# at the end of the run (the last ~5% of a predict's time is spent writing its file).
mapfile -t fractions < <(awk -v n="$iterations" -v k="$seed" 'BEGIN { srand(k); for (i = 0; i < n; i++) printf "%.6f %d\n", rand(), rand() < 0.5 }')
delay_of() { # fraction, aim-at-the-end, measured seconds
  awk -v f="$1" -v tail="$2" -v t="$3" -v s="$seconds" 'BEGIN { d = tail ? t * (0.85 + 0.25 * f) : f * 1.25 * t; printf "%.3f", d < s ? d : s * f }'
}

corrupt=0 missing=0 stale=0 failed=0 killed=0 completed=0 left_by_kills=0
model_seen=0 predictions_seen=0
declare -A outcome=()

model_ok() { "${nabla[@]}" inspect --model "$M" --json >/dev/null 2>&1; }
predictions_ok() {
  [ "$(head -n 1 "$O")" = "$header" ] && [ "$(wc -l <"$O")" -eq "$input_lines" ] && [ "$(tail -c 1 "$O" | od -An -c | tr -d ' ')" = '\n' ]
}
temporaries() { find "$work" -maxdepth 1 -name ".$(basename "$1").nabla-tmp-*" | wc -l; }

for ((i = 0; i < iterations; i++)); do
  if ((i % 2 == 1)) && [ -e "$M" ]; then what=predict dest=$O; else what=train dest=$M; fi
  before=$( [ -e "$dest" ] && sha256sum <"$dest" | cut -d' ' -f1 || echo absent)
  if [ "$what" = train ]; then
    "${nabla[@]}" train --data "$D" --save "$M" --epochs "$epochs" --seed "$i" --quiet >/dev/null 2>"$work/err" &
  else
    "${nabla[@]}" predict --model "$M" --data "$D" --output "$O" >/dev/null 2>"$work/err" &
  fi
  pid=$!
  if [ "$what" = train ]; then took=$train_seconds; else took=$predict_seconds; fi
  sleep "$(delay_of ${fractions[$i]} "$took")"
  kill -9 "$pid" 2>/dev/null || true
  status=0
  { wait "$pid"; } 2>/dev/null || status=$?
  if ((status == 137)); then
    killed=$((killed + 1))
  elif ((status == 0)); then
    completed=$((completed + 1))
  else
    failed=$((failed + 1))
    echo "iteration $i: $what failed by itself (exit $status): $(head -c 500 "$work/err")" >&2
  fi

  # The destination: absent only while nothing was ever there; otherwise complete (the old file or a new one).
  if [ "$what" = train ]; then seen=$model_seen; else seen=$predictions_seen; fi
  if [ ! -e "$dest" ]; then
    if ((seen)) || ((status == 0)); then
      missing=$((missing + 1)); state=missing
      echo "iteration $i: $what: $dest is missing (exit $status)" >&2
    else
      state=absent
    fi
  else
    if [ "$what" = train ]; then model_ok && ok=1 || ok=0; model_seen=1; else predictions_ok && ok=1 || ok=0; predictions_seen=1; fi
    after=$(sha256sum <"$dest" | cut -d' ' -f1)
    if ((ok == 0)); then
      corrupt=$((corrupt + 1)); state=corrupt
      cp "$dest" "$work/../nabla-kill-loop-corrupt-$i-$(basename "$dest")" 2>/dev/null || true
      echo "iteration $i: $what: $dest is not a complete file (exit $status)" >&2
    elif [ "$after" = "$before" ]; then state=unchanged
    else state=changed
    fi
  fi
  key="$what/$( ((status == 137)) && echo killed || echo ran)/$state"
  outcome[$key]=$(( ${outcome[$key]:-0} + 1 ))

  # Temporaries: a kill may leave one; the next successful save of the same destination must remove them all.
  left=$(temporaries "$dest")
  if ((status == 0)); then
    stale=$((stale + left))
    ((left == 0)) || echo "iteration $i: $what: $left stale temporaries of $(basename "$dest") after a successful save" >&2
  elif ((status == 137)); then
    left_by_kills=$((left_by_kills + left))
  fi
done

# A last successful save of each destination, so that temporaries left by the final kills are counted too.
"${nabla[@]}" train --data "$D" --save "$M" --epochs 1 --quiet >/dev/null 2>&1 || { echo "final train failed" >&2; failed=$((failed + 1)); }
"${nabla[@]}" predict --model "$M" --data "$D" --output "$O" >/dev/null 2>&1 || { echo "final predict failed" >&2; failed=$((failed + 1)); }
final_left=$(( $(temporaries "$M") + $(temporaries "$O") ))
stale=$((stale + final_left))

echo "$rows rows, train --epochs $epochs: train takes ${train_seconds:0:5} s, predict ${predict_seconds:0:5} s alone; delays up to 1.25 times that, half of them aimed at the write (at most $seconds s, seed $seed)"
echo "killed: $killed, completed before the kill: $completed, failed by themselves: $failed"
echo "temporaries seen after kills (before the next save of the same file): $left_by_kills"
for key in $(printf '%s\n' "${!outcome[@]}" | sort); do echo "  $key: ${outcome[$key]}"; done
echo "iterations: $iterations, corrupt: $corrupt, missing-when-it-should-exist: $missing, stale temporaries: $stale"
((corrupt == 0 && missing == 0 && failed == 0))
