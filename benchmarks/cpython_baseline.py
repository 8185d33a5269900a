#!/usr/bin/env python3
# The CPython side of the benchmarks: Python's own multiprocessing, measured with the same case
# names, units, workloads and timed regions as the Java cases in
# src/main/java/io/multiprocessing4j/benchmarks/Cases.java, so that the two outputs can be
# compared line by line (compare.py does that).
#
# This is a verbatim copy, below this header, of the reference script the project's figures were
# first measured with (shared/bench/cpython_baseline.py in the project's workspace, which a clone
# does not have). Keep it so: a changed workload or timed region here would make the figures in the
# README incomparable with new ones. CasesMatchTheCPythonScriptTest checks that every Java case
# has a case of the same name and unit here.
#
# Needs only CPython and its standard library (the README's figures: CPython 3.11 on Linux; the
# *_fork and *_forkserver cases need a Unix).
"""CPython multiprocessing figures for side-by-side comparison with multiprocessing4j.

Run:  python3 cpython_baseline.py [case ...]      (no case: all of them)
Each case prints one line: `<case> <value> <unit>`. The Java benchmarks print the same case names
and units, so the two outputs can be joined line by line and compared as ratios taken in one run
on one machine (absolute figures drift between runs on a shared machine).

Cases (2 worker processes unless said otherwise):
  pool_start_fork / _spawn / _forkserver ms   Pool(2) created until the first apply() result is back
  process_start_join_fork / _spawn / _forkserver
                                         ms   Process(target=noop) start() + join(), mean of 20
                                              (forkserver, Linux's default start method from 3.14,
                                              is measured with its server already running)
  map_1M_default_chunks                  tasks/s  pool.map(double, range(1_000_000)), default chunksize
  map_20k_chunksize1                     tasks/s  pool.map(double, range(20_000), chunksize=1)
  apply_latency                          us   one pool.apply(double, (i,)) round trip, 1 worker, mean of 2000
  bytes_roundtrip_1MB                    MB/s pool.apply(identity, (1 MiB bytes,)) there and back, 1 worker
  pipe_rtt                               us   Pipe send+recv echo round trip, mean of 20000
  queue_put_get                          items/s  parent puts 100k small ints, one consumer process
                                              gets them; timed from the first put to the consumer
                                              saying it has all (process start not included)
  lock_inc                               ns/op    2 processes, `with lock: value += 1`, 50k each;
                                              timed from both being ready to both being done
  event_pingpong                         us   two processes hand the turn back and forth through
                                              two Events (set / wait / clear), per round trip,
                                              mean of 5000: the wake-up latency of a blocked waiter
  manager_dict_set                       us   Manager().dict() item assignment, mean of 5000
  manager_remote_dict_set                us   the same through a client that connect()s to a
                                              BaseManager server on 127.0.0.1 with an authkey
"""
import multiprocessing as mp
import os
import sys
import time


def double(x):
    return x * 2


def identity(x):
    return x


def noop():
    pass


def warm_forkserver():
    # forkserver's server is started once per program; measure what later starts cost
    p = mp.get_context('forkserver').Process(target=noop)
    p.start()
    p.join()


def pool_start(method):
    ctx = mp.get_context(method)
    if method == 'forkserver':
        warm_forkserver()
    t = time.perf_counter()
    with ctx.Pool(2) as p:
        p.apply(noop)
    return (time.perf_counter() - t) * 1e3


def process_start_join(method, n=20):
    ctx = mp.get_context(method)
    if method == 'forkserver':
        warm_forkserver()
    t = time.perf_counter()
    for _ in range(n):
        pr = ctx.Process(target=noop)
        pr.start()
        pr.join()
    return (time.perf_counter() - t) / n * 1e3


def map_rate(n, chunksize=None):
    with mp.get_context('fork').Pool(2) as p:
        p.apply(noop)
        t = time.perf_counter()
        out = p.map(double, range(n), chunksize)
        dt = time.perf_counter() - t
    assert out[-1] == (n - 1) * 2
    return n / dt


def apply_latency(n=2000):
    with mp.get_context('fork').Pool(1) as p:
        p.apply(noop)
        t = time.perf_counter()
        for i in range(n):
            p.apply(double, (i,))
        return (time.perf_counter() - t) / n * 1e6


def bytes_roundtrip(n=50):
    payload = os.urandom(1 << 20)
    with mp.get_context('fork').Pool(1) as p:
        p.apply(noop)
        t = time.perf_counter()
        for _ in range(n):
            back = p.apply(identity, (payload,))
        dt = time.perf_counter() - t
    assert back == payload
    return n * 2 * (1 << 20) / dt / 1e6


def echo(conn):
    while True:
        m = conn.recv()
        if m is None:
            break
        conn.send(m)


