#!/usr/bin/env python3
"""Compares builds of the benchmarks jar on one case: runs the case in a fresh JVM of each jar in
turn, N rounds, and prints each jar's median and, for two jars, the ratio of the second's to the
first's. Every run is a program's first use of everything, the case's cold figure.

    python3 benchmarks/ab.py [--rounds 7] [--java /path/to/jdk/bin/java] CASE before.jar after.jar

A before jar is built from a clone of the commit to compare with (never `mvn install`):

    git clone -q . /tmp/before && (cd /tmp/before && git checkout -q <commit> && mvn -q -B -o package -DskipTests)
    python3 benchmarks/ab.py map_1M_default_chunks /tmp/before/benchmarks/target/multiprocessing4j-benchmarks.jar \\
        benchmarks/target/multiprocessing4j-benchmarks.jar

A run may name its own case after the jar, JAR@CASE, to compare two cases of one build in the same
alternation (the cost of progress: the same map with and without a listener):

    python3 benchmarks/ab.py map_1M_default_chunks app.jar app.jar@map_1M_default_chunks_progress

Alternating is what makes the comparison fair on a shared, noisy machine, as in compare.py.
Beside each figure it prints the CPU time the run took (user and system, of the JVM and every
child it waited for: its workers): on a machine whose cores are shared, a figure of wall time
swings with what else runs, while the CPU a build spends on the same work swings much less.
"""
import argparse
import resource
import statistics
import subprocess
import sys


def measure(java, run, default_case):
    jar, _, case = run.partition('@')
    case = case or default_case
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([java, '-jar', jar, case], check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == case:
            return float(parts[1]), parts[2], cpu
    raise RuntimeError(f'{jar} printed no figure for {case}: {out!r}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rounds', type=int, default=7)
    parser.add_argument('--java', default='java')
    parser.add_argument('case')
    parser.add_argument('jars', nargs='+', help='JAR or JAR@CASE')
    args = parser.parse_args()
    figures = {jar: [] for jar in args.jars}
    cpus = {jar: [] for jar in args.jars}
    unit = ''
    for round_number in range(args.rounds):
        for jar in args.jars:
            value, unit, cpu = measure(args.java, jar, args.case)
            figures[jar].append(value)
            cpus[jar].append(round(cpu, 2))
        print(f'round {round_number + 1} of {args.rounds} done', file=sys.stderr)
    for jar, values in figures.items():
        print(f'{jar}: median {statistics.median(values):,.1f} {unit}, all {values}')
        print(f'{jar}: CPU median {statistics.median(cpus[jar]):.2f} s, all {cpus[jar]}')
    if len(args.jars) == 2:
        first, second = (statistics.median(figures[jar]) for jar in args.jars)
        print(f'second / first = {second / first:.3f}')
        first, second = (statistics.median(cpus[jar]) for jar in args.jars)
        print(f'CPU second / first = {second / first:.3f}')


if __name__ == '__main__':
    main()
