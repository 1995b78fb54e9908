#!/usr/bin/env bash
# Held-out score of `nabla train --model mlp` with each solver on scikit-learn's bundled tables, over three split seeds:
# accuracy for the classification tables, R² for diabetes. Every other option is the default (one hidden layer of 32
# relu units, L2 1e-4, 200 epochs or iterations, early stopping on 10% of the training rows).
#
#   bench/solvers.sh [DIR]        (DIR: where the CSV files go; default data/sklearn)
#
# Needs Debian's /usr/bin/python3 with scikit-learn for the tables. Runs about 90 trainings, a minute or two on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-data/sklearn}
/usr/bin/python3 bench/peers/solver_datasets.py "$dir"
dotnet build -c Release -v q src/Nabla.Cli >/dev/null
nabla=(dotnet src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli.dll)

score() { # data seed options… → the test score and the iterations run
  "${nabla[@]}" train --data "$dir/$1.csv" --target target --seed "$2" --json --quiet "${@:3}" |
    /usr/bin/python3 -c 'import json,sys; o=json.load(sys.stdin); t=o["test"]; m="accuracy" if "accuracy" in t else "r2"; print("%.4f %d" % (t[m], len(o["history"])))'
}

printf '%-9s %-22s %s\n' data solver 'score per seed 0 1 2 (iterations) → mean'
for data in iris wine cancer digits diabetes; do
  for solver in "gd" "auto" "lbfgs --validation-fraction 0" "lm --loss mse" "rprop" "scg"; do
    [[ $data == diabetes && $solver == "lm --loss mse" ]] && solver="lm"
    if [[ $data == digits && $solver == lm* ]]; then
      printf '%-9s %-22s %s\n' "$data" "$solver" "n/a: 2,410 parameters, above Levenberg–Marquardt's limit of 2,000"
      continue
    fi
    line="" sum=0
    for seed in 0 1 2; do
      read -r s i < <(score "$data" "$seed" --solver $solver)
      line+="$s ($i)  "
      sum=$(/usr/bin/python3 -c "print($sum + $s)")
    done
    printf '%-9s %-22s %s→ %.4f\n' "$data" "$solver" "$line" "$(/usr/bin/python3 -c "print($sum / 3)")"
  done
done
