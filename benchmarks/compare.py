#!/usr/bin/env python3
"""Runs the Java benchmarks and the CPython baseline alternately, N rounds each, and prints the
median of each case and the Java/CPython ratio, as a Markdown table.

    mvn -q -B package -DskipTests
    python3 benchmarks/compare.py [--rounds 5] [case ...]

The CPython side is benchmarks/cpython_baseline.py, beside this script; --baseline names another.

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
    parser.add_argument('cases', nargs='*')
    args = parser.parse_args()
    java = {}
    python = {}
    for round_number in range(args.rounds):
        for case, figure in run(['java', '-jar', JAR] + args.cases).items():
            java.setdefault(case, []).append(figure)
        cases = list(java) if not args.cases else args.cases
        for case, figure in run([sys.executable, args.baseline] + cases).items():
            python.setdefault(case, []).append(figure)
        print(f'round {round_number + 1} of {args.rounds} done', file=sys.stderr)
    print('| case | unit | multiprocessing4j (median) | CPython (median) | Java / CPython |')
    print('| --- | --- | --- | --- | --- |')
    for case, figures in java.items():
        unit = figures[0][1]
        mine = statistics.median(value for value, _ in figures)
        theirs = statistics.median(value for value, _ in python.get(case, [(float('nan'), unit)]))
        ratio = mine / theirs
        better = 'higher is better' if unit in HIGHER_IS_BETTER else 'lower is better'
        print(f'| `{case}` | {unit} | {mine:,.1f} | {theirs:,.1f} | {ratio:.2f} ({better}) |')
    print()
    print('all rounds, Java:', {case: [value for value, _ in figures] for case, figures in java.items()})
    print('all rounds, CPython:', {case: [value for value, _ in figures] for case, figures in python.items()})


if __name__ == '__main__':
    main()
