#!/usr/bin/env bash
# Cold start of the GUI: wall time from exec to the first shown, fully loaded window rendered to a PNG and exit,
# on the offscreen platform, RUNS times (default 5); prints each run and the median.
# Run inside the build environment: packaging/devenv exec -- tests/bench/coldstart.sh [BUILD_DIR] [RUNS]
set -euo pipefail
build=${1:-build/release}
runs=${2:-5}
bin=$build/bin/shipdeck
[ -x "$bin" ] || { echo "no $bin; build the preset first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
# One warm-up run creates and seeds the demo database, as a returning user has it.
"$bin" --demo --screenshot "$tmp/warmup.png" >/dev/null
times=()
for i in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" --demo --screenshot "$tmp/shot.png" >/dev/null
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    times+=("$ms")
    echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
echo "median of $runs: ${median} ms"
