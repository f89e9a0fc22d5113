import json
import subprocess
import sys
import warnings

import pytest

from riskdetect.cli import main


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_scan_example_file_flags_risky_lines_only(capsys, root):
    code, out, err = run(capsys, "scan", str(root / "examples" / "chats.jsonl"))
    assert code == 0
    rows = {json.loads(line)["id"]: json.loads(line) for line in out.splitlines()}
    risky = {"ex-02", "ex-04", "ex-06", "ex-07", "ex-08", "ex-11"}
    assert {i for i, r in rows.items() if r["flagged"]} == risky
    assert "12 messages scored" in err


def test_scan_explain_only_flagged_and_thresholds(capsys, root):
    code, out, _ = run(capsys, "scan", str(root / "examples" / "chats.jsonl"), "--only-flagged", "--explain")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["flagged"] for r in rows)
    assert all(r["evidence"] for r in rows)
    for row in rows:
        for span in row["evidence"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]
    code, out, _ = run(capsys, "scan", str(root / "examples" / "chats.jsonl"), "--only-flagged", "--threshold", "1.0")
    assert out == ""
    code, strict, _ = run(capsys, "scan", str(root / "examples" / "chats.jsonl"), "--threshold", "precision_0.95")
    code, default, _ = run(capsys, "scan", str(root / "examples" / "chats.jsonl"))
    assert code == 0 and _flagged_ids(strict) <= _flagged_ids(default)
    code, out, err = run(capsys, "scan", str(root / "examples" / "chats.jsonl"), "--threshold", "strict")
    assert code == 2 and "unknown operating point 'strict'" in err and out == ""


def _flagged_ids(out: str) -> set:
    return {row["id"] for row in map(json.loads, out.splitlines()) if row["flagged"]}


def test_scan_broken_line_fails_naming_it_then_skip_bad(capsys, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "we weten waar je woont"}\n{"text": broken\n{"text": "hoi"}\n', encoding="utf-8")
    code, out, err = run(capsys, "scan", str(path))
    assert code == 2 and "in.jsonl:2" in err and out == ""
    code, out, err = run(capsys, "scan", str(path), "--skip-bad")
    assert code == 0
    assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 3]
    assert "skipped" in err and "in.jsonl:2" in err and "1 skipped" in err


def test_scan_csv_text_and_stdin(capsys, tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text("bericht\nhoi\nleen je pinpas uit voor 200 euro\n", encoding="utf-8")
    code, _, err = run(capsys, "scan", str(csv))
    assert code == 2 and "--column" in err
    code, out, _ = run(capsys, "scan", str(csv), "--column", "bericht")
    assert code == 0 and len(out.splitlines()) == 2
    text = tmp_path / "in.txt"
    text.write_text("hoi\n\nwe weten waar je woont\n", encoding="utf-8")
    code, out, _ = run(capsys, "scan", str(text))
    assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 3]
    proc = subprocess.run(
        [sys.executable, "-m", "riskdetect", "scan", "-"], input="we weten waar je woont\n".encode(),
        capture_output=True, check=True,
    )
    assert json.loads(proc.stdout.decode().splitlines()[0])["categories"]["threat"]


def test_scan_redact(capsys, tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("leen je pinpas uit, bel 06-12345678 of @geld_snel\n", encoding="utf-8")
    _, out, _ = run(capsys, "scan", str(path), "--redact", "--explain")
    row = json.loads(out)
    assert "06-12345678" not in out and "@geld_snel" not in out
    assert "[telefoon]" in row["text"]


def test_labels_and_version(capsys):
    code, out, _ = run(capsys, "labels", "--json")
    assert [x["id"] for x in json.loads(out)] == ["grooming", "sextortion", "money_mule", "drug_lure", "threat"]
    with pytest.raises(SystemExit):
        main(["--version"])


def test_data_validate_and_stats(capsys, root, tmp_path):
    files = [str(p) for p in sorted((root / "datasets").glob("*.jsonl"))]
    code, out, _ = run(capsys, "data", "validate", *files)
    assert code == 0 and out == ""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "hoi", "labels": ["nope"], "register": "teen_chat", "platform": "sms", "split": "train"}\n{bad\n', encoding="utf-8")
    code, out, _ = run(capsys, "data", "validate", str(bad))
    assert code == 1
    assert "bad.jsonl:1: labels: unknown label 'nope'" in out and "bad.jsonl:2: malformed JSON" in out
    code, out, _ = run(capsys, "data", "stats", str(root / "datasets"), "--check")
    assert code == 0 and "Floors: all met" in out and "| grooming |" in out


def test_eval_contract_messages_and_benign(capsys, tmp_path):
    path = tmp_path / "m.jsonl"
    rows = [
        {"text": "we weten waar je woont", "labels": ["threat"]},
        {"text": "hoi hoe gaat het", "labels": []},
        {"text": "iets", "labels": ["spam"]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--data", str(path), "--json")
    report = json.loads(out)
    assert set(report) >= {"n", "macro_f1", "micro_f1", "benign_fpr", "labels"}
    assert set(report["labels"]["threat"]) == {"precision", "recall", "f1", "support", "pr_auc"}
    assert report["unknown_labels"] == ["spam"]
    benign = tmp_path / "b.txt"
    benign.write_text("goedemorgen\nwat een mooi weer\n", encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--data", str(benign), "--benign", "--json")
    report = json.loads(out)
    assert report["n"] == 2 and set(report) == {"n", "flag_rate", "per_label_flag_rate"}


@pytest.mark.parametrize("sep", ["\\t", "tab", "\t"])
def test_eval_benign_reads_a_tab_separator_however_the_shell_passes_it(capsys, tmp_path, sep):
    path = tmp_path / "real.txt"
    path.write_text("goedemorgen allemaal\tjoy\nwat een mooi weer, echt\tjoy\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas reads a literal "\t" as a regex, with a ParserWarning
        code, out, _ = run(capsys, "eval", "--data", str(path), "--benign", "--sep", sep, "--column", "0", "--json")
    assert code == 0 and json.loads(out)["n"] == 2


def test_eval_benign_rejects_a_separator_of_several_characters(capsys, tmp_path):
    path = tmp_path / "real.csv"
    path.write_text("goedemorgen\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "--data", str(path), "--benign", "--sep", "::", "--json")
    assert code != 0 and "--sep" in err


def test_data_split_joins_new_near_duplicates_to_the_corpus_split(capsys, tmp_path):
    old = tmp_path / "old.jsonl"
    old_line = {"id": "o-1", "text": "ik lig echt helemaal dood van het lachen 😂😂", "labels": [], "split": "test"}
    old.write_text(json.dumps(old_line, ensure_ascii=False) + "\n", encoding="utf-8")
    new = tmp_path / "new.jsonl"
    rows = [
        {"id": "n-1", "text": "ik lig echt helemaal dood van het lachen 😂", "labels": []},
        {"id": "n-2", "text": "hoe laat begint de training morgen", "labels": []},
    ]
    new.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    before = old.read_text(encoding="utf-8")
    code, _, err = run(capsys, "data", "split", str(new), "--against", str(old), str(new))
    assert code == 0 and "assigned a split to 2 records" in err
    written = [json.loads(line) for line in new.read_text(encoding="utf-8").splitlines()]
    assert written[0]["split"] == "test" and written[1]["split"] in {"train", "validation", "test"}
    assert old.read_text(encoding="utf-8") == before
