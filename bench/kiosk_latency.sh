#!/usr/bin/env bash
# Touch latency of the kiosk (issue 8): a one-finger drag fed at 120 Hz from another thread for
# SECONDS, from each event's timestamp to the end of the frame that shows it (p50, p95, max),
# against the target of one frame (the median frame time of the same run) plus 5 ms.
#
#   bench/kiosk_latency.sh [SECONDS] [scene]      (needs a display: DISPLAY or Xvfb)
# The kiosk runs fullscreen, as in a hall: the figures are for the display's whole size.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
scene=${2:-assets/demo/demo.json}
viewer=${CUNJING_BINARY_DIR:-build}/bin/cunjing-viewer
line=$("$viewer" "$scene" --kiosk --latency-bench "$seconds" 2>/dev/null |
    grep '^latency:')
echo "$line"
# "latency: events N frames F p50 A ms p95 B ms max C ms frame_median D ms target E ms"
read -r p95 frame target < <(echo "$line" | awk '{print $10, $16, $19}')
awk -v p95="$p95" -v frame="$frame" -v target="$target" 'BEGIN {
    printf "p95 / (one frame + 5 ms) = %.2f (%s within the target); p95 = %.2f frames\n",
        p95 / target, (p95 <= target ? "" : "not"), p95 / frame }'
