#!/usr/bin/env python3
"""Peak resident memory (VmHWM of /proc/PID/status, so Linux only) of multiprocessing4j's
processes next to CPython's equivalents, medians of alternating rounds, as a Markdown table.

    mvn -q -B package -DskipTests
    python3 benchmarks/memory.py [--rounds 3] [--java /path/to/jdk/bin/java] [--jar other.jar]

The Java side is `java -jar benchmarks/target/multiprocessing4j-benchmarks.jar --memory` (see
Memory.java): an idle child, the spare JVM that replaces it when it ends (warm start), and, after
map_1M_default_chunks's workload (Pool(2), one apply, a map of a million ints), the parent and
each worker. --jar measures another build of the jar (a before/after comparison).

The CPython side measures the same, each round in a fresh interpreter: an idle child started with
spawn (a fresh interpreter, as a JVM child is) and with fork; the forkserver's server, which is
what stands ready to start children as a spare JVM does; and after cpython_baseline.py's
map_rate workload (a fork Pool(2), one apply, pool.map(double, range(1_000_000))) the parent and
each worker.
"""
import argparse
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, 'target', 'multiprocessing4j-benchmarks.jar')
sys.path.insert(0, HERE)
import cpython_baseline  # noqa: E402  (its double and noop, so the workload is the baseline's)

# (label, Java figure, CPython figure); a CPython figure of None has no counterpart
ROWS = [
    ('idle child (CPython: spawn)', 'memory_idle_child', 'memory_idle_child'),
    ('idle child (CPython: fork)', 'memory_idle_child', 'memory_idle_child_fork'),
    ('spare JVM (CPython: the forkserver server)', 'memory_spare', 'memory_forkserver'),
    ('parent after map_1M_default_chunks', 'memory_map_1M_parent', 'memory_map_1M_parent'),
    ('worker 1 after map_1M_default_chunks', 'memory_map_1M_worker_1', 'memory_map_1M_worker_1'),
    ('worker 2 after map_1M_default_chunks', 'memory_map_1M_worker_2', 'memory_map_1M_worker_2'),
]


def peak_kb(pid):
    with open(f'/proc/{pid}/status') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    raise RuntimeError(f'no VmHWM for process {pid}')


def line(name, kb):
    print(f'{name} {kb} kB', flush=True)


def idle_child(method):
    child = mp.get_context(method).Process(target=time.sleep, args=(30,))
    child.start()
    child.join(1)
    try:
        return peak_kb(child.pid)
    finally:
        child.kill()
        child.join()


def forkserver_server():
    from multiprocessing import forkserver
    child = mp.get_context('forkserver').Process(target=cpython_baseline.noop)
    child.start()
    child.join()
    return peak_kb(forkserver._forkserver._forkserver_pid)


def cpython_figures():
    """The CPython side, printed as Memory.java prints the Java side; run in a fresh interpreter."""
    line('memory_idle_child', idle_child('spawn'))
    line('memory_idle_child_fork', idle_child('fork'))
    line('memory_forkserver', forkserver_server())
    with mp.get_context('fork').Pool(2) as pool:
        pool.apply(cpython_baseline.noop)
        workers = [process.pid for process in pool._pool]
        out = pool.map(cpython_baseline.double, range(1_000_000))
        line('memory_map_1M_parent', peak_kb(os.getpid()))
        for i, pid in enumerate(workers):
            line(f'memory_map_1M_worker_{i + 1}', peak_kb(pid))
    assert out[-1] == 1_999_998


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = {}
    for text in out.splitlines():
        parts = text.split()
        if len(parts) == 3 and parts[2] == 'kB':
            figures[parts[0]] = int(parts[1])
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--java', default='java', help='the java executable of the Java side')
    parser.add_argument('--jar', default=JAR, help='the benchmarks jar of the Java side')
    parser.add_argument('--cpython-only', action='store_true', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpython_only:
        cpython_figures()
        return
    java, python = {}, {}
    for round_number in range(args.rounds):
        for name, kb in run([args.java, '-jar', args.jar, '--memory']).items():
            java.setdefault(name, []).append(kb)
        for name, kb in run([sys.executable, os.path.abspath(__file__), '--cpython-only']).items():
            python.setdefault(name, []).append(kb)
        print(f'round {round_number + 1} of {args.rounds} done', file=sys.stderr)
    print('| process | multiprocessing4j (MB) | CPython (MB) | Java / CPython |')
    print('| --- | --- | --- | --- |')
    for label, mine_name, theirs_name in ROWS:
        if mine_name not in java or theirs_name not in python:
            continue
        mine = statistics.median(java[mine_name]) / 1024
        theirs = statistics.median(python[theirs_name]) / 1024
        print(f'| {label} | {mine:.0f} | {theirs:.0f} | {mine / theirs:.1f} |')
    print()
    print('all rounds, Java (kB):', java)
    print('all rounds, CPython (kB):', python)


if __name__ == '__main__':
    main()
