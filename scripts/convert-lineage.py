#!/usr/bin/env python3
"""Derives what became of each STP footprint of April 2017 from ONS geography:
Sources/CSTPEmbeddedData/Data/lineage.csv.

    python3 scripts/convert-lineage.py [GEO_DIR] [OUT]

Rule (../shared/geo/README.md, "Successors"): the three ONS lookups share the same 32,844 LSOAs
(2011). Each LSOA's mid-2017 population is counted once for its STP of April 2017 and its
successor: the STP of April 2021, and the Integrated Care Board of July 2022. A row per STP,
date and successor gives the people the successor took from the STP and how many LSOAs they
live in; shares are left to the reader (people over the STP's or the successor's total), so
every STP's and every successor's shares add up to 100% by construction. Standard library only;
reproducible byte for byte; the checks the issue asks for are asserted here too.
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT.parent / "shared" / "geo"
OUT = ROOT / "Sources" / "CSTPEmbeddedData" / "Data" / "lineage.csv"
LICENCE = "Open Government Licence v3.0"
SOURCES = {
    "2021-04": f"ONS LSOA (2011) lookups to STPs (April 2017, April 2021); ONS mid-2017 LSOA populations; {LICENCE}",
    "2022-07": (f"ONS LSOA (2011) lookups to STPs (April 2017) and ICBs (July 2022); ONS mid-2017 LSOA "
                f"populations; {LICENCE}"),
}
ENGLAND = 55_619_430  # mid-2017, all ages: the README's check


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main():
    geo = Path(sys.argv[1]) if len(sys.argv) > 1 else GEO
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    pop = {r["lsoa11_code"]: int(r["all_ages"]) for r in read(geo / "ons_mid2017_lsoa11_population.csv")}
    stp17 = {r["LSOA11CD"]: r["STP17CD"] for r in read(geo / "ons_lsoa11_ccg17_stp17_lad17_apr2017_lookup.csv")}
    successors = {
        "2021-04": {r["LSOA11CD"]: (r["STP21CD"], "", r["STP21NM"])
                    for r in read(geo / "ons_lsoa11_ccg21_stp21_lad21_apr2021_lookup.csv")},
        "2022-07": {r["LSOA11CD"]: (r["ICB22CD"], r["ICB22CDH"], r["ICB22NM"])
                    for r in read(geo / "ons_lsoa11_sicbl22_icb22_lad22_jul2022_lookup.csv")},
    }
    assert set(stp17) <= set(pop), "an LSOA of the 2017 lookup has no population"  # (pop has Wales too)
    rows = []
    for as_of, lookup in successors.items():
        assert set(lookup) == set(stp17), f"the {as_of} lookup covers other LSOAs than 2017's"
        people = defaultdict(int)
        lsoas = defaultdict(int)
        names = {}
        for lsoa, stp in stp17.items():
            code, ods, name = lookup[lsoa]
            assert names.setdefault(code, (ods, name)) == (ods, name), f"{code} has two names"
            people[(stp, code)] += pop[lsoa]
            lsoas[(stp, code)] += 1
        by_stp = defaultdict(int)
        by_successor = defaultdict(int)
        for (stp, code), n in people.items():
            by_stp[stp] += n
            by_successor[code] += n
        assert len(by_stp) == 44 and len(by_successor) == 42, (as_of, len(by_stp), len(by_successor))
        assert sum(by_stp.values()) == ENGLAND == sum(by_successor.values())
        # Within an STP, the successor taking most people first.
        for (stp, code) in sorted(people, key=lambda k: (k[0], -people[k], k[1])):
            ods, name = names[code]
            rows.append([stp, as_of, code, ods, name, str(people[(stp, code)]), str(lsoas[(stp, code)]),
                         SOURCES[as_of]])
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "as_of", "successor_code", "successor_ods", "successor_name", "people", "lsoas",
                    "source"])
        w.writerows(rows)
    print(f"{out}: {len(rows)} rows: 44 STPs of April 2017 to 42 STPs of April 2021 and 42 ICBs of "
          f"July 2022; {ENGLAND:,} people both ways", file=sys.stderr)


if __name__ == "__main__":
    main()
