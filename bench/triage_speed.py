"""Triage speed: comments/s for the whole pipeline (1 and 2 processes), memory, single-comment p99.

Run: python bench/triage_speed.py [--n 200000]. Texts are the labelled set's comments repeated
(real lengths, emoji and obfuscation), so the figure matches what an agency's comments cost.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import time

import numpy as np

from kenali.triage.data_sources import load_labelled
from kenali.triage.pipeline import Triage

BATCH = 4096
# Loaded once in the parent before the workers fork, so they share its pages (copy-on-write),
# as a `kenali triage --db` worker pool would.
_worker: Triage | None = None


def _run(chunk: list[str]) -> tuple[int, float]:
    """Triage a chunk; return its size and this worker's proportional memory (MiB)."""
    assert _worker is not None
    for start in range(0, len(chunk), BATCH):
        _worker.classify(chunk[start:start + BATCH])
    return len(chunk), _pss_mib()


def _pss_mib() -> float:
    """Proportional set size: shared pages count once across the processes sharing them."""
    try:
        with open("/proc/self/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def corpus(n: int) -> list[str]:
    """n comment texts: the labelled set repeated (or a small built-in list without it)."""
    texts = [r.text for r in load_labelled()] or [
        "min jalan depan rumah rusak parah kapan diperbaiki??", "𝗦𝗟𝗢𝗧 𝗚𝗔𝗖𝗢𝗥 cek bio",
        "terima kasih pak 🙏", "pelayanan kelurahan lambat, antri 3 jam"]
    return [texts[i % len(texts)] for i in range(n)]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    args = parser.parse_args()
    texts = corpus(args.n)
    print(f"comments: {len(texts):,}, mean length {np.mean([len(t) for t in texts]):.0f} chars")

    global _worker
    triage = _worker = Triage.load()
    triage.classify(texts[:BATCH])  # warm caches
    print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine skews wall time)")
    for explain in (True, False):
        start, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(texts), BATCH):
            triage.classify(texts[i:i + BATCH], explain=explain)
        wall = len(texts) / (time.perf_counter() - start)
        per_cpu = len(texts) / (time.process_time() - cpu)
        print(f"1 process, explain={explain}: {wall:,.0f} comments/s wall, "
              f"{per_cpu:,.0f} comments per CPU-second")

    chunks = [texts[i:i + 10_000] for i in range(0, len(texts), 10_000)]
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(_run, [texts[:BATCH], texts[:BATCH]], chunksize=1)  # warm both workers
        start = time.perf_counter()
        results = pool.map(_run, chunks, chunksize=1)
        rate = sum(n for n, _ in results) / (time.perf_counter() - start)
    print(f"2 processes (2 cores), explain=True: {rate:,.0f} comments/s")
    print(f"memory while 2 workers ran: parent {_pss_mib():,.0f} MiB + workers "
          f"{max(p for _, p in results):,.0f} MiB each, proportional set size (shared pages once)")

    latencies, cpu_latencies = [], []
    for text in texts[:3000]:
        start, cpu = time.perf_counter(), time.process_time()
        triage.classify([text])
        latencies.append((time.perf_counter() - start) * 1000)
        cpu_latencies.append((time.process_time() - cpu) * 1000)
    print(f"single comment: p50 {np.percentile(latencies, 50):.2f} ms, "
          f"p99 {np.percentile(latencies, 99):.2f} ms wall; "
          f"p99 {np.percentile(cpu_latencies, 99):.2f} ms CPU")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: main {own:,.0f} MiB, largest worker {workers:,.0f} MiB")


if __name__ == "__main__":
    main()
