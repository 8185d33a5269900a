#!/usr/bin/env python3
"""Runs the Java benchmarks and the CPython baseline alternately, N rounds each, and prints the
median of each case and the Java/CPython ratio, as a Markdown table.

    mvn -q -B package -DskipTests
    python3 benchmarks/compare.py [--rounds 5] [--java /path/to/jdk/bin/java] [case ...]

The CPython side is benchmarks/cpython_baseline.py, beside this script; --baseline names another.
The Java side runs with `java` from the PATH unless --java names another (to compare JDKs).

A Java case is compared with the CPython case of the same name, except those in PAIRS: warm
start, the JVM's counterpart of forkserver, is compared with forkserver.

Alternating the two in one run on one machine is the only fair comparison on a shared, noisy
machine: each round of one is next in time to a round of the other.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, 'target', 'multiprocessing4j-benchmarks.jar')
DEFAULT_BASELINE = os.path.join(HERE, 'cpython_baseline.py')
# higher is better for these units; lower is better for the others (ms, us)
HIGHER_IS_BETTER = {'tasks/s', 'MB/s', 'items/s'}
# Java case -> the CPython case it is compared with, where the names differ
PAIRS = {
    'pool_start_warm': 'pool_start_forkserver',
    'process_start_join_warm': 'process_start_join_forkserver',
    # issue 12: a map with a progress listener, against CPython's plain map
    'map_1M_default_chunks_progress': 'map_1M_default_chunks',
    # the same map through mapAsync(...).join() without a listener: what the asynchronous map costs
    'map_1M_default_chunks_async': 'map_1M_default_chunks',
}


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            figures[parts[0]] = (float(parts[1]), parts[2])
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--baseline', default=DEFAULT_BASELINE)
    parser.add_argument('--java', default='java', help='the java executable of the Java side')
    parser.add_argument('cases', nargs='*')
    args = parser.parse_args()
    java = {}
    python = {}
    for round_number in range(args.rounds):
        for case, figure in run([args.java, '-jar', JAR] + args.cases).items():
            java.setdefault(case, []).append(figure)
        cases = list(java) if not args.cases else args.cases
        baseline_cases = list(dict.fromkeys(PAIRS.get(case, case) for case in cases))
        for case, figure in run([sys.executable, args.baseline] + baseline_cases).items():
            python.setdefault(case, []).append(figure)
        print(f'round {round_number + 1} of {args.rounds} done', file=sys.stderr)
    print('| case | unit | multiprocessing4j (median) | CPython (median) | Java / CPython |')
    print('| --- | --- | --- | --- | --- |')
    for case, figures in java.items():
        unit = figures[0][1]
        baseline = PAIRS.get(case, case)
        mine = statistics.median(value for value, _ in figures)
        theirs = statistics.median(value for value, _ in python.get(baseline, [(float('nan'), unit)]))
        ratio = mine / theirs
        better = 'higher is better' if unit in HIGHER_IS_BETTER else 'lower is better'
        name = f'`{case}`' if baseline == case else f'`{case}` vs `{baseline}`'
        print(f'| {name} | {unit} | {mine:,.1f} | {theirs:,.1f} | {ratio:.2f} ({better}) |')
    print()
    print('all rounds, Java:', {case: [value for value, _ in figures] for case, figures in java.items()})
    print('all rounds, CPython:', {case: [value for value, _ in figures] for case, figures in python.items()})


if __name__ == '__main__':
    main()
