"""Dask scale-out on a real LocalCluster (two worker processes): equal to in-process scoring."""

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

TEXTS = [
    "hoi hoe gaat het", "we weten waar je woont", "leen je pinpas ff uit voor 200 euro, niemand merkt het",
    "zullen we zaterdag voetballen?", "betaal of ik stuur je video naar je school", "eerste jonko is gratis",
] * 7


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_distributed_scores_equal_in_process_row_by_row(client, detector):
    import riskdetect.dask as riskdask

    frame = pd.DataFrame({"text": TEXTS}, index=[f"m{i}" for i in range(len(TEXTS))])
    result = riskdask.score(dd.from_pandas(frame, npartitions=4), column="text", client=client).compute()
    expected = detector.score(frame["text"])
    assert sorted(result.index) == sorted(expected.index)
    result = result.loc[list(expected.index)]
    pd.testing.assert_frame_equal(result.reset_index(drop=True), expected.reset_index(drop=True))


def test_scan_with_scheduler_writes_parquet(client, detector, tmp_path):
    from riskdetect.cli import main

    source = tmp_path / "in"
    source.mkdir()
    pd.DataFrame({"bericht": TEXTS[:21]}).to_parquet(source / "part-0.parquet")
    pd.DataFrame({"bericht": TEXTS[21:]}).to_parquet(source / "part-1.parquet")
    out = tmp_path / "out"
    assert main(["scan", str(source), "--scheduler", client.scheduler.address, "--column", "bericht", "--out", str(out)]) == 0
    result = pd.read_parquet(out)
    expected = detector.score(TEXTS)
    assert len(result) == len(TEXTS)
    assert sorted(result["threat_score"].round(9)) == sorted(expected["threat_score"].round(9))
    assert int(result["flagged"].sum()) == int(expected["flagged"].sum())
