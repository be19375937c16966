#!/usr/bin/env bash
# Installs what is missing, builds, checks formatting and runs every test tier
# (ctest labels unit, render, cli) under Xvfb when there is no display.
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$CUNJING_ROOT"

ensure_packages
build_project

say "Checking formatting (clang-format, .clang-format)"
mapfile -t sources < <(git ls-files -- '*.cpp' '*.h' 2>/dev/null || find . -path ./build -prune -o \( -name '*.cpp' -o -name '*.h' \) -print)
if ! clang-format --dry-run --Werror "${sources[@]}" 2>/tmp/cunjing-format.log; then
    grep -E '^[^ ]+:[0-9]+:[0-9]+: error' /tmp/cunjing-format.log | cut -d: -f1 | sort -u | sed 's/^/unformatted: /' >&2
    die "run: clang-format -i \$(git ls-files '*.cpp' '*.h')"
fi

trap 'stop_xvfb; stop_postgis' EXIT
start_xvfb
start_postgis
command -v glxinfo >/dev/null && glxinfo -B 2>/dev/null | grep -E "OpenGL renderer|OpenGL version" || true

say "Running tests"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 600
