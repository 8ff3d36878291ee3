#!/usr/bin/env python3
"""Start-up on a pseudo-terminal this script reads itself (no tmux, no polling): the time from
the fork to the first frame's last line, for the dashboard and for `less` on the league's text,
interleaved, with the dashboard's phases (STP_DASH_START_LOG) on the same clock.

    scripts/bench-start-pty.py ROUNDS BINARY [BINARY...]

Prints medians in ms. It answers the dashboard's background question at once, as a local
terminal does. Python's fork costs ~2.5 ms of every figure (a static C program reaches its
main at ~2.5 ms here), so compare the figures with each other, not with zero.
"""
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time


def run(argv, marker, log=None):
    if log and os.path.exists(log):
        os.unlink(log)
    t0 = time.time_ns()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8")
        os.environ.pop("NO_COLOR", None)
        if log:
            os.environ["STP_DASH_START_LOG"] = log
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    out, seen = b"", None
    while time.time_ns() - t0 < 2e9:
        if not select.select([fd], [], [], 0.05)[0]:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        out += data
        if b"]11;?" in data:
            os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c")
        if marker in out:
            seen = time.time_ns() - t0
            break
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
    phases = {"seen": seen / 1e6 if seen else float("nan")}
    if log and os.path.exists(log):
        for line in open(log):
            name, ns = line.split()
            phases[name] = (int(ns) - t0) / 1e6
    return phases


def main():
    rounds, binaries = int(sys.argv[1]), sys.argv[2:]
    work = tempfile.mkdtemp()
    league = os.path.join(work, "league.txt")
    with open(league, "w") as f:
        subprocess.run([binaries[0], "league"], stdout=f, check=True)
    log = os.path.join(work, "phases")
    results = {}
    for _ in range(rounds):
        results.setdefault("less", []).append(run(["less", league], b"Dorset"))
        for b in binaries:  # the status line, the frame's last
            results.setdefault(b, []).append(run([b], b"quit", log))
    for name, runs in results.items():
        cells = []
        for key in runs[0]:
            xs = sorted(r[key] for r in runs if key in r)
            cells.append(f"{key} {xs[len(xs) // 2]:.2f}")
        print(f"{name}: " + " | ".join(cells))


main()
