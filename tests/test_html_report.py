import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from riskdetect.cli import main
from riskdetect.html_report import highlight
from riskdetect.result import Span


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks, self._open, self.external = [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark":
            self._open = [attrs.get("data-labels"), ""]
        for key in ("src", "href"):
            if attrs.get(key):
                self.external.append(attrs[key])

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "mark" and self._open is not None:
            self.marks.append(tuple(self._open))
            self._open = None


def _joined(marks, label):
    """The text of the marks carrying ``label``, adjacent segments joined."""
    return "".join(text for labels, text in marks if label in labels.split())


def test_highlight_escapes_and_splits_overlaps():
    text = "<b>we weten waar je woont</b>"
    spans = [Span("threat", 3, 25, text[3:25], "leverage"), Span("threat", 6, 11, "weten", "weten", "ngram")]
    page = highlight(text, spans)
    assert "&lt;b&gt;" in page and "<b>" not in page
    parser = _Marks()
    parser.feed(page)
    assert "".join(t for _, t in parser.marks) == "we weten waar je woont"


def test_explain_text_output_and_html(capsys, root, tmp_path):
    assert main(["explain", str(root / "examples" / "conversations.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "ex-c1: alert at message 4 (grooming)" in out and "ex-c2: no alert" in out
    page = tmp_path / "c.html"
    assert main(["explain", str(root / "examples" / "conversations.jsonl"), "--html", str(page)]) == 0
    parser = _Marks()
    parser.feed(page.read_text(encoding="utf-8"))
    assert parser.external == []
    assert "niks tegen je ouders" in _joined(parser.marks, "grooming")


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (.ci/run installs it)")
def test_html_report_opens_in_headless_chromium_with_spans_in_the_dom(root, tmp_path):
    page = tmp_path / "m.html"
    assert main(["explain", str(root / "examples" / "chats.jsonl"), "--html", str(page)]) == 0
    dom = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    parser = _Marks()
    parser.feed(dom)
    labels = {label for labels, _ in parser.marks for label in labels.split()}
    assert {"money_mule", "threat", "grooming"} <= labels
    assert "we weten waar je woont" in _joined(parser.marks, "threat")
