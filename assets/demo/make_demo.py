#!/usr/bin/env python3
"""Makes the SYNTHETIC data of the bundled demo scene (assets/demo/).

Nothing here is a real place. The ground is shaped like a Pearl River Delta comb village
site (梳式布局): paddy plain in the south, the village platform rising gently to the north,
and wooded hills behind (风水林), with room at the western hill foot for a Hakka 围龙屋 and on
the eastern plain for a Chaoshan 驷马拖车 compound (the scene generates the buildings and
digs their ponds). It is placed
near 三水 (Foshan) in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) so coordinates
look like real project data.

Writes: terrain_synthetic.asc (+ .prj), trees_synthetic.geojson. Deterministic.
Run: python3 assets/demo/make_demo.py
"""
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
# Lower-left corner of the grid, EPSG:4547 metres (about 112.86E 23.235N).
X0, Y0 = 383750.0, 2570965.0
CELL = 5.0
N = 241                       # 1.2 km square
CENTRE = (X0 + CELL * (N - 1) / 2, Y0 + CELL * (N - 1) / 2)
PLAIN = 6.0                   # paddy plain, metres above the 1985 datum

WKT_4547 = ('PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",'
            'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],'
            'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
            'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],'
            'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],'
            'PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')


def smooth(t):
    t = max(0.0, min(1.0, t))
    return t * t * (3 - 2 * t)


def bumps(x, y, seed):
    """Cheap deterministic rolling noise: a sum of a few oblique sine waves."""
    rnd = random.Random(seed)
    total = 0.0
    for k in range(6):
        a = rnd.uniform(0, math.pi)
        f = rnd.uniform(0.004, 0.02)
        p = rnd.uniform(0, 2 * math.pi)
        total += math.sin((x * math.cos(a) + y * math.sin(a)) * f + p) / (k + 1)
    return total


def height(x, y):
    """Ground height at local (x, y) metres from the grid centre."""
    h = PLAIN + 0.3 * bumps(x, y, 7)
    # The village platform rises about 4 m from front (y=-70) to back (y=+60).
    h += 4.0 * smooth((y + 70) / 130)
    # Hills behind the village and a lower ridge on each side, like an armchair (风水 site).
    back = smooth((y - 80) / 320) * (70 + 25 * bumps(x, y, 3))
    sides = smooth((abs(x) - 260) / 250) * (35 + 12 * bumps(x, y, 5)) * smooth((y + 250) / 300)
    h += max(back, 0) + max(sides, 0)
    # The ponds are not in the DEM: the scene digs them where the layouts put them.
    return h


def write_dem():
    path = os.path.join(HERE, "terrain_synthetic.asc")
    with open(path, "w") as f:
        f.write(f"ncols {N}\nnrows {N}\nxllcorner {X0 - CELL / 2}\nyllcorner {Y0 - CELL / 2}\n")
        f.write(f"cellsize {CELL}\nNODATA_value -9999\n")
        for r in range(N - 1, -1, -1):     # ASCII grids list the northern row first
            y = Y0 + r * CELL - CENTRE[1]
            f.write(" ".join(f"{height(X0 + c * CELL - CENTRE[0], y):.2f}" for c in range(N)) + "\n")
    with open(os.path.join(HERE, "terrain_synthetic.prj"), "w") as f:
        f.write(WKT_4547)


TREES = [
    # local x, y, species, height m, crown m, age years, name
    (-64, -96, "榕树", 16, 24, 320, "村口古榕"),
    (-120, -60, "榕树", 13, 18, 180, ""),
    (-70, 30, "荔枝", 11, 10, 150, ""),
    (62, 50, "龙眼", 10, 9, 120, ""),
    (0, 112, "樟树", 18, 16, 260, "后山樟树"),
    (-25, 120, "樟树", 15, 13, 110, ""),
    (30, 125, "木棉", 20, 11, 130, "木棉"),
]


def write_trees():
    rnd = random.Random(11)
    features = []
    for i, (x, y, species, h, crown, age, name) in enumerate(TREES):
        features.append((x, y, species, h, crown, age, name, f"DEMO-{i + 1:03d}"))
    # A feng-shui grove (风水林) behind the village: younger trees, not in the register proper.
    for k in range(60):
        x = rnd.uniform(-110, 110)
        y = rnd.uniform(95, 190)
        species = rnd.choice(["樟树", "荔枝", "龙眼", "榕树"])
        features.append((x, y, species, rnd.uniform(7, 13), rnd.uniform(5, 9), rnd.randint(20, 90), "",
                         f"GROVE-{k + 1:03d}"))
    out = {
        "type": "FeatureCollection",
        "name": "trees_synthetic",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
        "features": [
            {"type": "Feature",
             "properties": {"id": tid, "species_cn": sp, "name": nm, "height_m": round(h, 1),
                            "crown_m": round(cr, 1), "age_years": age, "synthetic": True},
             "geometry": {"type": "Point",
                          "coordinates": [round(CENTRE[0] + x, 2), round(CENTRE[1] + y, 2)]}}
            for (x, y, sp, h, cr, age, nm, tid) in features
        ],
    }
    with open(os.path.join(HERE, "trees_synthetic.geojson"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    write_dem()
    write_trees()
    print("wrote", os.path.join(HERE, "terrain_synthetic.asc"), "and trees_synthetic.geojson")