def pipe_rtt(n=20000):
    a, b = mp.Pipe()
    pr = mp.get_context('fork').Process(target=echo, args=(b,))
    pr.start()
    a.send(0)
    a.recv()
    t = time.perf_counter()
    for i in range(n):
        a.send(i)
        a.recv()
    dt = (time.perf_counter() - t) / n * 1e6
    a.send(None)
    pr.join()
    return dt


def consume(q, n, ready, done):
    q.get()
    ready.set()
    for _ in range(n):
        q.get()
    done.set()


def queue_put_get(n=100_000):
    q, ready, done = mp.Queue(), mp.Event(), mp.Event()
    pr = mp.Process(target=consume, args=(q, n, ready, done))
    pr.start()
    q.put(-1)
    ready.wait()
    t = time.perf_counter()
    for i in range(n):
        q.put(i)
    done.wait()
    dt = time.perf_counter() - t
    pr.join()
    return n / dt


def bump(v, lock, n, start, end):
    start.wait()
    for _ in range(n):
        with lock:
            v.value += 1
    end.wait()


def lock_inc(n=50_000):
    v = mp.Value('i', 0, lock=False)
    lock, start, end = mp.Lock(), mp.Barrier(3), mp.Barrier(3)
    ps = [mp.Process(target=bump, args=(v, lock, n, start, end)) for _ in range(2)]
    for p in ps:
        p.start()
    start.wait()
    t = time.perf_counter()
    end.wait()
    dt = time.perf_counter() - t
    for p in ps:
        p.join()
    assert v.value == 2 * n
    return dt / (2 * n) * 1e9


def pong(ping, pong_, n):
    for _ in range(n + 1):
        ping.wait()
        ping.clear()
        pong_.set()


def event_pingpong(n=5000):
    ping, pong_ = mp.Event(), mp.Event()
    pr = mp.Process(target=pong, args=(ping, pong_, n))
    pr.start()
    ping.set()
    pong_.wait()
    pong_.clear()
    t = time.perf_counter()
    for _ in range(n):
        ping.set()
        pong_.wait()
        pong_.clear()
    dt = (time.perf_counter() - t) / n * 1e6
    pr.join()
    return dt


def manager_dict_set(n=5000):
    with mp.Manager() as m:
        d = m.dict()
        t = time.perf_counter()
        for i in range(n):
            d[i] = i
        return (time.perf_counter() - t) / n * 1e6


def serve_manager(address, key, started):
    from multiprocessing.managers import BaseManager
    shared = {}

    class Server(BaseManager):
        pass
    Server.register('shared', callable=lambda: shared, proxytype=__import__('multiprocessing.managers', fromlist=['DictProxy']).DictProxy)
    server = Server(address=address, authkey=key).get_server()
    started.set()
    server.serve_forever()


def manager_remote_dict_set(n=5000):
    from multiprocessing.managers import BaseManager, DictProxy

    class Client(BaseManager):
        pass
    Client.register('shared', proxytype=DictProxy)
    key = os.urandom(16)
    address = ('127.0.0.1', 0)
    import socket
    with socket.socket() as s:
        s.bind(address)
        address = s.getsockname()
    started = mp.Event()
    pr = mp.Process(target=serve_manager, args=(address, key, started), daemon=True)
    pr.start()
    started.wait()
    m = Client(address=address, authkey=key)
    m.connect()
    d = m.shared()
    t = time.perf_counter()
    for i in range(n):
        d[i] = i
    dt = (time.perf_counter() - t) / n * 1e6
    pr.terminate()
    pr.join()
    return dt


CASES = {
    'pool_start_fork': (lambda: pool_start('fork'), 'ms'),
    'pool_start_spawn': (lambda: pool_start('spawn'), 'ms'),
    'pool_start_forkserver': (lambda: pool_start('forkserver'), 'ms'),
    'process_start_join_fork': (lambda: process_start_join('fork'), 'ms'),
    'process_start_join_spawn': (lambda: process_start_join('spawn'), 'ms'),
    'process_start_join_forkserver': (lambda: process_start_join('forkserver'), 'ms'),
    'map_1M_default_chunks': (lambda: map_rate(1_000_000), 'tasks/s'),
    'map_20k_chunksize1': (lambda: map_rate(20_000, 1), 'tasks/s'),
    'apply_latency': (apply_latency, 'us'),
    'bytes_roundtrip_1MB': (bytes_roundtrip, 'MB/s'),
    'pipe_rtt': (pipe_rtt, 'us'),
    'queue_put_get': (queue_put_get, 'items/s'),
    'lock_inc': (lock_inc, 'ns/op'),
    'event_pingpong': (event_pingpong, 'us'),
    'manager_dict_set': (manager_dict_set, 'us'),
    'manager_remote_dict_set': (manager_remote_dict_set, 'us'),
}

if __name__ == '__main__':
    wanted = sys.argv[1:] or list(CASES)
    for name in wanted:
        fn, unit = CASES[name]
        print(f'{name} {fn():.1f} {unit}', flush=True)
