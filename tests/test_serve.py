"""The HTTP service, started for real on loopback (uvicorn in a subprocess)."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(env_extra=None, args=()):
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "riskdetect", "serve", "--port", str(port), *args],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])


def _call(base, path, body=None, headers=None, raw=None):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def _post_declared_length(base, path, declared, prefix):
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(declared))
        connection.endheaders(prefix)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server():
    proc, base = _start()
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_check_one_and_many_same_result_shape(server, detector):
    status, body = _call(server, "/v1/check", {"input": "we weten waar je woont"})
    assert status == 200
    assert body["results"][0] == detector.check("we weten waar je woont").to_dict()
    status, body = _call(server, "/v1/check", {"input": ["hoi", "leen je pinpas ff uit voor 200 euro, niemand merkt het"]})
    assert status == 200 and [r["flagged"] for r in body["results"]] == [False, True]


def test_conversation_scan_labels_health_and_openapi(server):
    messages = [{"from": "a", "text": "hoi"}, {"from": "b", "text": "hey"}, {"from": "a", "text": "we weten waar je woont, als je praat ben je dood"}]
    status, body = _call(server, "/v1/conversations/scan", {"messages": messages})
    assert status == 200 and body["alert_index"] == 2 and "threat" in body["alert_labels"]
    assert _call(server, "/v1/labels")[1]["labels"][0]["id"] == "grooming"
    assert "precision_0.90" in _call(server, "/v1/labels")[1]["operating_points"]
    assert _call(server, "/healthz")[1]["status"] == "ok"
    spec = _call(server, "/openapi.json")[1]
    assert {"/v1/check", "/v1/conversations/scan", "/v1/labels", "/healthz"} <= set(spec["paths"])


def test_limits(server):
    # The service answers 413 from the declared length, before the body arrives (a client
    # that keeps sending a large body after that may see the connection closed instead).
    status, body = _post_declared_length(server, "/v1/check", 3_000_000, b'{"input": "aaaa')
    assert status == 413 and "over" in body["detail"]
    status, body = _call(server, "/v1/check", {"input": ["x"] * 1000})
    assert status == 422 and "at most" in body["detail"]
    status, body = _call(server, "/v1/check", {"input": "a" * 150_000})
    assert status == 422 and "longer than" in body["detail"]
    assert _call(server, "/v1/check", {"input": "x", "thresholds": {"nope": 0.5}})[0] == 422
    assert _call(server, "/v1/check", {"input": "x", "thresholds": "precision_0.90"})[0] == 200
    assert _call(server, "/v1/check", {"input": "x", "thresholds": "strict"})[0] == 422


def test_api_key():
    proc, base = _start({"RD_TEST_KEY": "s3cret"}, ["--api-key-env", "RD_TEST_KEY"])
    try:
        assert _call(base, "/v1/check", {"input": "hoi"})[0] == 401
        assert _call(base, "/v1/check", {"input": "hoi"}, {"X-API-Key": "wrong"})[0] == 401
        assert _call(base, "/v1/check", {"input": "hoi"}, {"Authorization": "Bearer s3cret"})[0] == 200
        assert _call(base, "/healthz")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _spec_post_paths_and_names(base):
    """POST paths and every property name in the service's own /openapi.json."""
    spec = _call(base, "/openapi.json")[1]
    paths = sorted(path for path, operations in spec["paths"].items() if "post" in operations)
    names = set()
    for schema in spec.get("components", {}).get("schemas", {}).values():
        names.update(schema.get("properties", {}))
    return paths, sorted(names)


@pytest.fixture(scope="module")
def spec(server):
    return _spec_post_paths_and_names(server)


def _bodies(names):
    leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
    return st.recursive(
        leaves,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(names + ["x"]), children, max_size=4),
        max_leaves=12,
    )


@settings(max_examples=80)
@given(data=st.data())
def test_no_5xx_for_bodies_drawn_from_the_openapi_spec(server, spec, data):
    paths, names = spec
    assert {"/v1/check", "/v1/conversations/scan"} <= set(paths) and {"input", "messages", "thresholds"} <= set(names)
    status, _ = _call(server, data.draw(st.sampled_from(paths)), data.draw(_bodies(names)))
    assert status < 500


def test_bounded_load_no_errors(server):
    texts = ["hoi", "we weten waar je woont", "leen je pinpas uit voor 200 euro", "stuur een selfie, alleen voor mij"]

    def one(i):
        start = time.perf_counter()
        status, _ = _call(server, "/v1/check", {"input": texts[i % 4]})
        return status, time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=32) as pool:
        outcomes = list(pool.map(one, range(2000)))
    assert all(status == 200 for status, _ in outcomes)
    latencies = np.array([t for _, t in outcomes]) * 1000
    print(f"2000 requests at concurrency 32: p50 {np.percentile(latencies, 50):.1f} ms, p99 {np.percentile(latencies, 99):.1f} ms")
