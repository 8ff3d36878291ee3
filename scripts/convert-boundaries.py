#!/usr/bin/env python3
"""Converts the ONS STP footprints of April 2017 (GeoJSON, WGS84) into the compact projected
form that stp-dash embeds: Sources/CSTPEmbeddedData/Data/boundaries.txt; with --icb, the 42
Integrated Care Boards of July 2022 (the map's ICB layer): Data/icb-boundaries.txt.

    python3 scripts/convert-boundaries.py [--icb] [GEOJSON] [OUT]

Defaults: ../shared/geo/stp17_apr2017_dissolved_from_lsoa11.geojson (--icb:
icb22_jul2022_dissolved_from_lsoa11.geojson, made the same way) and the embedded file.
Standard library only. The output is reproducible byte for byte from the same input.

Projection (the same arithmetic as STPModel's `Projection`, which reads a user's
boundaries.geojson): longitude scaled by cos(52.5 degrees), so that England keeps its shape;
units of 100 m (one degree of latitude = 1113.2 units); rounded half up:
    x = floor(lon * cos(52.5 deg) * 1113.2 + 0.5),  y = floor(lat * 1113.2 + 0.5)
The source's 0.0001-degree precision is 11 m; 100 m is 15x finer than a pixel of the largest
map (about 1.5 km at 200x60), so the rounding cannot be seen.

Format (text, one record per line, '#' comments):
    F <code>           a footprint; the polygons that follow are its own
    P                  a polygon; its first ring is the outline, further rings are holes
    R x y dx dy ...    a ring: the first point, then each next point as the difference from the
                       one before; not closed (the last point joins the first)
Consecutive points that round to the same unit are dropped; rings left with fewer than 3
points are dropped (and counted on stderr).
"""
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "geo" / "stp17_apr2017_dissolved_from_lsoa11.geojson"
OUT = ROOT / "Sources" / "CSTPEmbeddedData" / "Data" / "boundaries.txt"
ICB_SOURCE = ROOT.parent / "shared" / "geo" / "icb22_jul2022_dissolved_from_lsoa11.geojson"
ICB_OUT = ROOT / "Sources" / "CSTPEmbeddedData" / "Data" / "icb-boundaries.txt"

SCALE = 1113.2  # units (100 m) per degree
COS = math.cos(math.radians(52.5))


def project(lon, lat):
    return math.floor(lon * COS * SCALE + 0.5), math.floor(lat * SCALE + 0.5)


def ring_points(coords):
    pts = []
    for lon, lat, *_ in coords:
        p = project(lon, lat)
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[-1] == pts[0]:
        pts.pop()
    return pts


# WGS84, for areas: Lambert's cylindrical equal-area projection of the ellipsoid makes a plane area
# an area on the ellipsoid (x = a * lon, y = a * q(lat) / 2, q the authalic function); the shoelace
# formula then gives it. Measured from the GeoJSON's own degrees, outlines less holes.
A = 6378137.0
F = 1 / 298.257223563
E2 = F * (2 - F)
E = math.sqrt(E2)


def q(lat):
    s = math.sin(math.radians(lat))
    return (1 - E2) * (s / (1 - E2 * s * s) - math.log((1 - E * s) / (1 + E * s)) / (2 * E))


def ring_area(coords):
    total = 0.0
    for (lo1, la1, *_), (lo2, la2, *_) in zip([coords[-1]] + coords[:-1], coords):
        total += math.radians(lo1 - lo2) * A * (A * q(la1) / 2 + A * q(la2) / 2) / 2
    return abs(total)


def main():
    args = sys.argv[1:]
    icb = "--icb" in args
    args = [a for a in args if a != "--icb"]
    src = Path(args[0]) if args else (ICB_SOURCE if icb else SOURCE)
    out = Path(args[1]) if len(args) > 1 else (ICB_OUT if icb else OUT)
    key = "icb22cd" if icb else "stp17cd"
    doc = json.loads(src.read_text(encoding="utf-8"))
    what = ("the 42 Integrated Care Boards of July 2022 (ONS ICB22CD codes)" if icb
            else "the 44 STP footprints of April 2017 (ONS STP17CD codes)")
    lookup = ("LSOA to Sub ICB Location to ICB July 2022" if icb else "LSOA to CCG to STP April 2017")
    lines = [
        "# stp-dash boundaries 1: " + what,
        "# Made by scripts/convert-boundaries.py from " + src.name + " (see ../shared/geo/README.md:",
        "# LSOA 2011 polygons dissolved by the ONS " + lookup + " lookup).",
        "# Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
        "# Contains OS data (c) Crown copyright and database right.",
        "# Projection: x = lon * cos(52.5 deg) * 1113.2, y = lat * 1113.2 (units of 100 m), rounded half up.",
    ]
    areas = ["# stp-dash areas 1: each footprint's area in km2 on the WGS84 ellipsoid, measured by",
             "# scripts/convert-boundaries.py from " + src.name + "'s own degrees (outlines less holes).",
             "# Source: Office for National Statistics licensed under the Open Government Licence v.3.0."]
    vertices = dropped = 0
    for feature in sorted(doc["features"], key=lambda f: f["properties"][key]):
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        lines.append("F " + feature["properties"][key])
        area = sum(ring_area(p[0]) - sum(ring_area(h) for h in p[1:]) for p in polygons) / 1e6
        areas.append("%s %.3f" % (feature["properties"][key], area))
        for polygon in polygons:
            rings = [ring_points(r) for r in polygon]
            if len(rings[0]) < 3:
                dropped += len(rings)
                continue
            lines.append("P")
            for pts in rings:
                if len(pts) < 3:
                    dropped += 1
                    continue
                vertices += len(pts)
                parts = [str(pts[0][0]), str(pts[0][1])]
                for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                    parts += [str(bx - ax), str(by - ay)]
                lines.append("R " + " ".join(parts))
    text = "\n".join(lines) + "\n"
    out.write_text(text, encoding="utf-8")
    # A file of its own: reading areas at load must not touch the 88 KB of shapes (the start-up
    # memory budget; the map decodes those on first use). The ICB layer needs no areas.
    if not icb:
        out.with_name("areas.txt").write_text("\n".join(areas) + "\n", encoding="utf-8")
    print(f"{out}: {len(doc['features'])} footprints, {vertices} vertices, "
          f"{dropped} rings under 3 points dropped, {len(text.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
