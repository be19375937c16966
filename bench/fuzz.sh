#!/usr/bin/env bash
# Issue 11's fuzz run: builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/, seeds each with the project's own files of its
# kind, runs it, and prints executions and findings per target. A finding is a crash, a
# sanitizer report, a leak, a timeout (10 s an input) or running out of memory (2 GB); its
# input is kept under build-fuzz/findings/<target>/ to become a regression test.
#
#   bench/fuzz.sh [--runs N | --seconds S] [TARGET...]   (default: --runs 1000000, every target)
# Exits 1 when any target found something, 2 on bad use or a failed build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
limit=(-runs=1000000)
targets=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) limit=(-runs="$2"); shift 2 ;;
        --seconds) limit=(-max_total_time="$2"); shift 2 ;;
        -*) echo "usage: bench/fuzz.sh [--runs N | --seconds S] [TARGET...]" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_scene_file fuzz_style fuzz_town_plan)
command -v clang++ >/dev/null || { echo "error: clang++ is not installed (apt install clang)" >&2; exit 2; }

# The seeds: every file of the target's kind that the project ships.
seeds() {
    case $1 in
        fuzz_scene_file) ls "$root"/assets/demo/demo.json "$root"/assets/demo/exhibition.json \
                            "$root"/assets/province/guangdong.json ;;
        fuzz_style) ls "$root"/assets/styles/*.json ;;
        fuzz_town_plan) ls "$root"/assets/demo/street_plan.json ;;
        *) echo "error: no target $1" >&2; return 2 ;;
    esac
}

mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCUNJING_FUZZ=ON >"$build/configure.log" 2>&1 || {
    echo "error: configuring $build failed; see $build/configure.log" >&2
    exit 2
}
ninja -C "$build" "${targets[@]}" >"$build/build.log" 2>&1 || {
    echo "error: building the fuzz targets failed; see $build/build.log" >&2
    exit 2
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
found=0
printf "%-18s %12s %10s %9s\n" target executions seconds findings
for t in "${targets[@]}"; do
    corpus=$work/$t
    findings=$build/findings/$t
    mkdir -p "$corpus" "$findings"
    cp $(seeds "$t") "$corpus"/
    before=$(find "$findings" -type f | wc -l)
    start=$(date +%s)
    # Run from the repository root: the scene file reader resolves paths beside the demo.
    (cd "$root" && "$build/fuzz/$t" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 "$corpus") >"$work/$t.log" 2>&1 || true
    seconds=$(($(date +%s) - start))
    runs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$work/$t.log" | tail -n 1)
    new=$(($(find "$findings" -type f | wc -l) - before))
    printf "%-18s %12s %10s %9s\n" "$t" "${runs:-?}" "$seconds" "$new"
    if [ "$new" -gt 0 ] || [ -z "$runs" ]; then
        found=1
        grep -m 3 -E "ERROR|SUMMARY|runtime error" "$work/$t.log" | sed 's/^/    /' || true
    fi
done
exit $found
