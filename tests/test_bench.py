"""Smoke test of ``python -m riskdetect.bench --quick`` (the figures themselves are benchmarks)."""

import json
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_quick_benchmark_writes_report_json_and_plots(tmp_path, shared):
    out = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, "-m", "riskdetect.bench", "--quick", "--out", str(out), "--shared", str(shared)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "results.json").read_text())
    assert set(report["models"]) == {"riskdetect", "keyword lexicon", "TF-IDF + LogisticRegression", "fastText"}
    ours = report["models"]["riskdetect"]
    assert {"test", "shared_eval", "benign_real", "hatecheck_nl", "obfuscation_recall"} <= set(ours)
    assert set(ours["obfuscation_recall"]) >= {"clean", "leetspeak", "spacing", "homoglyphs", "emoji"}
    hatecheck = ours["hatecheck_nl"]
    assert set(hatecheck["threat_recall_by_functionality"]) == {"threat_dir_h", "threat_norm_h"}
    assert min(hatecheck["threat_recall_by_functionality"].values()) <= hatecheck["threat_recall_on_threat_cases"]
    assert 0.0 <= hatecheck["threat_flag_rate_on_other_hateful"] <= 1.0
    assert "benign_flag_rate_by_register" in ours["test"]
    low, high = ours["shared_eval"]["macro_f1_ci95"]
    assert low <= ours["shared_eval"]["macro_f1"] <= high
    points = ours["operating_points"]
    assert set(points) == {"default", "precision_0.90", "precision_0.95", "f1_within_0.5se"}
    assert points["default"]["test"]["macro_f1"] == ours["test"]["macro_f1"]
    for set_name, benign in ours["benign_real"].items():
        # Stricter thresholds flag a subset of what the default flags.
        assert points["precision_0.95"]["benign_real"][set_name]["flag_rate"] <= benign["flag_rate"] or any(
            points["precision_0.95"]["thresholds"][l] < points["default"]["thresholds"][l] for l in points["default"]["thresholds"]
        )
    assert "### Operating points" in (out / "report.md").read_text()
    assert report["speed"]["ratios_single_core"]["fastText"] > 0
    assert {"conversations"} <= set(report["conversations"]["corpus_test"])
    for name in ("report.md", "precision_recall.png", "calibration.png", "throughput.png"):
        assert (out / name).stat().st_size > 0
    assert "| riskdetect |" in proc.stdout


def test_missing_corpus_is_a_clear_error(tmp_path, capsys):
    from riskdetect.bench import main

    with pytest.raises(SystemExit) as stopped:
        main(["--quick", "--data", str(tmp_path)])
    assert stopped.value.code == 2
    message = capsys.readouterr().err
    assert "no corpus messages" in message and "--data" in message
