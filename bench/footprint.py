#!/usr/bin/env python3
"""Side-by-side footprint of tick loggers: time to first tick, RSS and threads while ticking, stop latency.

Each variant is a command that honours LOGFILE and INTERVAL. All variants are measured in the same run,
interleaved round by round, so that the noise of a shared machine hits them alike; the report gives medians
and ratios to the first variant (the reference, app.py).
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

POLL = 0.0005


def wait_for(path, needle, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, encoding="utf-8") as f:
                if needle in f.read():
                    return True
        except FileNotFoundError:
            pass
        time.sleep(POLL)
    return False


def start(command, log, interval):
    env = dict(os.environ, LOGFILE=log, INTERVAL=interval)
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def first_tick(command, workdir):
    """Seconds from exec to the first [tick] line in the file."""
    log = os.path.join(workdir, "first.log")
    if os.path.exists(log):
        os.remove(log)
    began = time.monotonic()
    process = start(command, log, "0.1")
    try:
        if not wait_for(log, "[tick]", 30):
            raise SystemExit(f"no tick within 30 s from {command}")
        return time.monotonic() - began
    finally:
        process.kill()
        process.wait()


def steady_state(command, workdir, seconds):
    """VmRSS (KiB) and thread count after ticking at INTERVAL=0.1 for a while."""
    log = os.path.join(workdir, "steady.log")
    process = start(command, log, "0.1")
    try:
        wait_for(log, "[tick]", 30)
        time.sleep(seconds)
        status = dict(line.split(":", 1) for line in open(f"/proc/{process.pid}/status").read().splitlines())
        return int(status["VmRSS"].split()[0]), int(status["Threads"])
    finally:
        process.kill()
        process.wait()


def stop_latency(command, workdir, interval):
    """Seconds from SIGTERM to exit, sent mid-interval; and the exit status."""
    log = os.path.join(workdir, "stop.log")
    # A fresh file: the previous round's [tick] would let the signal go before this JVM has its handlers.
    if os.path.exists(log):
        os.remove(log)
    process = start(command, log, interval)
    wait_for(log, "[tick]", 30)
    time.sleep(0.3)
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    status = process.wait()
    return time.monotonic() - began, status


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15, help="start-up measurements per variant")
    parser.add_argument("--steady-seconds", type=float, default=3.0)
    parser.add_argument("--stop-interval", default="2", help="INTERVAL while measuring stop latency")
    parser.add_argument("variant", nargs="+", help="NAME=COMMAND (the command split on spaces)")
    args = parser.parse_args()
    variants = [(v.split("=", 1)[0], v.split("=", 1)[1].split()) for v in args.variant]

    with tempfile.TemporaryDirectory(prefix="iterdemo-bench-") as workdir:
        starts = {name: [] for name, _ in variants}
        stops = {name: [] for name, _ in variants}
        statuses = {name: set() for name, _ in variants}
        for _ in range(args.rounds):
            for name, command in variants:
                starts[name].append(first_tick(command, workdir))
        for _ in range(5):
            for name, command in variants:
                latency, status = stop_latency(command, workdir, args.stop_interval)
                stops[name].append(latency)
                statuses[name].add(status)
        steady = {name: steady_state(command, workdir, args.steady_seconds) for name, command in variants}

    reference = variants[0][0]
    ref_start = statistics.median(starts[reference])
    ref_rss = steady[reference][0]
    print(f"{'variant':<16} {'first tick':>11} {'x ref':>6} {'RSS MiB':>8} {'x ref':>6} {'threads':>8}"
          f" {'stop ms':>8} {'exit':>5}")
    for name, _ in variants:
        first = statistics.median(starts[name])
        rss, threads = steady[name]
        stop = statistics.median(stops[name])
        exits = ",".join(str(s) for s in sorted(statuses[name]))
        print(f"{name:<16} {first * 1000:>9.1f}ms {first / ref_start:>6.2f} {rss / 1024:>8.1f} {rss / ref_rss:>6.2f}"
              f" {threads:>8} {stop * 1000:>8.1f} {exits:>5}")
    print(f"(medians of {args.rounds} starts and 5 stops per variant, interleaved; RSS and threads after"
          f" {args.steady_seconds:g} s at INTERVAL=0.1; stop = SIGTERM to exit, sent 0.3 s into a"
          f" {args.stop_interval} s interval)")


if __name__ == "__main__":
    sys.exit(main())
