#!/usr/bin/env python3
"""Convert ../shared/reference-data (the sourced 2017-18 STP research) into stp-dash's data format.

Usage: scripts/convert-reference-data.py [REFERENCE_DIR] [OUT_DIR]
Defaults: ../shared/reference-data and Sources/CSTPEmbeddedData/Data.

The rules are the documented ones in docs/DATA.md ("How the embedded data was made"). Nothing is
estimated: a blank cell in the reference stays blank; every row keeps the reference's sources.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "reference-data")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "Sources", "CSTPEmbeddedData", "Data")
GEO = os.path.join(os.path.dirname(os.path.abspath(REF)), "geo")
ENGLAND_MID2017 = 55619430  # ONS's published mid-2017 population of England

ONS_SOURCE = ("ONS STP17 code and name: 111Online/nhs111-ccg-service "
              "NHS111.DataImport.CCG/CCGData.csv@6cbb37a0")
REGION_SOURCE = ("region: Wikipedia 'Sustainability and transformation plan' (copy at "
                 "wiki-gateway.eudic.net, citing NHS England)")
FOOTPRINT_NO_SOURCE = "footprint no.: nhsfunding.info STP page titles and 2016 STP templates"
WAVE_IDS = {  # reference wave label prefix -> our wave id
    "2017-07 wave 1": "wave1", "2017-11 wave 2": "wave2",
    "2018-03 wave 3": "wave3", "2018-12 wave 4": "wave4",
    # rows that name no single wave: the format says so rather than inventing one
    "2017-18 STP capital programme (wave not stated)": "not stated",
    "2018 STP capital waves (waves 3 and 4 together)": "wave3+wave4",
}
ONS_POP_SOURCE = (
    "ONS mid-2017 population estimates for 2011 LSOAs (SAPE20DT1, Mid-2017 Persons), summed over "
    "the footprint's {n} LSOAs of the ONS LSOA (2011) to CCG to STP (April 2017) lookup; Office for "
    "National Statistics, Open Government Licence v3.0")


def read(name):
    with open(os.path.join(REF, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


def population_basis(q):
    return {"approx": "approx", "around": "approx", "circa": "approx", "as stated": "exact",
            "over": "over", "almost": "under", "": ""}[q]


def ons_populations():
    """Per STP17CD: mid-2017 all ages, 65+, 85+, LSOAs and CCG17s, summed over its English LSOAs."""
    with open(os.path.join(GEO, "ons_mid2017_lsoa11_population.csv"), newline="", encoding="utf-8") as f:
        pop = {r["lsoa11_code"]: r for r in csv.DictReader(f)}
    agg = {}
    with open(os.path.join(GEO, "ons_lsoa11_ccg17_stp17_lad17_apr2017_lookup.csv"), newline="",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            p = pop[r["LSOA11CD"]]  # every English LSOA has an estimate; a KeyError is a real fault
            a = agg.setdefault(r["STP17CD"], {"all": 0, "65": 0, "85": 0, "lsoas": 0, "ccgs": set()})
            a["all"] += int(p["all_ages"])
            a["65"] += int(p["aged_65_plus"])
            a["85"] += int(p["aged_85_plus"])
            a["lsoas"] += 1
            a["ccgs"].add(r["CCG17CD"])
    total = sum(a["all"] for a in agg.values())
    assert total == ENGLAND_MID2017, f"England mid-2017 sums to {total}, not {ENGLAND_MID2017}"
    return agg


def footprints():
    rows = []
    ons = ons_populations()
    for r in read("stps.csv"):
        src = [ONS_SOURCE, REGION_SOURCE]
        if r["footprint_no"]:
            src.append(FOOTPRINT_NO_SOURCE)
        successor_name = "Cumbria and North East" if r["successor_code"] == "E54000049" else ""
        rows.append({
            "code": r["stp_code"], "name": r["stp_name"], "other_names": r["other_names"],
            "region": r["nhs_region_2017"], "footprint_no": r["footprint_no"],
            "population": r["population"],
            "population_basis": population_basis(r["population_qualifier"]),
            "population_text": r["population_text"], "population_year": r["population_as_of"],
            "population_source": r["population_source"],
            "successor_code": r["successor_code"], "successor_name": successor_name,
            "source": " ; ".join(src), "notes": r["notes"],
        })
        o = ons[r["stp_code"]]
        rows[-1].update({
            "ons_population": o["all"], "ons_aged_65_plus": o["65"], "ons_aged_85_plus": o["85"],
            "ons_year": "mid-2017", "ons_source": ONS_POP_SOURCE.format(n=o["lsoas"]),
            "ons_ccg_count": len(o["ccgs"]),
        })
    write("footprints.csv",
          ["code", "name", "other_names", "region", "footprint_no", "population",
           "population_basis", "population_text", "population_year", "population_source",
           "ons_population", "ons_aged_65_plus", "ons_aged_85_plus", "ons_year", "ons_source",
           "ons_ccg_count", "successor_code", "successor_name", "source", "notes"], rows)
    return rows


def ratings():
    base = "NHS England STP progress dashboard, baseline view (21 Jul 2017); band as reported by this source"
    rows = [{"period": "2017-07", "code": r["stp_code"], "band": r["rating_jul2017"],
             "source": r["rating_source"],
             # a row whose band carries its own caveat (Devon's, from the STP's undated page) keeps it
             "notes": base + ". " + r["notes"] if r["notes"].startswith("Band from") else base}
            for r in read("stps.csv") if r["rating_jul2017"]]
    write("ratings.csv", ["period", "code", "band", "source", "notes"], rows)


def band_totals():
    """The published national band totals, one row per source; they disagree and all are kept."""
    rows = [{"period": r["period"], "source_name": r["source_name"],
             "outstanding": r["outstanding"], "advanced": r["advanced"],
             "making_progress": r["making_progress"],
             "needs_most_improvement": r["needs_most_improvement"], "source": r["source"],
             "notes": r["notes"]} for r in read("band_totals.csv")]
    write("band_totals.csv", ["period", "source_name", "outstanding", "advanced", "making_progress",
                              "needs_most_improvement", "source", "notes"], rows)


# Names that differ between lists but denote one body. WNE Cumbria: the 2017 lookup has exactly one
# CCG there (Cumbria, E38000041) and the STP's own list names exactly one (North Cumbria); the
# reference's stated_ccgs for this STP is 1, so counting both would invent a second commissioner.
ALIASES = {("E54000047", "north cumbria ccg"): "cumbria ccg"}


def norm(name, code=None):
    n = name.lower().replace("&", " and ")
    n = re.sub(r"\(.*?\)", " ", n)
    n = re.sub(r"[^a-z0-9 ]", " ", n)
    n = " ".join(w for w in n.split() if w not in ("nhs", "the"))
    return ALIASES.get((code, n), n)


def partners():
    ref = read("partners.csv")
    acute_names = {norm(r["org_name"]) for r in ref if r["dataset"] == "acute_trust_lookup_2018_19"}

    def classify(r):
        """(sector, nhs) for one reference row; the rules of docs/DATA.md."""
        t, name = r["org_type"], r["org_name"]
        if t == "CCG":
            return "commissioner", "yes"
        if t.startswith("local authority"):
            return "local-authority", "no"
        if t.startswith("acute NHS"):
            return "acute", "yes"
        if t in ("NHS trust (mental health)", "NHS foundation trust (mental health)",
                 "NHS trust (community)"):
            return "community-mental-health", "yes"
        if t == "NHS trust (ambulance)":
            return "other", "yes"
        if t.startswith("provider (") and "type not stated" in t:
            return "other", ""  # the source does not say whether it is an NHS body: unknown
        if t in ("NHS trust", "NHS foundation trust", "NHS provider (community)"):
            if norm(name) in acute_names or "hospital" in name.lower():
                return "acute", "yes"
            if "ambulance" in name.lower():
                return "other", "yes"
            return "community-mental-health", "yes"
        if t.startswith("NHS national body"):
            return "other", "yes"
        if t == "primary care (collective)":
            return "primary-care", ""
        kind = {
            "non-NHS partner (community interest company)": "voluntary-community",
            "non-NHS partner (social enterprise)": "voluntary-community",
            "non-NHS partner (company)": "private-independent",
            "non-NHS partner (independent provider)": "private-independent",
            "non-NHS partner (GP federation)": "primary-care",
            "non-NHS partner (GP federations)": "primary-care",
            "non-NHS partner (GP representative body)": "primary-care",
            "non-NHS partner (Healthwatch)": "public",
            "non-NHS partner": "other",
        }
        return kind[t], "no"

    merged = {}  # (code, normalised name) -> row
    order = []
    for r in ref:
        sector, nhs = classify(r)
        key = (r["stp_code"], norm(r["org_name"], r["stp_code"]))
        row = merged.get(key)
        if row is None:
            row = {"code": r["stp_code"], "organisation": r["org_name"],
                   "organisation_code": r["org_code"], "sector": sector, "nhs": nhs,
                   "list": r["dataset"], "as_of": r["as_of"], "source": r["source"],
                   "notes": "" if r["org_type"] in ("CCG",) else "reference type: " + r["org_type"]}
            merged[key] = row
            order.append(key)
            continue
        # the same organisation from a second list: one row, both sources
        assert row["sector"] == sector, (key, row["sector"], sector)
        if not row["organisation_code"]:
            row["organisation_code"] = r["org_code"]
        for col, sep in (("list", "+"), ("as_of", " ; "), ("source", " ; ")):
            if r[{"list": "dataset", "as_of": "as_of", "source": "source"}[col]] not in row[col]:
                row[col] += sep + r[{"list": "dataset", "as_of": "as_of", "source": "source"}[col]]
        row["notes"] = (row["notes"] + " ; " if row["notes"] else "") + "also listed as " + r["org_name"]
    rows = [merged[k] for k in order]
    write("partners.csv", ["code", "organisation", "organisation_code", "sector", "nhs", "list",
                           "as_of", "source", "notes"], rows)
    return len(ref), len(rows)


# What a published list covers, where its source says it covers less than the whole partnership:
# sectors outside its scope are "not in the source", never "none named" (docs/DATA.md, scope).
SCOPES = {
    # LLR: "public summary lists NHS bodies only" (reference notes)
    "E54000015": "nhs",
    # Greater Manchester: a total of NHS bodies and councils (the 2015 devolution agreement's
    # signatories), and a named list of its 10 councils only (SOURCES.md, Changes 2026-12-02)
    "E54000007": "nhs+local-authority",
}


def partner_counts():
    rows = []
    for r in read("partner_counts.csv"):
        base = {"code": r["stp_code"], "as_of": r["stated_as_of"], "source": r["stated_source"]}
        if r["total_orgs"]:
            tb = r["total_basis"]
            basis = "at least" if "more than" in tb else ("approx" if "some" in tb else "exact")
            rows.append(dict(base, group="all", count=r["total_orgs"], basis=basis,
                             scope=SCOPES.get(r["stp_code"], ""),
                             notes="; ".join(x for x in ("total: " + tb, r["notes"]) if x)))
        for col, group, note in (("stated_ccgs", "commissioner", "CCGs"),
                                 ("stated_nhs_providers", "nhs-provider", "NHS providers"),
                                 ("stated_local_authorities", "local-authority", "local authorities"),
                                 ("stated_non_nhs_partners", "non-nhs", "non-NHS partners"),
                                 ("stated_gp_practices", "primary-care", "GP practices in the footprint")):
            if r[col]:
                rows.append(dict(base, group=group, count=r[col], basis="exact", notes=note))
    assert all(any(r["code"] == c and r["group"] == "all" for r in rows) for c in SCOPES), SCOPES
    write("partner_counts.csv", ["code", "group", "count", "basis", "scope", "as_of", "source",
                                 "notes"], rows)


def waves():
    rows = []
    for r in read("funding_waves.csv"):
        m = re.match(r"wave(\d)", r["wave_id"])
        schemes = re.match(r"(\d+) (schemes|projects)$", r["schemes"])
        notes = r["notes"]
        if r["schemes"] and not schemes:
            notes = (notes + " " if notes else "") + "Schemes: " + r["schemes"] + "."
        rows.append({"wave": "wave" + m.group(1), "name": r["description"],
                     "announced": r["announced"], "national_amount": r["national_amount_gbp"],
                     "schemes": schemes.group(1) if schemes else "", "stps": r["stps"],
                     "source": r["source"], "notes": notes})
    write("waves.csv", ["wave", "name", "announced", "national_amount", "schemes", "stps",
                        "source", "notes"], rows)


def funding():
    kinds = {"scheme": "scheme", "stp_total": "stp-total", "recipient_no_detail": "recipient",
             "nil_award": "nil", "unsuccessful_bid": "unsuccessful-bid"}
    bases = {"as stated": "exact", "up to": "up to", "at least": "at least", "range": "range",
             "not found": ""}
    rows = []
    for r in read("funding.csv"):
        wave = next(v for k, v in WAVE_IDS.items() if r["wave"].startswith(k))  # StopIteration: a new label
        if r["announced"] == "2017-2018":  # "2017-18", a financial year, not a date: left blank
            r = dict(r, announced="")
        kind = kinds[r["row_type"]]
        basis = bases[r["amount_basis"]]
        lo, hi = r["amount_gbp_min"], r["amount_gbp_max"]
        if kind == "unsuccessful-bid":  # a bid that was not funded: its amount is not an award
            lo = hi = basis = ""
        rows.append({"code": r["stp_code"], "wave": wave, "announced": r["announced"],
                     "kind": kind, "scheme": r["scheme"], "amount_min": lo, "amount_max": hi,
                     "basis": basis, "amount_text": r["amount_text"],
                     # the reference marks a disputed amount in its notes ("Uncertain: ...")
                     "uncertain": "yes" if r["notes"].startswith("Uncertain") else "",
                     "source": r["source"], "notes": r["notes"]})
    write("funding.csv", ["code", "wave", "announced", "kind", "scheme", "amount_min",
                          "amount_max", "basis", "amount_text", "uncertain", "source", "notes"], rows)


def designations():
    rows = [{"code": r["stp_code"], "announced": r["announced"], "designation": r["designation"],
             "scope": r["scope"], "scope_note": r["scope_note"], "source": r["source"]}
            for r in read("designations.csv")]
    write("designations.csv", ["code", "announced", "designation", "scope", "scope_note", "source"],
          rows)


def leaders():
    rows = [{"code": r["stp_code"], "leader": r["leader"], "role": r["role_as_stated"],
             "as_of": r["as_of"], "source": r["source"]} for r in read("stp_leaders.csv")]
    write("leaders.csv", ["code", "leader", "role", "as_of", "source"], rows)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    footprints()
    ratings()
    band_totals()
    n_ref, n_out = partners()
    partner_counts()
    waves()
    funding()
    designations()
    leaders()
    print(f"wrote {OUT}: partners {n_ref} reference rows -> {n_out} organisations")
