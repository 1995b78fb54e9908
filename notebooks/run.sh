#!/usr/bin/env bash
# Runs the notebooks top to bottom, headless, and saves their outputs into the .ipynb files (docs/notebooks.md).
#
#   notebooks/run.sh                      every notebook in this folder, outputs saved
#   notebooks/run.sh --check              the same, outputs not saved (a check that leaves the files alone)
#   notebooks/run.sh backpropagation.ipynb   one notebook
#
# 1. Packs Nabla, Nabla.IO, Nabla.Plotting and Nabla.Interactive (Release) into notebooks/.packages as version
#    0.0.0-notebooks: the notebooks load them with #r "nuget: Nabla.Interactive, 0.0.0-notebooks", exactly as a user
#    loads a package, so NuGet brings ScottPlot and SkiaSharp's native library and the package's extension script
#    registers the formatters. The folder reaches NuGet as RestoreAdditionalProjectSources (an environment variable).
# 2. Installs dotnet-repl 0.3.259 from the tool manifest notebooks/.config/dotnet-tools.json (NuGet only).
# 3. Runs each notebook with `dotnet-repl --run … --exit-after-run --output-path …` in this folder.
# Exits 1 when a build fails or any cell of any notebook raises an error; a failed notebook's outputs are kept in
# notebooks/.failed/ and the committed notebook is left as it was.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
version=0.0.0-notebooks
packages="$here/.packages"
save=1
notebooks=()
for arg in "$@"; do
    case "$arg" in
        --check) save=0 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *.ipynb) notebooks+=("$(basename "$arg")") ;;
        *) echo "run.sh: unknown argument '$arg'; give --check or notebook names (see --help)" >&2; exit 2 ;;
    esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
    notebooks=(backpropagation.ipynb bayes-vs-perceptron.ipynb penguins.ipynb)
fi
for notebook in "${notebooks[@]}"; do
    if [ ! -f "$here/$notebook" ]; then
        echo "run.sh: there is no notebook $here/$notebook" >&2
        exit 2
    fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

began=$(date +%s)
rm -rf "$packages"
mkdir -p "$packages"
# One Release build of the four libraries, then packs that only zip it.
for project in Nabla.Interactive Nabla.IO; do
    if ! log=$(dotnet build "$root/src/$project" -c Release -p:Version=$version 2>&1); then
        echo "$log" >&2
        echo "run.sh: building $project failed" >&2
        exit 1
    fi
done
for project in Nabla Nabla.IO Nabla.Plotting Nabla.Interactive; do
    if ! log=$(dotnet pack "$root/src/$project" -c Release --no-build -o "$packages" -p:Version=$version 2>&1); then
        echo "$log" >&2
        echo "run.sh: packing $project failed" >&2
        exit 1
    fi
done

echo "built and packed the libraries ($(( $(date +%s) - began )) s)"

# NuGet extracts each package version once into its global folder; drop the last run's copies so this build is loaded.
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
for id in nabla nabla.io nabla.plotting nabla.interactive; do
    rm -rf "${cache%/}/$id/$version"
done

cd "$here"
dotnet tool restore >/dev/null
# The notebooks' #r "nuget: …" restores read this MSBuild property from the environment: the packed folder is one more
# package source, with no NuGet.config to edit and no machine-specific path in the notebooks.
export RestoreAdditionalProjectSources="$packages"

failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for notebook in "${notebooks[@]}"; do
    output="$scratch/$notebook"
    start=$(date +%s)
    status=0
    dotnet tool run dotnet-repl --run "$notebook" --exit-after-run --output-path "$output" >"$output.log" 2>&1 || status=$?
    seconds=$(( $(date +%s) - start ))
    # dotnet-repl exits non-zero when a cell fails; the saved outputs are checked as well, in case it did not.
    if [ "$status" -ne 0 ] || [ ! -s "$output" ] || grep -q '"output_type": "error"' "$output"; then
        mkdir -p "$here/.failed"
        [ -s "$output" ] && cp "$output" "$here/.failed/$notebook"
        echo "FAILED $notebook (exit $status, ${seconds} s); outputs in notebooks/.failed/$notebook" >&2
        grep -A2 '"ename"' "$output" 2>/dev/null | head -20 >&2 || tail -20 "$output.log" >&2
        failed=1
        continue
    fi
    # The notebooks never call NablaFormatters.Register: a cell value shown by Nabla's own HTML proves the package's
    # extension script ran when #r "nuget: Nabla.Interactive" loaded it.
    if ! grep -q 'class=\\"nabla-\(model\|trace\|history\|report\)\\"' "$output"; then
        echo "FAILED $notebook: no cell value was formatted by Nabla.Interactive (its extension script did not run?)" >&2
        failed=1
        continue
    fi
    echo "ok     $notebook (${seconds} s)"
    if [ "$save" -eq 1 ]; then
        # The run's clock times and the package restore's progress frames (their number depends on how long NuGet took)
        # would make every run a diff; the outputs alone are kept. Without python3 only the clock times go.
        if command -v python3 >/dev/null 2>&1; then
            python3 - "$output" "$here/$notebook" <<'PY'
import json, sys
notebook = json.load(open(sys.argv[1], encoding="utf-8"))
for cell in notebook["cells"]:
    for key in ("dotnet_repl_cellExecutionStartTime", "dotnet_repl_cellExecutionEndTime"):
        cell.get("metadata", {}).pop(key, None)
    if "outputs" in cell:
        cell["outputs"] = [o for o in cell["outputs"] if "<strong>Installing Packages</strong>" not in "".join(o.get("data", {}).get("text/html", []))]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(notebook, f, indent=1, ensure_ascii=False)
    f.write("\n")
PY
        else
            grep -v '"dotnet_repl_cellExecution\(Start\|End\)Time"' "$output" >"$here/$notebook"
        fi
    fi
done
echo "total $(( $(date +%s) - began )) s"
exit "$failed"
