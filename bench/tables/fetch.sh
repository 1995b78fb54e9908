#!/usr/bin/env bash
# Real tables as people download them, for bench/tables/compare.py: vega-datasets' penguins, cars, movies, countries and
# Seattle weather (from npm, converted from JSON to CSV as given, missing values left empty), and scikit-learn's bundled
# iris, wine, breast cancer and diabetes (written as CSV). Needs npm and Debian's python3-sklearn.
#   bench/tables/fetch.sh [DIR]      (default: bench/tables/data, not committed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/data}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent vega-datasets@3.2.1 >/dev/null && tar xzf vega-datasets-*.tgz)
/usr/bin/python3 - "$work/package/data" "$out" <<'PY'
import csv, json, sys
from pathlib import Path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
for name in ["penguins", "cars", "movies", "countries"]:
    rows = json.loads((src / f"{name}.json").read_text())
    keys = list(dict.fromkeys(k for r in rows for k in r))
    with open(out / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(keys)
        for r in rows:
            w.writerow(["" if r.get(k) is None else r.get(k) for k in keys])
(out / "seattle-weather.csv").write_bytes((src / "seattle-weather.csv").read_bytes())
from sklearn import datasets
for name, loader in [("iris", datasets.load_iris), ("wine", datasets.load_wine), ("breast-cancer", datasets.load_breast_cancer), ("diabetes", datasets.load_diabetes)]:
    d = loader()
    names = [str(n).replace(" ", "_") for n in d.feature_names]
    target = d.target_names[d.target] if hasattr(d, "target_names") and name != "diabetes" else d.target
    with open(out / f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(names + ["target"])
        for x, t in zip(d.data, target):
            w.writerow([repr(float(v)) for v in x] + [t])
print(f"wrote {len(list(out.glob('*.csv')))} tables to {out}")
PY
