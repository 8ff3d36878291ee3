#!/usr/bin/env python3
"""Boundaries at scale (issue 26): a user's boundaries.geojson of 1M positions, read, laid out
and drawn; 200,000 features that match no STP validated.

Cases, written to a temporary directory beside the embedded data (`stp-dash export-data`):
  real-1m   the ONS footprints of ../shared/geo, each edge cut into equal steps to ~1M positions
            (skipped when that file is absent)
  comb-1m   one footprint a comb of 1,000,000 teeth, every edge spanning its whole band of rows
            (the worst case for a scanline: every edge crosses every row it spans)
  miss-200k 200,000 small features whose codes are not STPs (a CCG or LSOA file by mistake)
For each: the file's size; `validate` and `map --size 120x40` as whole processes (median of 3,
wall time and peak RSS); peak RSS over the file's size, net of the process's own RSS with the
embedded data. In the dashboard (tmux, 120x40): from pressing 5 to the map on screen, and from
pressing 3 during that to the Funding pane on screen (keys are answered while the map is made).

Usage: scripts/bench-boundaries.py [BINARY]   (default .build/release/stp-dash)
"""
import json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/stp-dash")
SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "geo",
                      "stp17_apr2017_dissolved_from_lsoa11.geojson")


def run(args):
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(args[0], args)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(args, times=3):
    runs = [run(args) for _ in range(times)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def write_case(root, name, features):
    d = os.path.join(root, name)
    subprocess.run([BINARY, "export-data", d], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(d, "boundaries.geojson"), "w") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, feat in enumerate(features):
            f.write(("," if i else "") + feat + "\n")
        f.write("]}\n")
    return d


def feature(code, rings):
    body = ",".join("[" + ",".join("[%.6f,%.6f]" % p for p in r) + "]" for r in rings)
    return ('{"type":"Feature","properties":{"code":"%s"},"geometry":{"type":"Polygon",'
            '"coordinates":[%s]}}' % (code, body))


def square(i):
    lon, lat = -5 + (i % 8) * 0.9, 50.2 + (i // 8) * 0.8
    return [(lon, lat), (lon + .8, lat), (lon + .8, lat + .7), (lon, lat + .7), (lon, lat)]


def cases(root, codes):
    out = {}
    if os.path.exists(SHARED):
        g = json.load(open(SHARED))
        polys = []
        for f in g["features"]:
            geo = f["geometry"]
            rings = geo["coordinates"] if geo["type"] == "Polygon" else [r for p in geo["coordinates"] for r in p]
            polys.append((f["properties"]["stp17cd"], rings))
        n = sum(len(r) for _, rs in polys for r in rs)
        k = max(1, round(1_000_000 / n))

        def dense(r):
            o = [(a[0] + (b[0] - a[0]) * i / k, a[1] + (b[1] - a[1]) * i / k)
                 for a, b in zip(r, r[1:]) for i in range(k)]
            return o + [tuple(r[-1])]
        # Polygon rings only (holes kept as rings of the one polygon: the outline first).
        feats = [feature(code, [dense(r) for r in rings]) for code, rings in polys]
        out["real-1m"] = write_case(root, "real-1m", feats)
    n = 1_000_000
    comb = [(-5 + 6 * t / n, 49.0 + 0.5 * (t % 2)) for t in range(n)] + [(1, 48.5), (-5, 48.5)]
    comb.append(comb[0])
    out["comb-1m"] = write_case(root, "comb-1m", [feature(codes[0], [comb])] +
                                [feature(c, [square(i)]) for i, c in enumerate(codes) if i])
    miss = ['{"type":"Feature","properties":{"code":"X%d"},"geometry":{"type":"Polygon",'
            '"coordinates":[[[0,50],[1,50],[1,51],[0,50]]]}}' % i for i in range(200_000)]
    out["miss-200k"] = write_case(root, "miss-200k", miss)
    return out


def positions(path):
    text = open(path).read()
    return text.count("[") - text.count("[[") - 1  # close enough for the label: every position opens one


def dashboard(d):
    """Seconds from 5 to the map on screen, and from 3 (pressed meanwhile) to Funding."""
    sock = f"bench-bnd-{os.getpid()}"
    t = ["tmux", "-L", sock, "-f", "/dev/null"]
    cap = lambda: subprocess.run(t + ["capture-pane", "-p", "-t", "b"], capture_output=True, text=True).stdout
    subprocess.run(t + ["new-session", "-d", "-s", "b", "-x", "120", "-y", "40",
                        f"LANG=C.UTF-8 TERM=xterm-256color exec '{BINARY}' --data '{d}'"])
    try:
        deadline = time.time() + 30
        while "1 League" not in cap() and time.time() < deadline:
            time.sleep(0.01)
        start = time.perf_counter()
        subprocess.run(t + ["send-keys", "-t", "b", "5"])
        key_took = None
        pressed = None
        while time.perf_counter() - start < 60:
            s = cap()
            if pressed is None and "Drawing the map" in s:
                pressed = time.perf_counter()
                subprocess.run(t + ["send-keys", "-t", "b", "3"])
            if pressed is not None and key_took is None and "W1 £325m: " in s:
                key_took = time.perf_counter() - pressed
                subprocess.run(t + ["send-keys", "-t", "b", "5"])
            if "Boundaries: boundaries.geojson" in s and "Drawing the map" not in s and "5 Map" in s \
                    and (pressed is None or key_took is not None):
                return time.perf_counter() - start, key_took
            time.sleep(0.002)
        return None, key_took
    finally:
        subprocess.run(t + ["kill-server"], capture_output=True)


def main():
    root = tempfile.mkdtemp(prefix="bench-boundaries-")
    try:
        base = os.path.join(root, "base")
        subprocess.run([BINARY, "export-data", base], check=True, stdout=subprocess.DEVNULL)
        codes = [l.split(",")[0] for l in open(os.path.join(base, "footprints.csv")).read().splitlines()[1:]]
        _, base_rss, _ = measure([BINARY, "validate", "--data", base])
        print(f"binary {BINARY}; own peak RSS with the embedded data: {base_rss:.1f} MB")
        for name, d in cases(root, codes).items():
            path = os.path.join(d, "boundaries.geojson")
            mb = os.path.getsize(path) / 1e6
            v_t, v_rss, v_rc = measure([BINARY, "validate", "--data", d])
            m_t, m_rss, _ = measure([BINARY, "map", "--data", d, "--size", "120x40"])
            print(f"{name}: {mb:.1f} MB file; validate {v_t:.2f} s (exit {v_rc}), peak {v_rss:.0f} MB "
                  f"= {(v_rss - base_rss) / mb:.2f}x the file net (target <= 3x); map 120x40 {m_t:.2f} s, "
                  f"peak {m_rss:.0f} MB")
            if name != "miss-200k":
                shown, key = dashboard(d)
                if shown is None:
                    print("  dashboard: the map was not seen")
                elif key is None:
                    print(f"  dashboard: 5 to map on screen {shown:.2f} s (no 'Drawing the map' frame seen)")
                else:
                    print(f"  dashboard: 5 to map on screen {shown:.2f} s; 3 pressed while drawing answered in "
                          f"{key * 1000:.0f} ms (tmux polling included)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
