#!/usr/bin/env bash
# Proves the NuGet packages work without the repository (docs/packages.md, "Checking the packages"):
#   1. packs every packable project of Nabla.slnx into a local folder (the feed);
#   2. makes a fresh console project in a temporary folder, adds Nabla, Nabla.IO, Nabla.Plotting, Nabla.Onnx and
#      Nabla.Interactive from the feed alone
#      (package source mapping: Nabla and Nabla.* from the feed, everything else from the machine's usual sources), and runs
#      a sample that writes and reads a CSV with Nabla.IO, trains and predicts with Nabla, draws a PNG with Nabla.Plotting,
#      exports the model to ONNX with Nabla.Onnx and renders a matrix as notebook HTML with Nabla.Interactive; then
#      publishes the same sample with Native AOT (all but Nabla.Interactive), which must build without a trimming or AOT
#      warning from Nabla and predict what the JIT-run sample did;
#   3. installs the dotnet tool from the feed (`dotnet tool install --tool-path`), checks its package size, and runs
#      `nabla --version`, `nabla train` (with plots) and `nabla predict` on the model the sample saved, which must give the
#      sample's own predictions.
# A fresh NuGet packages folder is used, so no copy of the packages from an earlier pack can stand in for these.
# Usage: eng/check-packages.sh [--keep] [--feed DIR]
#   --keep      leave the temporary folder and print where it is
#   --feed DIR  check the packages already in DIR (from an earlier `dotnet pack Nabla.slnx -c Release -o DIR`) instead of packing
# Needs the .NET 10 SDK, unzip, clang (Native AOT links with it) and the NuGet sources the repository builds from.
# Ends with "packages: ok" and exit code 0, or one line saying what failed and exit code 1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

keep=false
feed=""
while (( $# > 0 )); do
    case "$1" in
        --keep) keep=true; shift ;;
        --feed) feed=$(realpath "$2"); shift 2 ;;
        *) echo "usage: eng/check-packages.sh [--keep] [--feed DIR]" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d /tmp/nabla-packages.XXXXXX)
