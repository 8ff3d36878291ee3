#!/usr/bin/env python3
"""Figures for following a presentation (issue 25), printed for BENCHMARKS.md.

    scripts/bench-share.py [STP_DASH] [--followers 10] [--many 50] [--keys 40]

In tmux, each program in a session of its own, on a private XDG_RUNTIME_DIR:
1. Latency: a presenter (the dashboard with P pressed, 120x40) and N followers (80x24).
   Each j on the presenter changes the view; STP_DASH_SHARE_LOG stamps when the presenter sent
   it and when each follower drew it (one monotonic clock). Median and worst of view-to-frame.
2. Load: the presenter's key-to-frame time (STP_DASH_KEY_LOG) and RSS with 0 followers and with
   M followers; each follower's RSS; and wake-ups (voluntary context switches) of every process
   over 5 s with nothing changing.
Figures are printed, not judged: the targets (50 ms median / 100 ms worst with 10 followers;
+2 ms and +2 MB for the presenter with 50; 12 MB per follower; 0 wake-ups idle) are compared in
the output for the reader.
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("stp_dash", nargs="?", default=".build/release/stp-dash")
ap.add_argument("--followers", type=int, default=10)
ap.add_argument("--many", type=int, default=50)
ap.add_argument("--keys", type=int, default=40)
a = ap.parse_args()
exe = os.path.abspath(a.stp_dash)
work = tempfile.mkdtemp(prefix="bench-share-")
xdg = os.path.join(work, "xdg")
os.mkdir(xdg, 0o700)
sock = f"bench-share-{os.getpid()}"
phase = 0


def fresh():
    """A tmux server of its own for each phase."""
    global sock, phase
    tmux("kill-server")
    phase += 1
    sock = f"bench-share-{os.getpid()}-{phase}"


def tmux(*args):
    return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *args],
                          capture_output=True, text=True).stdout


def start(session, w, h, cmd, env=""):
    full = f"exec env LANG=C.UTF-8 TERM=xterm-256color XDG_RUNTIME_DIR={xdg} {env} {cmd}"
    tmux("new-session", "-d", "-s", session, "-x", str(w), "-y", str(h), full)


def pid(session):
    return int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())


def status(p, field):
    for line in open(f"/proc/{p}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def screen(session):
    return tmux("capture-pane", "-p", "-t", session)


def wait(session, text, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        if text in screen(session):
            return True
        time.sleep(0.02)
    return False


def key_times(path):
    try:
        return [int(l.split()[0]) for l in open(path) if l.strip()]
    except FileNotFoundError:
        return []


def presenter(keylog, sharelog):
    start("pres", 120, 40, f"{exe}", env=f"STP_DASH_KEY_LOG={keylog} STP_DASH_SHARE_LOG={sharelog}")
    assert wait("pres", "Dorset"), screen("pres")
    tmux("send-keys", "-t", "pres", "P")
    assert wait("pres", "sharing"), screen("pres")
    name = re.search(r"sharing (?:as )?'([^']+)'", screen("pres")).group(1)
    return name


def press(n, gap=0.1):
    for i in range(n):
        tmux("send-keys", "-t", "pres", "j" if (i // 20) % 2 == 0 else "k")
        time.sleep(gap)


try:
    # 1. Latency with N followers.
    share_log = os.path.join(work, "pres.share")
    name = presenter(os.path.join(work, "keys0"), share_log)
    logs = []
    for i in range(a.followers):
        log = os.path.join(work, f"f{i}.share")
        logs.append(log)
        start(f"f{i}", 80, 24, f"{exe} follow {name}", env=f"STP_DASH_SHARE_LOG={log}")
    for i in range(a.followers):
        assert wait(f"f{i}", "following"), screen(f"f{i}")
    time.sleep(0.5)
    mark = time.monotonic()
    press(a.keys)
    time.sleep(0.5)
    shared = [int(l.split()[1]) for l in open(share_log) if l.startswith("shared")]
    shared = [t for t in shared if t / 1e6 >= mark - 0.05]
    lat = []
    for log in logs:
        drawn = sorted(int(l.split()[1]) for l in open(log) if l.startswith("followed"))
        for t in shared:
            later = [d for d in drawn if d >= t]
            if later:
                lat.append((later[0] - t) / 1000)
    if os.environ.get("BENCH_SHARE_DEBUG"):
        print("latencies in order (ms):", " ".join(f"{x:.1f}" for x in lat))
    lat.sort()
    print(f"view to follower's frame, {a.followers} followers, {len(shared)} views: "
          f"median {statistics.median(lat):.2f} ms, 95th {lat[int(len(lat) * 0.95)]:.2f} ms, "
          f"worst {max(lat):.2f} ms "
          f"(target 50 / 100 ms); {len(lat)} frames")
    tmux("kill-server")

    # 2. Load: the presenter alone, then with many followers.
    def presenter_run(n):
        fresh()
        keylog = os.path.join(work, f"keys{n}")
        name = presenter(keylog, os.path.join(work, f"pres{n}.share"))
        for i in range(n):
            start(f"m{i}", 80, 24, f"{exe} follow {name}")
        for i in range(n):
            assert wait(f"m{i}", "following", 20), screen(f"m{i}")
        time.sleep(1)
        p = pid("pres")
        rss_before = status(p, "VmRSS")
        skip = len(key_times(keylog))
        press(a.keys)
        time.sleep(0.5)
        times = key_times(keylog)[skip:]
        rss = status(p, "VmRSS")
        # Idle: nothing changes for 5 s.
        pids = [p] + [pid(f"m{i}") for i in range(n)]
        before = {q: status(q, "voluntary_ctxt_switches") for q in pids}
        time.sleep(5)
        wakes = {q: status(q, "voluntary_ctxt_switches") - before[q] for q in pids}
        frss = [status(q, "VmRSS") for q in pids[1:]]
        tmux("kill-server")
        return statistics.median(times), max(times), rss_before, rss, frss, wakes, p

    m0, w0, r0, r0b, _, wk0, p0 = presenter_run(0)
    mn, wn, rn, rnb, frss, wkn, pn = presenter_run(a.many)
    print(f"presenter key to frame: alone median {m0} µs (worst {w0}); with {a.many} followers "
          f"median {mn} µs (worst {wn}); difference {(mn - m0) / 1000:+.2f} ms (target within 2 ms)")
    print(f"presenter RSS: alone {r0b / 1024:.1f} MB; with {a.many} followers {rnb / 1024:.1f} MB; "
          f"growth {(rnb - r0b) / 1024:+.1f} MB (target at most 2 MB)")
    print(f"follower RSS: median {statistics.median(frss) / 1024:.1f} MB, largest "
          f"{max(frss) / 1024:.1f} MB (budget 12 MB for the static build; this is {a.stp_dash})")
    idle = sum(v for q, v in wkn.items())
    print(f"idle 5 s with {a.many} followers: {idle} wake-ups in all "
          f"(presenter {wkn[pn]}, followers {idle - wkn[pn]}); target 0")
finally:
    tmux("kill-server")
