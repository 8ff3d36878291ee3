#!/usr/bin/env python3
"""Derives the councils of each STP footprint (April 2017) from ONS geography:
Sources/CSTPEmbeddedData/Data/councils.csv.

    python3 scripts/convert-councils.py [GEO_DIR] [OUT]

Rule (../shared/geo/README.md, "Councils in a footprint"): a footprint's LSOAs give its district
and unitary councils (LAD17CD: the housing authorities) and its social care authorities: the
county council (UTLA17CD starting E10) where the area is two-tier, otherwise the LSOA's own
LAD17CD (unitary, metropolitan borough, London borough, City of London, Isles of Scilly). Each
council's share is the mid-2017 population of the footprint's LSOAs in its area over the
footprint's; under 2% is a sliver (kept, marked by the reader). Standard library only;
reproducible byte for byte.
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT.parent / "shared" / "geo"
OUT = ROOT / "Sources" / "CSTPEmbeddedData" / "Data" / "councils.csv"
SOURCE = ("ONS LSOA-CCG-STP-LAD (April 2017) and LSOA-UTLA (2017) lookups; ONS mid-2017 LSOA populations; "
          "Open Government Licence v3.0")


def main():
    geo = Path(sys.argv[1]) if len(sys.argv) > 1 else GEO
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    with open(geo / "ons_lsoa11_utla17_lookup.csv", newline="", encoding="utf-8-sig") as f:
        utla = {r["LSOA11CD"]: (r["UTLA17CD"], r["UTLA17NM"]) for r in csv.DictReader(f)}
    with open(geo / "ons_mid2017_lsoa11_population.csv", newline="", encoding="utf-8-sig") as f:
        pop = {r["lsoa11_code"]: int(r["all_ages"]) for r in csv.DictReader(f)}
    by_stp = defaultdict(lambda: {"social-care": defaultdict(int), "district": defaultdict(int), "total": 0})
    names = {}
    with open(geo / "ons_lsoa11_ccg17_stp17_lad17_apr2017_lookup.csv", newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            lsoa, stp = r["LSOA11CD"], r["STP17CD"]
            people = pop[lsoa]
            lad, lad_name = r["LAD17CD"], r["LAD17NM"]
            ut, ut_name = utla[lsoa]
            care = (ut, ut_name) if ut.startswith("E10") else (lad, lad_name)
            names[lad] = lad_name
            names[care[0]] = care[1]
            entry = by_stp[stp]
            entry["district"][lad] += people
            entry["social-care"][care[0]] += people
            entry["total"] += people
    rows = []
    for stp in sorted(by_stp):
        entry = by_stp[stp]
        for tier in ("social-care", "district"):
            for code, people in sorted(entry[tier].items(), key=lambda kv: (-kv[1], kv[0])):
                share = people / entry["total"]
                rows.append([stp, tier, code, names[code], str(people), f"{share:.4f}", SOURCE])
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "tier", "council_code", "council_name", "population", "share", "source"])
        w.writerows(rows)
    care = {r[2] for r in rows if r[1] == "social-care"}
    districts = {r[2] for r in rows if r[1] == "district"}
    print(f"{out}: {len(by_stp)} footprints, {len(care)} social care authorities, {len(districts)} districts, "
          f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
