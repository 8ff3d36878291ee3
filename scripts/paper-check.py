#!/usr/bin/env python3
"""Checks the papers stp-dash writes in a real browser (headless Chromium via chromedriver).

    scripts/paper-check.py STP_DASH [--out DIR] [--briefs all|CODE,...]

1. Accessibility: axe-core (the copy PyPI's axe-selenium-python ships; nothing is fetched)
   runs over `report --format html`, the briefs of Dorset and Greater Manchester and the vector
   map page; every violation is printed with its impact, and any of serious or critical impact
   fails the check.
2. One page: each brief is printed to PDF with its own print CSS (A4) and must fill one page;
   the page count of every brief is printed.

Exit status: 0 all good, 1 a check failed, 77 a tool is missing (the caller reports a skip).
"""
import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def missing(why):
    print(f"paper-check: skipped: {why}")
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    import axe_selenium_python
except ImportError as e:  # pragma: no cover - depends on the machine
    missing(f"python module missing ({e.name}); pip install selenium axe-selenium-python")

AXE = os.path.join(
    os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")


def browser():
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chrome or not driver:
        missing("chromium and chromedriver are needed (Debian: chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(driver), options=opts)


def axe(drv, path):
    drv.get("file://" + path)
    drv.execute_script(open(AXE).read())
    result = drv.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r));")
    return result["violations"]


def pages(drv, path):
    drv.get("file://" + path)
    pdf = drv.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True,
                                                   "displayHeaderFooter": False})
    data = base64.b64decode(pdf["data"])
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stp_dash")
    ap.add_argument("--out", help="keep the files written here")
    ap.add_argument("--briefs", default="all", help="all, or codes separated by commas")
    a = ap.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="paper-check-")
    os.makedirs(out, exist_ok=True)

    def write(name, *args):
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(subprocess.run([a.stp_dash, *args], check=True, capture_output=True).stdout)
        return path

    if a.briefs == "all":
        csv = subprocess.run([a.stp_dash, "league", "--format", "csv"], check=True,
                             capture_output=True, text=True).stdout.splitlines()
        key = csv[0].split(",").index("code")
        codes = [line.split(",")[key] for line in csv[1:]]
    else:
        codes = a.briefs.split(",")
    checked = {
        "report.html": write("report.html", "report", "--format", "html"),
        "brief-dorset.html": write("brief-dorset.html", "brief", "Dorset"),
        "brief-greater-manchester.html": write(
            "brief-greater-manchester.html", "brief", "Greater Manchester"),
        "map-per-head.html": write("map-per-head.html", "map", "--format", "html",
                                   "--by", "per-head"),
    }
    failed = False
    drv = browser()
    try:
        print("axe-core: violations by impact (serious and critical fail)")
        for name, path in checked.items():
            violations = axe(drv, path)
            counts = {}
            for v in violations:
                counts[v["impact"]] = counts.get(v["impact"], 0) + 1
            line = ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) or "none"
            print(f"  {name:32} {line}")
            for v in violations:
                bad = v["impact"] in ("serious", "critical")
                failed |= bad
                print(f"    {'FAIL' if bad else 'note'} {v['impact']}: {v['id']}: {v['help']} "
                      f"({len(v['nodes'])} element(s)), e.g. {v['nodes'][0]['html'][:120]}")
        print("briefs printed on A4 (each must fill one page)")
        counts = {}
        for code in codes:
            n = pages(drv, write(f"brief-{code}.html", "brief", code))
            counts.setdefault(n, []).append(code)
            failed |= n != 1
        for n, cs in sorted(counts.items()):
            print(f"  {n} page(s): {len(cs)} brief(s)" + ("" if n == 1 else ": " + ", ".join(cs)))
    finally:
        drv.quit()
    if failed or a.out:
        print("paper-check: " + ("FAILED" if failed else "ok") + f" (files in {out})")
    else:
        shutil.rmtree(out)
        print("paper-check: ok")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
