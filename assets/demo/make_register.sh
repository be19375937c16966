#!/usr/bin/env bash
# Makes the demo's register store, heritage_demo.gpkg: the REAL Guangdong villages of the
# national list (../shared/data/villages/cn_traditional_villages_guangdong.csv, 292 villages)
# and the demo's SYNTHETIC trees (trees_synthetic.geojson, marked synthetic = true), through
# the same `cunjing trees|villages import` an officer runs, so the file is a store like any
# other (opens in QGIS, takes edits with undo).
#
# Run from anywhere after building: assets/demo/make_register.sh [path/to/cunjing]
# The file is committed (about 0.5 MB). It is not byte-identical between runs (the audit rows
# and GeoPackage metadata carry the time), but its records are.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cunjing="${1:-$root/build/bin/cunjing}"
villages="$root/../shared/data/villages/cn_traditional_villages_guangdong.csv"
out="$here/heritage_demo.gpkg"

[ -x "$cunjing" ] || { echo "no cunjing binary at $cunjing: build first" >&2; exit 2; }
[ -f "$villages" ] || { echo "missing $villages (the shared data)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
store="$tmp/heritage_demo.gpkg"
export CUNJING_MAPPINGS="$root/assets/mappings"
"$cunjing" villages --registry "$store" --actor make_register.sh import "$villages"
# The GeoJSON names the mean crown crown_m; its mapping also marks every tree synthetic.
"$cunjing" trees --registry "$store" --actor make_register.sh import \
    --map "$here/trees_synthetic_mapping.json" "$here/trees_synthetic.geojson" 2>/dev/null
# Two trees get "photos": renders of the demo scene (make_photos.sh), not photographs. The
# paths are relative to this store's folder, where the viewer looks for them.
"$cunjing" trees --registry "$store" --actor make_register.sh edit DEMO-001 \
    --set "photos=photos/tree-DEMO-001-render-1.jpg;photos/tree-DEMO-001-render-2.jpg" >/dev/null
"$cunjing" trees --registry "$store" --actor make_register.sh edit DEMO-007 \
    --set "photos=photos/tree-DEMO-007-render.jpg" >/dev/null
# A committed store must read without writing: leave WAL (which needs -wal/-shm files beside
# it even to read) for a plain rollback journal; Registry switches back to WAL on any
# read-write open. VACUUM drops the pages the staging tables used.
ogrinfo -q "$store" -sql "PRAGMA journal_mode = DELETE" >/dev/null
ogrinfo -q "$store" -sql "VACUUM" >/dev/null
mv "$store" "$out"
# Counted read-only: any read-write open (`cunjing ... list`) would switch the file to WAL.
count() { ogrinfo -ro -q "$out" -sql "SELECT COUNT(*) AS n FROM $1" | sed -n 's/.*n (Integer[^=]*= //p'; }
echo "wrote $out: $(count villages) villages, $(count trees) trees"
