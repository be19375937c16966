#!/usr/bin/env bash
# One command from a clean Debian 12 machine to the Cunjing viewer on the bundled demo:
# installs what is missing, builds Release into build/, then opens the viewer. With no
# display it renders every demo viewpoint to PNG and prints where they are.
# Extra arguments go to cunjing-viewer (for example: ./run.sh --lang en).
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$CUNJING_ROOT"

ensure_packages
build_project

if [ -n "${DISPLAY:-}" ]; then
    say "Opening the viewer on assets/demo/demo.json"
    exec "$BUILD_DIR/bin/cunjing-viewer" assets/demo/demo.json "$@"
fi
say "No DISPLAY: rendering the demo's viewpoints instead"
out="$BUILD_DIR/demo-renders"
"$BUILD_DIR/bin/cunjing" render assets/demo/demo.json --all --size 1280x720 --out "$out"
# The village entrance and the gables in a mid-October day's light: morning, noon and evening
# (the scene's own place), with the medium preset's shadows and materials (a software renderer
# would pick the low preset).
for when in morning=07:30 noon=12:30 evening=17:15; do
    for view in entrance gables; do
        "$BUILD_DIR/bin/cunjing" render assets/demo/demo.json --view "$view" --size 1280x720 \
            --date 2026-10-15 --time "${when#*=}" --quality medium \
            --out "$out/${view}_${when%%=*}.png"
    done
done
say "Demo viewpoints written to $out/"
