"""Input boundaries: arbitrary Unicode through the CLI reader and conversations, nothing dropped silently."""

import contextlib
import io
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskdetect.cli import main
from riskdetect.data.io import CorpusError
from riskdetect.privacy import redact
from riskdetect.train import TrainConfig, train

any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=25)
@given(lines=st.lists(st.one_of(any_text.map(lambda t: t.encode("utf-8")), st.just(b"\xff\xfe broken"), st.just(b"ok")), max_size=8))
def test_cli_reader_rows_in_equal_rows_out_plus_reported(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("scan") / "in.txt"
    raw = b"\n".join(line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines)
    path.write_bytes(raw)
    code, out, err = _run("scan", str(path), "--skip-bad")
    assert code == 0
    rows_in = 0
    for line in raw.split(b"\n"):
        try:
            rows_in += bool(line.decode("utf-8").strip())
        except UnicodeDecodeError:
            rows_in += 1
    scored = [json.loads(x) for x in out.splitlines()]
    skipped = err.count("skipped ")
    assert len(scored) + skipped == rows_in
    for row in scored:
        assert all(0.0 <= v <= 1.0 for v in row["category_scores"].values())


@settings(max_examples=25)
@given(st.lists(st.one_of(any_text, st.builds(dict, text=any_text, **{"from": st.sampled_from(["a", "b"])})), max_size=6))
def test_scan_conversation_arbitrary_unicode(detector, messages):
    first = detector.scan_conversation(messages)
    second = detector.scan_conversation(messages)
    assert first.to_dict() == second.to_dict()
    for risk in first.rolling_risk:
        assert all(0.0 <= v <= 1.0 for v in risk.values())
    assert first.alert_index is None or 0 <= first.alert_index < len(messages)


def test_long_conversation_message(detector):
    scan = detector.scan_conversation(["hoi", "x" * 1_000_000, "we weten waar je woont"])
    assert len(scan.rolling_risk) == 3


def test_train_reports_broken_line_then_skips_it(root, tmp_path):
    source = [json.loads(line) for line in (root / "datasets" / "messages_threat.jsonl").read_text(encoding="utf-8").splitlines()][:300]
    path = tmp_path / "t.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in source]
    lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = TrainConfig(calibration_cv=0, augment_variants=0, word_min_df=1, char_min_df=1)
    with pytest.raises(CorpusError, match=r"t.jsonl:6"):
        train([path], tmp_path / "m", config=config, progress=False)
    metrics = train([path], tmp_path / "m", config=config, progress=False, skip_bad=True)
    assert metrics["n_records"] == 300
    assert len(metrics["skipped"]) == 1 and "t.jsonl:6" in metrics["skipped"][0]


def test_redact_masks_every_kind():
    text = "bel 06-12345678, mail jan@voorbeeld.nl, iban NL00 BANK 0000 0000 00, insta @geld_snel"
    masked = redact(text)
    for secret in ("06-12345678", "jan@voorbeeld.nl", "NL00 BANK", "@geld_snel"):
        assert secret not in masked
    assert masked.count("[") == 4


def test_errors_do_not_leak_message_text(detector):
    from riskdetect import InvalidInputError

    with pytest.raises(InvalidInputError) as info:
        detector.score(["geheim bericht van een kind", 3])
    assert "geheim" not in str(info.value)
    assert np.isnan(detector.score(["geheim", None], errors="skip").iloc[1, 0])


special = st.sampled_from(["\u200d", "\u200b", "\u202e", "\u200f", "\u0301", "\ud800", "\udfff", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "  ", "\t"])
hostile = st.lists(st.one_of(any_text, special, st.just("we weten waar je woont")), max_size=6).map("".join)


@settings(max_examples=40)
@given(st.lists(hostile, min_size=1, max_size=4))
def test_check_and_score_survive_hostile_unicode(detector, texts):
    frame = detector.score(texts)
    values = frame[[c for c in frame.columns if c.endswith("_score")]].to_numpy()
    assert ((values >= 0) & (values <= 1)).all()
    for text in texts:
        result = detector.check(text)
        assert result.to_dict() == detector.check(text).to_dict()
        for span in result.evidence:
            assert text[span.start : span.end] == span.text


def test_score_one_megabyte_rows(detector):
    frame = detector.score(["a" * 1_000_000, "we weten waar je woont " * 40_000, ""])
    assert len(frame) == 3 and frame.loc[1, "threat_flag"]
