#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal whose input arrives late, as over a slow SSH link: every
byte from the terminal (keys, and its answers to queries) reaches the command LAG seconds
(default 0.15) after it was sent. Output is passed on at once.

Usage: LAG=0.15 scripts/slow-link.py COMMAND [ARG...]    (inside a terminal, e.g. tmux)
       scripts/slow-link.py --check BINARY   (CI: the dashboard behind a 150 ms link starts on
                                              the league, with no key it was not sent)
"""
import collections, fcntl, os, pty, select, struct, subprocess, sys, termios, time, tty


def relay(argv, delay):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    rows, cols = struct.unpack("hh", fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 4))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("hhhh", rows, cols, 0, 0))
    old = termios.tcgetattr(0)
    tty.setraw(0)
    queue = collections.deque()
    try:
        while True:
            timeout = max(0, queue[0][0] - time.time()) if queue else None
            ready, _, _ = select.select([0, fd], [], [], timeout)
            now = time.time()
            while queue and queue[0][0] <= now:
                os.write(fd, queue.popleft()[1])
            if 0 in ready:
                data = os.read(0, 4096)
                if not data:
                    break
                queue.append((now + delay, data))
            if fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                os.write(1, data)
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, old)


def check(binary):
    """Before 2026-12-03 the terminal's late answer to the background query was read as keys:
    behind a 120 ms link every start opened help."""
    sock = f"stp-slow-{os.getpid()}"
    t = lambda *a: subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *a],
                                  capture_output=True, text=True).stdout
    me = os.path.abspath(__file__)
    t("new-session", "-d", "-s", "s", "-x", "120", "-y", "40",
      f"LANG=C.UTF-8 TERM=xterm-256color LAG=0.15 python3 '{me}' '{os.path.abspath(binary)}'")
    try:
        screen, deadline = "", time.time() + 20
        while "1 League" not in screen and time.time() < deadline:
            time.sleep(0.1)
            screen = t("capture-pane", "-p", "-t", "s")
        time.sleep(1.0)  # late answers would have arrived by now
        screen = t("capture-pane", "-p", "-t", "s")
        ok = "1 League" in screen and "Help" not in screen and "Pos/" in screen
        print(f"slow link (150 ms): {'PASS' if ok else 'FAIL'}")
        if not ok:
            print(screen)
        return 0 if ok else 1
    finally:
        t("kill-server")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        sys.exit(check(sys.argv[2]))
    relay(sys.argv[1:], float(os.environ.get("LAG", "0.15")))
