#!/usr/bin/env bash
# Start-up of the installed nabla tool (docs/performance.md, "Start-up"): for `nabla --version`, `nabla train` on 300 rows
# and `nabla predict` on 1,000 rows, the median over ROUNDS runs of the wall and CPU time and peak memory (/usr/bin/time),
# and, in separate runs, what the JIT compiled (bench/startup/JitStats, a startup hook).
# Usage: bench/startup.sh NABLA [ROUNDS]    NABLA: the nabla executable of an installed tool, e.g. ~/.dotnet/tools/nabla
set -euo pipefail
nabla=$(realpath "${1:?usage: bench/startup.sh NABLA [ROUNDS]}")
rounds=${2:-7}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/nabla-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build "$here/startup/JitStats/JitStats.csproj" -c Release -o "$work/hook" -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
cd "$work"
"$nabla" generate moons --samples 300 --seed 1 --output train.csv > /dev/null
"$nabla" generate moons --samples 1000 --seed 2 --output predict.csv > /dev/null
"$nabla" train --data train.csv --save model.json > /dev/null 2>&1

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() { # name, arguments...
    local name=$1; shift
    : > times.txt; : > jit.txt
    for _ in $(seq 1 "$rounds"); do
        /usr/bin/time -f '%e %U %S %M' -o time.txt "$nabla" "$@" > /dev/null 2>&1
        cat time.txt >> times.txt
        DOTNET_STARTUP_HOOKS="$work/hook/JitStats.dll" "$nabla" "$@" 2>&1 > /dev/null | grep '^jit:' >> jit.txt
    done
    printf '%-8s wall %s s, cpu %s s, peak %s MB; jit: %s methods, %s ms, of %s ms from start-up hook to exit\n' "$name" \
        "$(awk '{ print $1 }' times.txt | median)" "$(awk '{ print $2 + $3 }' times.txt | median)" \
        "$(awk '{ print int($4 / 1024) }' times.txt | median)" "$(awk '{ print $3 }' jit.txt | median)" \
        "$(awk '{ print $7 }' jit.txt | median)" "$(awk '{ print $9 }' jit.txt | median)"
}
echo "$nabla, $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure version --version
measure train train --data train.csv --save trained.json
measure predict predict --model model.json --data predict.csv --output predictions.csv
