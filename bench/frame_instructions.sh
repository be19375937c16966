#!/usr/bin/env bash
# Instructions per frame (issue 10): bench_frame under callgrind, a few frames of the camera path
# per scene and mode, each mode's frames in a dump of their own; prints instructions per frame
# and the ratio naive/batched. Instruction counts repeat run to run (about 0.0003 %) where
# wall-clock times vary about 20 %; llvmpipe rasterises on the main thread (LP_NUM_THREADS=0)
# and compiles every shader afresh (MESA_SHADER_CACHE_DISABLE), so the count is the same work
# each run. Callgrind is slow: minutes a scene.
#
#   bench/frame_instructions.sh [bench_frame options] SCENE.json...
# Needs a display: DISPLAY, else Xvfb :79 started here and stopped at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${CUNJING_BINARY_DIR:-$root/build}/bin/bench_frame
if [ $# -eq 0 ]; then
    echo "usage: bench/frame_instructions.sh [bench_frame options] SCENE.json..." >&2
    exit 2
fi
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 2; }
[ -x "$bench" ] || { echo "error: $bench is not built (ninja -C build bench_frame)" >&2; exit 2; }

out=$(mktemp -d)
xvfb=
cleanup() {
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
    rm -rf "$out"
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
    if [ -e /tmp/.X79-lock ]; then
        echo "error: no DISPLAY, and display :79 is taken (set DISPLAY)" >&2
        exit 2
    fi
    Xvfb :79 -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 100); do
        [ -e /tmp/.X11-unix/X79 ] && break
        sleep 0.1
    done
    export DISPLAY=:79
fi

# The options given after "--frames 3" win over it; the bench says how many frames each dump
# holds, which is what the counts are divided by.
MESA_SHADER_CACHE_DISABLE=true LP_NUM_THREADS=0 valgrind --tool=callgrind --collect-atstart=no \
    --callgrind-out-file="$out/callgrind.out.%p" "$bench" --callgrind --frames 3 "$@" \
    2>"$out/valgrind.log" | tee "$out/bench.txt" || {
    echo "error: bench_frame failed under valgrind:" >&2
    tail -n 20 "$out/valgrind.log" >&2
    exit 1
}

# Each dump: "desc: Trigger: Client Request: <label>" and its "summary:" (or "totals:") line,
# the first event being instructions (Ir).
echo
echo "instructions per frame (callgrind; MESA_SHADER_CACHE_DISABLE=true LP_NUM_THREADS=0):"
for dump in $(printf "%s\n" "$out"/callgrind.out.* | sort -V); do
    awk '/^desc: Trigger: Client Request: / { sub(/^desc: Trigger: Client Request: /, ""); l = $0 }
         /^(summary|totals): / { n = $2 }
         END { if (l != "" && n != "") print l "\t" n }' "$dump"
done | awk -F'\t' -v frames_file="$out/bench.txt" '
    BEGIN {
        # callgrind: dump "demo batched" holds 3 frames of the camera path
        while ((getline line < frames_file) > 0) {
            if (match(line, /^callgrind: dump ".*" holds [0-9]+ frames/)) {
                label = line
                sub(/^callgrind: dump "/, "", label)
                sub(/" holds .*/, "", label)
                count = line
                sub(/.*" holds /, "", count)
                sub(/ frames.*/, "", count)
                frames[label] = count + 0
            }
        }
    }
    {
        label = $1
        perFrame = (frames[label] > 0) ? $2 / frames[label] : 0
        printf "  %-32s %15.0f instructions a frame (%d frames)\n", label, perFrame, frames[label]
        mode = label
        sub(/.* /, "", mode)
        scene = label
        sub(/ [^ ]*$/, "", scene)
        ir[scene, mode] = perFrame
        if (!(scene in seen)) { seen[scene] = 1; order[++n] = scene }
    }
    END {
        for (i = 1; i <= n; ++i) {
            s = order[i]
            if (ir[s, "batched"] > 0 && ir[s, "naive"] > 0)
                printf "  %-32s naive/batched %.2fx\n", s, ir[s, "naive"] / ir[s, "batched"]
        }
    }'
