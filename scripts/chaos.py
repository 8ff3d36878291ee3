#!/usr/bin/env python3
"""Seeded, bounded chaos test of the dashboard in tmux.

Random keys and resizes while a helper rewrites the data files every 50 ms (sometimes invalid,
sometimes in place, sometimes by rename; sometimes a FIFO or a link to /dev/zero in a file's
place; sometimes the release link above the data directory swapped, as a deploy does;
sometimes boundaries.geojson: squares, a comb slow to lay out, or broken). Passes
when the dashboard never dies or hangs, shows the last good data at the end, and SIGHUP ends it
within 1 s with the terminal restored.

Usage: scripts/chaos.py [--binary PATH] [--seed N] [--keys N] [--resizes N]
"""
import argparse, atexit, os, random, shutil, subprocess, sys, tempfile, threading, time

# Every key but those that quit on purpose (q at the top, Q, F10).
KEYS = ["j", "k", "Down", "Up", "PageDown", "PageUp", "g", "G", "Home", "End", "Tab", "BTab",
        "1", "2", "3", "4", "Enter", "Escape", "/", "d", "o", "r", "s", "S", "m", "*", "t", "?",
        "n", "N", "p", "b", ".", "Space", "Left", "Right", "e", "x", "C-l", "BSpace", "5", "a",
        ":", "<", ">", "h", "l", "y", "Y", "F1", "|", "6", "7", "8", "v", "i"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/debug/stp-dash")
    ap.add_argument("--seed", type=int, default=2017)
    ap.add_argument("--keys", type=int, default=5000)
    ap.add_argument("--resizes", type=int, default=50)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    binary = os.path.abspath(a.binary)
    work = tempfile.mkdtemp(prefix="stp-chaos-")
    # Two releases and a link naming the current one: the dashboard reads work/current/data.
    for r in ("r1", "r2"):
        subprocess.run([binary, "export-data", os.path.join(work, "releases", r, "data")], check=True,
                       stdout=subprocess.DEVNULL)
    os.symlink("releases/r1", os.path.join(work, "current"))
    data = os.path.join(work, "current", "data")
    exports = os.path.join(work, "exports")
    os.mkdir(exports)
    status_file = os.path.join(work, "status")
    sock = f"stp-chaos-{os.getpid()}"
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]

    def t(*args):
        return subprocess.run(tmux + list(args), capture_output=True, text=True).stdout

    # However it ends (a failure exits early), the dashboard and its files go: a dashboard left
    # running on a CI machine skews every figure measured after it.
    atexit.register(lambda: (t("kill-server"), shutil.rmtree(work, ignore_errors=True)))

    t("new-session", "-d", "-s", "c", "-x", "120", "-y", "40",
      f"LANG=C.UTF-8 TERM=xterm-256color '{binary}' --data '{data}' --export-dir '{exports}'; "
      f"echo $? > '{status_file}'", ";", "set-option", "-t", "c", "remain-on-exit", "on")
    deadline = time.time() + 10
    while "League" not in t("capture-pane", "-p", "-t", "c"):
        if time.time() > deadline:
            sys.exit("chaos: the dashboard did not start")
        time.sleep(0.05)
    shell = t("display-message", "-p", "-t", "c", "#{pane_pid}").strip()
    pid = int(open(f"/proc/{shell}/task/{shell}/children").read().split()[0])

    footprints = os.path.join(data, "footprints.csv")
    funding = os.path.join(data, "funding.csv")
    boundaries = os.path.join(data, "boundaries.geojson")
    original = open(footprints).read()
    shapes = boundary_variants([line.split(",")[0] for line in original.splitlines()[1:]])
    original_funding = open(funding).read()
    stop = threading.Event()
    writes = {"valid": 0, "invalid": 0, "fifo": 0, "device": 0, "swap": 0, "boundaries": 0}

    def regular(path):
        return os.path.isfile(path) and not os.path.islink(path)

    def restore_funding():
        if not regular(funding) or read_bytes(funding) != original_funding.encode():
            tmp = funding + ".tmp"
            with open(tmp, "w") as f:
                f.write(original_funding)
            os.replace(tmp, funding)

    def rewriter():
        helper = random.Random(a.seed + 1)
        n = 0
        while not stop.is_set():
            n += 1
            roll = helper.random()
            if roll < 0.05:  # a deploy: the release link swapped (ln -sfn), the data as it was
                cur = os.readlink(os.path.join(work, "current"))
                other = "releases/r2" if cur.endswith("r1") else "releases/r1"
                link_tmp = os.path.join(work, "current.tmp")
                os.symlink(other, link_tmp)
                os.replace(link_tmp, os.path.join(work, "current"))
                writes["swap"] += 1
                time.sleep(0.05)
                continue
            if roll < 0.10:  # a FIFO or a link to an endless device where a data file was
                target = funding
                tmp = target + ".tmp"
                if helper.random() < 0.5:
                    os.mkfifo(tmp)
                    writes["fifo"] += 1
                else:
                    os.symlink("/dev/zero", tmp)
                    writes["device"] += 1
                os.replace(tmp, target)
                time.sleep(0.05)
                continue
            if roll < 0.20:  # boundaries: squares, a 100,000-tooth comb (seconds to lay
                # out in a debug build, during which the map redraws), or broken ones
                kind = helper.choice(sorted(shapes))
                target, content = boundaries, shapes[kind]
                writes["boundaries"] += 1
            elif roll < 0.35:  # invalid: a negative amount, or a half-written file
                if helper.random() < 0.5:
                    text = original_funding.replace(",100000000,,at least,", ",-1,,at least,", 1)
                    target, content = funding, text
                else:
                    target, content = footprints, original[: helper.randrange(1, len(original))]
                writes["invalid"] += 1
            else:
                target, content = footprints, original.replace("E54000041,Dorset,", f"E54000041,Dorset v{n},", 1)
                writes["valid"] += 1
                restore_funding()
            # An editor's save (temporary file, then rename over), or in place; never in place
            # over a FIFO or a link (that would block, or write to the device).
            if helper.random() < 0.5 or not regular(target):
                tmp = target + ".tmp"
                with open(tmp, "w") as f:
                    f.write(content)
                os.replace(tmp, target)
            else:
                with open(target, "w") as f:
                    f.write(content)
            time.sleep(0.05)

    helper = threading.Thread(target=rewriter)
    helper.start()
    sent = 0
    resize_every = max(1, a.keys // max(1, a.resizes))
    try:
        while sent < a.keys:
            batch = [rng.choice(KEYS) for _ in range(min(20, a.keys - sent))]
            t("send-keys", "-t", "c", *batch)
            sent += len(batch)
            if sent // resize_every != (sent - len(batch)) // resize_every:
                w, h = rng.choice([(1, 1), (20, 5), (44, 10), (60, 15), (80, 24), (120, 40), (200, 60)])
                t("resize-window", "-t", "c", "-x", str(w), "-y", str(h))
            if not alive(pid):
                sys.exit(f"chaos: the dashboard died after {sent} keys: status {read(status_file)}")
            time.sleep(0.01)
    finally:
        stop.set()
        helper.join()

    # Keys are sent faster than a loaded machine (a debug build beside the fuzzers) answers them:
    # let the dashboard work through what it was sent, so the keys below find it where it is.
    drained = settle(pid)

    # The last good data must show: a final valid write with a marker, then the league.
    t("resize-window", "-t", "c", "-x", "120", "-y", "40")
    restore_funding()
    with open(boundaries + ".tmp", "w") as f:
        f.write(shapes["squares"])
    os.replace(boundaries + ".tmp", boundaries)
    with open(footprints + ".tmp", "w") as f:
        f.write(original.replace("E54000041,Dorset,", "E54000041,Dorset FINAL,", 1))
    os.replace(footprints + ".tmp", footprints)
    time.sleep(0.5)
    t("send-keys", "-t", "c", "p")  # leave presentation if it is on; harmless otherwise
    screen = ""
    deadline = time.time() + 15
    while time.time() < deadline:
        settle(pid, limit=5)
        for keys in (["Escape", "Escape", "Escape"], ["p"], ["Escape"], ["1", "g"]):
            t("send-keys", "-t", "c", *keys)
            time.sleep(0.1)
        t("send-keys", "-t", "c", "/", "D", "o", "r", "s", "e", "t", "Space", "F", "Enter")
        time.sleep(0.3)
        screen = t("capture-pane", "-p", "-t", "c")
        if "Dorset FINAL" in screen and "Not reloaded" not in screen:
            break
    if "Dorset FINAL" not in screen:
        sys.exit("chaos: the screen does not show the last good data:\n" + screen)
    if not alive(pid):
        sys.exit("chaos: the dashboard died at the end")

    # SIGHUP in the middle of all this: gone within a second, terminal restored.
    sent_at = time.time()
    os.kill(pid, 1)
    while read(status_file) == "" and time.time() - sent_at < 1.0:
        time.sleep(0.005)
    elapsed = time.time() - sent_at
    status = read(status_file)
    restored = ""
    for _ in range(100):
        restored = t("display-message", "-p", "-t", "c", "#{alternate_on}").strip()
        if restored == "0":
            break
        time.sleep(0.01)
    t("kill-server")
    shutil.rmtree(work, ignore_errors=True)
    ok = status == "129" and elapsed < 1.0 and restored == "0"
    print(f"chaos seed {a.seed}: {sent} keys, {a.resizes} resizes, {writes['valid']} valid and "
          f"{writes['invalid']} invalid rewrites, {writes['fifo']} FIFOs, {writes['device']} device "
          f"links, {writes['swap']} release swaps, {writes['boundaries']} boundaries rewrites; "
          f"caught up {drained:.1f} s after the last key; last good data shown; SIGHUP exit {status} after "
          f"{int(elapsed * 1000)} ms, alternate screen off: {restored == '0'} -> {'PASS' if ok else 'FAIL'}")
    sys.exit(0 if ok else 1)


def boundary_variants(codes):
    """boundaries.geojson texts: valid squares for every code, a comb of 100,000 teeth for the
    first (valid, slow to lay out), a half-written file and a ring in grid metres (errors)."""
    def feature(code, ring):
        pts = ",".join(f"[{x:.6f},{y:.6f}]" for x, y in ring)
        return ('{"type":"Feature","properties":{"code":"%s"},"geometry":{"type":"Polygon",'
                '"coordinates":[[%s]]}}' % (code, pts))

    def square(i):
        lon, lat = -5 + (i % 8) * 0.9, 50.2 + (i // 8) * 0.8
        return [(lon, lat), (lon + .8, lat), (lon + .8, lat + .7), (lon, lat + .7), (lon, lat)]

    def collection(features):
        return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"

    squares = collection(feature(c, square(i)) for i, c in enumerate(codes))
    n = 100_000
    comb = [(-5 + 6 * k / n, 49.0 + 0.5 * (k % 2)) for k in range(n)] + [(1, 48.5), (-5, 48.5)]
    comb.append(comb[0])
    combed = collection([feature(codes[0], comb)] + [feature(c, square(i)) for i, c in enumerate(codes) if i])
    metres = squares.replace("[-5.000000,50.200000]", "[400000,100000]", 1)
    return {"squares": squares, "comb": combed, "half": squares[: len(squares) // 2], "metres": metres}


def cpu_ticks(pid):
    """User and system time of the process (all its threads), in clock ticks."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return -1


def settle(pid, limit=60.0):
    """Waits until the process has used no CPU for 0.3 s (it has answered every key it was
    sent), at most `limit` seconds; returns the seconds waited."""
    start = time.time()
    last, quiet_since = cpu_ticks(pid), time.time()
    while time.time() - start < limit:
        time.sleep(0.05)
        now = cpu_ticks(pid)
        if now != last:
            last, quiet_since = now, time.time()
        elif time.time() - quiet_since >= 0.3:
            break
    return time.time() - start


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b""


def read(path):
    try:
        return open(path).read().strip()
    except FileNotFoundError:
        return ""


if __name__ == "__main__":
    main()