cleanup() { if $keep; then echo "kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
fail() { echo "packages: FAILED: $*" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_PACKAGES="$work/nuget-packages"
version=$(dotnet msbuild src/Nabla/Nabla.csproj -getProperty:PackageVersion)
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1) # this machine's platform: the Native AOT sample's and the tool package's

# 1. Pack.
if [[ -z "$feed" ]]; then
    feed="$work/feed"
    start=$(date +%s.%N)
    dotnet pack Nabla.slnx -c Release -o "$feed" -v quiet -nologo > "$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; fail "dotnet pack"; }
    awk -v start="$start" -v end="$(date +%s.%N)" 'BEGIN { printf "packed in %.1f s:\n", end - start }'
fi
for package in "$feed"/*.nupkg "$feed"/*.snupkg; do
    awk -v name="$(basename "$package")" -v size="$(stat -c %s "$package")" 'BEGIN { printf "  %-40s %6.2f MB\n", name, size / 1048576 }'
done
# Nabla.Interactive is a beta (its dependency Microsoft.DotNet.Interactive.Formatting is): its own version.
interactive=$(dotnet msbuild src/Nabla.Interactive/Nabla.Interactive.csproj -getProperty:PackageVersion)
version_of() { [[ "$1" == Nabla.Interactive ]] && echo "$interactive" || echo "$version"; }
for id in Nabla Nabla.IO Nabla.Plotting Nabla.Onnx Nabla.Interactive Nabla.Cli; do
    [[ -f "$feed/$id.$(version_of "$id").nupkg" ]] || fail "no $id.$(version_of "$id").nupkg in the feed"
done
# Every library package (any new project of the solution included; the tool aside) has symbols, XML docs and a readme.
for package in "$feed"/*."$version".nupkg "$feed/Nabla.Interactive.$interactive.nupkg"; do
    id=$(basename "$package" .nupkg); id=${id%."$version"}; id=${id%."$interactive"}
    [[ "$id" == Nabla.Cli || "$id" == Nabla.Cli.* ]] && continue
    v=$(version_of "$id")
    [[ -f "$feed/$id.$v.snupkg" ]] || fail "no symbol package $id.$v.snupkg"
    listing=$(unzip -Z1 "$feed/$id.$v.nupkg")
    grep -qx "lib/net10.0/$id.xml" <<< "$listing" || fail "$id.$v.nupkg has no XML documentation"
    grep -qx "README.md" <<< "$listing" || fail "$id.$v.nupkg has no readme"
done

# 2. A fresh console project that uses the five libraries. Its sources: the feed for Nabla's packages, the machine's
# enabled sources (the mirror) for everything else.
app="$work/app"
dotnet new console -o "$app" -n PackageSample --framework net10.0 > "$work/new.log" 2>&1 || { cat "$work/new.log" >&2; fail "dotnet new console"; }
mapfile -t sources < <(dotnet nuget list source --format detailed | sed -n 's/^ *[0-9]*\. *\(.*\) \[Enabled\]$/\1/p')
{
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo '<configuration>'
    echo "  <packageSources><add key=\"nabla-feed\" value=\"$feed\" /></packageSources>"
    echo '  <packageSourceMapping>'
    echo '    <packageSource key="nabla-feed"><package pattern="Nabla" /><package pattern="Nabla.*" /></packageSource>'
    for source in "${sources[@]}"; do echo "    <packageSource key=\"$source\"><package pattern=\"*\" /></packageSource>"; done
    echo '  </packageSourceMapping>'
    echo '</configuration>'
} > "$app/nuget.config"
# add_packages DIR ID...: `dotnet add package` each one, at its version, into the project in DIR.
add_packages() {
    local dir=$1 id; shift
    for id in "$@"; do
        (cd "$dir" && dotnet add package "$id" --version "$(version_of "$id")" > "$dir.add-$id.log" 2>&1) || { cat "$dir.add-$id.log" >&2; fail "dotnet add package $id in $dir"; }
    done
}
add_packages "$app" Nabla Nabla.IO Nabla.Plotting Nabla.Onnx Nabla.Interactive
for id in Nabla Nabla.IO Nabla.Plotting Nabla.Onnx Nabla.Interactive; do
    lower=${id,,}
    source=$(sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$NUGET_PACKAGES/$lower/$(version_of "$id")/.nupkg.metadata")
    [[ "$source" == "$feed" ]] || fail "$id came from '$source', not from the feed"
done
cp "$root/eng/package-sample/Program.cs" "$app/Program.cs"
(cd "$app" && dotnet run -c Release -- "$work") > "$work/sample.log" 2>&1 || { cat "$work/sample.log" >&2; fail "the sample program"; }
sed 's/^/  /' "$work/sample.log"

# 2b. The same program published with Native AOT (the four libraries that declare IsAotCompatible; Nabla.Interactive is
# left out): no trimming or AOT warning may come from Nabla's packages, and the native program predicts what the JIT-run
# one did. IlcInstructionSet=native: the kernels this machine's JIT picks, so the two runs compute alike.
aot="$work/aot"
dotnet new console -o "$aot" -n AotSample --framework net10.0 > "$work/new-aot.log" 2>&1 || { cat "$work/new-aot.log" >&2; fail "dotnet new console (AOT)"; }
cp "$app/nuget.config" "$aot/nuget.config"
add_packages "$aot" Nabla Nabla.IO Nabla.Plotting Nabla.Onnx
cp "$root/eng/package-sample/Program.cs" "$aot/Program.cs"
mkdir -p "$aot/run"
(cd "$aot" && dotnet publish -c Release -r "$rid" -p:PublishAot=true \
    -p:IlcInstructionSet=native -p:DefineConstants=NO_INTERACTIVE -o "$aot/bin") > "$work/publish-aot.log" 2>&1 \
    || { cat "$work/publish-aot.log" >&2; fail "dotnet publish -p:PublishAot=true"; }
if grep -E 'warning IL[0-9]+' "$work/publish-aot.log" | grep -q 'Nabla'; then
    grep -E 'warning IL[0-9]+' "$work/publish-aot.log" | grep 'Nabla' | sort -u >&2; fail "trimming or AOT warnings from Nabla's packages"
fi
"$aot/bin/AotSample" "$aot/run" > "$work/sample-aot.log" 2>&1 || { cat "$work/sample-aot.log" >&2; fail "the Native AOT sample program"; }
cmp -s "$aot/run/library-predictions.txt" "$work/library-predictions.txt" || fail "the Native AOT sample predicts otherwise than the JIT-run one"
echo "  Native AOT: $(stat -c %s "$aot/bin/AotSample" | awk '{ printf "%.1f MB", $1 / 1048576 }') executable, no trimming warning from Nabla, the same $(wc -l < "$aot/run/library-predictions.txt") predictions"

# 3. The tool, installed from its package (run from $work, where no source mapping applies: --add-source can't be
# combined with one). The fresh NuGet packages folder holds no other copy, and no other source has Nabla.Cli.
(cd "$work" && dotnet tool install Nabla.Cli --version "$version" --tool-path "$work/tool" --add-source "$feed" > "$work/tool-install.log" 2>&1) \
    || { cat "$work/tool-install.log" >&2; fail "dotnet tool install"; }
nabla="$work/tool/nabla"
installed="$feed/Nabla.Cli.$rid.$version.nupkg"
[[ -f "$installed" ]] || fail "no tool package for this machine's platform $rid"
size=$(stat -c %s "$installed")
(( size <= 25 * 1048576 )) || fail "Nabla.Cli.$rid is $size bytes, more than 25 MB"
echo "tool: $("$nabla" --version) from Nabla.Cli.$rid ($(awk -v size="$size" 'BEGIN { printf "%.2f", size / 1048576 }') MB)"

cd "$work"
"$nabla" train --data moons.csv --target label --save tool-model.json --plots tool-plots > tool-train.log 2>&1 || { cat tool-train.log >&2; fail "nabla train"; }
grep -E '^(training|test) ' tool-train.log | sed 's/^/  nabla train: /'
for picture in tool-plots/*.png; do
    [[ "$(head -c 4 "$picture" | od -An -c | tr -d ' ')" == '211PNG' ]] || fail "$picture is not a PNG"
done
echo "  nabla train: $(ls tool-plots | wc -l) plots in tool-plots/ ($(ls tool-plots | xargs))"
"$nabla" predict --model tool-model.json --data moons.csv --output tool-predictions.csv > tool-predict.log 2>&1 || { cat tool-predict.log >&2; fail "nabla predict on its own model"; }
"$nabla" export --model tool-model.json --format onnx --output tool-model.onnx > tool-export.log 2>&1 || { cat tool-export.log >&2; fail "nabla export"; }
echo "  nabla export: tool-model.onnx ($(stat -c %s tool-model.onnx) bytes)"

# The model the library saved (on the raw x1, x2, without preprocessing), predicted by the tool: the library's labels.
cut -d, -f1,2 moons.csv > inputs.csv
"$nabla" predict --model library-model.json --data inputs.csv --output from-tool.csv > from-tool.log 2>&1 || { cat from-tool.log >&2; fail "nabla predict on the library's model"; }
tail -n +2 from-tool.csv | awk -F, '{print $NF}' > from-tool.txt
cmp -s from-tool.txt library-predictions.txt || fail "the tool's predictions of library-model.json differ from the library's"
echo "  nabla predict: $(wc -l < from-tool.txt) predictions of the library's model, equal to the library's own"
echo "packages: ok"
