#!/usr/bin/env bash
# Makes the demo register's tree "photos", assets/demo/photos/*.jpg: close-ups of the demo's
# SYNTHETIC trees rendered by our own `cunjing render` (the demo scene with close-up
# viewpoints), not photographs; the file names say so (-render). make_register.sh points the
# trees' photos column at them. We ship no real photos: none of ours may be redistributed.
#
# Run from anywhere after building: assets/demo/make_photos.sh [path/to/cunjing]
# Needs python3 (to write the scene with the close-ups), gdal_translate (PNG to JPEG) and a
# display or Xvfb (cunjing render starts its own Xvfb when DISPLAY is unset).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cunjing="${1:-$root/build/bin/cunjing}"
[ -x "$cunjing" ] || { echo "no cunjing binary at $cunjing: build first" >&2; exit 2; }

tmp="$(mktemp -d)"
# The scene must sit beside demo.json: its paths (terrain, register) are relative to it.
scene="$here/.photos-$$.json"
trap 'rm -rf "$tmp" "$scene"' EXIT
# Close-ups in the scene's local metres (DEMO-001 村口古榕 stands at -64, -96; DEMO-007 木棉
# at 30, 125), eyes a few metres above the ground like a visitor's camera.
python3 - "$here/demo.json" "$scene" <<'PY'
import json, sys
scene = json.load(open(sys.argv[1], encoding="utf-8"))
scene["viewpoints"] = [
    {"name": "tree-DEMO-001-render-1", "eye": [-92, -128, 5], "target": [-64, -96, 8],
     "above_ground": True, "fov": 50},
    {"name": "tree-DEMO-001-render-2", "eye": [-104, -110, 3], "target": [-64, -94, 9],
     "above_ground": True, "fov": 50},
    {"name": "tree-DEMO-007-render", "eye": [50, 95, 5], "target": [30, 125, 10],
     "above_ground": True, "fov": 50},
]
json.dump(scene, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$cunjing" render "$scene" --all --size 800x600 --out "$tmp" >/dev/null
mkdir -p "$here/photos"
for png in "$tmp"/*.png; do
    name="$(basename "$png" .png)"
    name="${name#[0-9][0-9]_}"
    # JPEG at quality 80: about 70 KB a photo; no .aux.xml beside it (GDAL_PAM_ENABLED).
    gdal_translate -q --config GDAL_PAM_ENABLED NO -of JPEG -b 1 -b 2 -b 3 -co QUALITY=80 \
        "$png" "$here/photos/$name.jpg"
    echo "wrote $here/photos/$name.jpg"
done
