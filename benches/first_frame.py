#!/usr/bin/env python3
"""Whole-process time from starting sempre to its first frame on the
terminal (issue 11): runs BINARY in a pseudo-terminal of 160x48 with the
store STORE, waits until the screen shows TEXT, then quits with q.
Prints the time in milliseconds for each of RUNS runs, then the median.

Usage: first_frame.py BINARY STORE TEXT [RUNS]
"""
import os, pty, select, statistics, struct, sys, time, fcntl, termios

def once(binary, store, text):
    env = dict(os.environ, SEMPRE_STORE=store, SEMPRE_LANG="en", TERM="xterm-256color",
               XDG_CONFIG_HOME=os.path.join(store, "..", "first-frame-config"))
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    seen = b""
    want = text.encode()
    elapsed = None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if want in seen:
            elapsed = (time.monotonic() - start) * 1000
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed

def main():
    binary, store, text = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    times = [once(binary, store, text) for _ in range(runs)]
    print(" ".join(f"{t:.0f}" if t else "timeout" for t in times), "ms")
    ok = [t for t in times if t]
    if ok:
        print(f"median {statistics.median(ok):.0f} ms")

main()
