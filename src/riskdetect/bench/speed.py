"""Speed measurements: batch throughput (one core and all cores), latency, load time, memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from multiprocessing import get_context

import numpy as np

__all__ = ["interleaved_throughput", "parallel_throughput", "latency", "load_and_memory"]


def interleaved_throughput(predicts: dict, texts, repeats: int = 5) -> dict:
    """Messages per second of each ``predict(texts)`` in one process, best of ``repeats`` runs,
    the systems' runs interleaved (A, B, C, A, B, C, ...): on a shared machine load comes in
    bursts, and timing one system's runs back to back can put all of them in a slow spell.

    >>> rates = interleaved_throughput({"upper": lambda t: [x.upper() for x in t]}, ["a"] * 100, 2)
    >>> rates["upper"] > 0
    True
    """
    best = {}
    for name, predict in predicts.items():
        predict(texts[:50])  # warm-up: lazy vocabularies, caches
        best[name] = float("inf")
    for _ in range(repeats):
        for name, predict in predicts.items():
            start = time.perf_counter()
            predict(texts)
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: len(texts) / seconds for name, seconds in best.items()}


_WORKER = {}


def _clean(text: str) -> str:
    from .peers import FastTextPeer

    return FastTextPeer._clean(text)


def _init_ours(model_path):
    from riskdetect import Detector

    _WORKER["predict"] = Detector.load(model_path).predict_proba


def _init_fasttext(model_path):
    import fasttext

    _WORKER["fasttext"] = fasttext.load_model(model_path)
    _WORKER["predict"] = _fasttext_predict


def _fasttext_predict(texts):
    return _WORKER["fasttext"].predict([_clean(t) for t in texts], k=-1, threshold=0.0)


def _run(chunk):
    _WORKER["predict"](chunk)
    return len(chunk)


def parallel_throughput(kind: str, model_path, texts, processes: int | None = None, repeats: int = 3) -> float:
    """Messages per second over ``processes`` worker processes (default: all cores), best of
    ``repeats`` passes, as the single-core figure is. Each worker gets four chunks per pass:
    small chunks (500 texts) paid the fixed cost of a batch call and a round trip each time,
    and measured the pool rather than the model."""
    processes = processes or os.cpu_count() or 1
    initializer = _init_ours if kind == "ours" else _init_fasttext
    size = max(500, -(-len(texts) // (processes * 4)))
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    best = float("inf")
    with get_context("spawn").Pool(processes, initializer=initializer, initargs=(str(model_path),)) as pool:
        pool.map(_run, [chunk[:200] for chunk in chunks[:processes]] * 2, chunksize=1)  # warm-up in every worker
        for _ in range(repeats):
            start = time.perf_counter()
            done = sum(pool.map(_run, chunks, chunksize=1))
            best = min(best, time.perf_counter() - start)
    return done / best


def latency(call, texts) -> dict:
    """p50 and p99 single-message latency in milliseconds."""
    call(texts[0])
    samples = []
    for text in texts:
        start = time.perf_counter()
        call(text)
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(float(np.percentile(samples, 50)), 3), "p99_ms": round(float(np.percentile(samples, 99)), 3)}


_PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
kind, path, sample = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if kind == "ours":
    import riskdetect
    t1 = time.perf_counter()
    detector = riskdetect.Detector.load(path)
    detector.predict_proba(sample[:1])
    t2 = time.perf_counter()
    detector.predict_proba(sample)
else:
    import fasttext
    t1 = time.perf_counter()
    model = fasttext.load_model(path)
    model.predict(sample[0])
    t2 = time.perf_counter()
    model.predict([s.lower() for s in sample], k=-1, threshold=0.0)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "peak_rss_mb": peak}))
"""


def load_and_memory(kind: str, model_path, sample) -> dict:
    """Import time, model load time (to first prediction) and peak memory, in a fresh process."""
    output = subprocess.run(
        [sys.executable, "-c", _PROBE, kind, str(model_path), json.dumps(sample[:1000])],
        capture_output=True, check=True, text=True,
    ).stdout
    values = json.loads(output.strip().splitlines()[-1])
    return {key: round(value, 3) for key, value in values.items()}
