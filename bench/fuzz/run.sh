#!/usr/bin/env bash
# Coverage-guided fuzzing of the CSV reader (with the preprocessing) or the model loader, with SharpFuzz and AFL++.
#   bench/fuzz/run.sh csv|model [--seconds N]      (default 60 s; needs afl++: apt-get install afl++)
# Builds the harness, instruments Nabla.dll and Nabla.IO.dll, fuzzes from the seed corpus in corpus/TARGET, and prints
# the inputs tried and the crashes found (an exception other than the documented bad-input ones). Findings go to
# bench/fuzz/findings/TARGET (not committed).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-}
seconds=60
shift || true
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: run.sh csv|model [--seconds N]" >&2; exit 2 ;;
  esac
done
[[ $target == csv || $target == model ]] || { echo "usage: run.sh csv|model [--seconds N]" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 1; }

tools=$PWD/.tools
[[ -x $tools/sharpfuzz ]] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine >/dev/null
out=$PWD/out
rm -rf "$out"
dotnet publish Nabla.Fuzz -c Release -o "$out" --nologo -v quiet >/dev/null
"$tools/sharpfuzz" "$out/Nabla.dll" >/dev/null
"$tools/sharpfuzz" "$out/Nabla.IO.dll" >/dev/null

findings=$PWD/findings/$target
rm -rf "$findings"
mkdir -p "$(dirname "$findings")"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
afl-fuzz -i "corpus/$target" -o "$findings" -V "$seconds" -t 10000 -m none -- "$out/Nabla.Fuzz" "$target" >"$findings.log" 2>&1 || true
stats=$findings/default/fuzzer_stats
[[ -f $stats ]] || { echo "afl-fuzz did not start; see $findings.log" >&2; tail -20 "$findings.log" >&2; exit 1; }
execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
crashes=$(awk -F' *: *' '$1=="saved_crashes"{print $2}' "$stats")
echo "target: $target, seconds: $seconds, inputs tried: $execs, crashes: $crashes"
[[ ${crashes:-0} == 0 ]]
