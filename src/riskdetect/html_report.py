"""A self-contained HTML page for moderators: messages or conversations with highlighted evidence.

No external assets (no fonts, scripts or images from the network): the page opens offline.

>>> from riskdetect.result import Result, Span
>>> r = Result(True, {"threat": True}, {"threat": 0.9}, [Span("threat", 3, 8, "weten", "leverage")], "m-1")
>>> "<mark" in render_messages([("we weten het", r)])
True
"""

from __future__ import annotations

import html

__all__ = ["render_messages", "render_conversations", "highlight"]

_COLOURS = {
    "grooming": "#f4a3c0", "sextortion": "#f6b26b", "money_mule": "#9fc5e8",
    "drug_lure": "#b6d7a8", "threat": "#ea9999",
}
_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;max-width:60rem;color:#222}
h1{font-size:1.4rem} .item{border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}
.flagged{border-left:6px solid #c00} .meta{font-size:.85rem;color:#555;margin-top:.4rem}
.msg{padding:.3rem .5rem;margin:.2rem 0;border-radius:4px} .msg.alert{outline:2px solid #c00}
.who{font-weight:600;margin-right:.5rem;color:#444} .alertnote{color:#c00;font-weight:600}
mark{border-radius:3px;padding:0 .1rem} .legend span{display:inline-block;padding:0 .4rem;margin-right:.4rem;border-radius:3px}
table.scores{border-collapse:collapse;font-size:.8rem} table.scores td{padding:0 .5rem}
"""


def _label_colour(label: str) -> str:
    return _COLOURS.get(label, "#ddd")


def highlight(text: str, spans) -> str:
    """``text`` as HTML with every evidence span wrapped in ``<mark>`` (overlaps split into segments)."""
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((max(0, span.start), min(len(text), span.end)))
    points = sorted(cuts)
    out = []
    for start, end in zip(points, points[1:]):
        covering = [s for s in spans if s.start <= start and end <= s.end]
        piece = html.escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        labels = sorted({s.label for s in covering})
        cues = sorted({f"{s.label}: {s.cue}" + (" (n-gram)" if s.source == "ngram" else "") for s in covering})
        out.append(
            f'<mark data-labels="{html.escape(" ".join(labels))}" title="{html.escape("; ".join(cues))}" '
            f'style="background:{_label_colour(labels[0])}">{piece}</mark>'
        )
    return "".join(out)


def _scores(result) -> str:
    cells = "".join(
        f"<td>{html.escape(label)} {score:.2f}{' &#9873;' if result.categories.get(label) else ''}</td>"
        for label, score in result.category_scores.items()
    )
    return f'<table class="scores"><tr>{cells}</tr></table>'


def _page(title: str, body: list[str], labels) -> str:
    legend = "".join(f'<span style="background:{_label_colour(l)}">{html.escape(l)}</span>' for l in labels)
    return (
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=\"legend\">{legend}</p>"
        + "".join(body)
        + "</body></html>\n"
    )


def render_messages(items, title: str = "riskdetect: messages") -> str:
    """``items``: ``(text, Result)`` pairs."""
    body, labels = [], []
    for number, (text, result) in enumerate(items, start=1):
        labels = list(result.categories)
        flagged = " flagged" if result.flagged else ""
        verdict = ", ".join(result.labels) if result.flagged else "not flagged"
        body.append(
            f'<div class="item{flagged}" id="m{number}"><div>{highlight(text, result.evidence)}</div>'
            f'<div class="meta">#{number}: {html.escape(verdict)} · model {html.escape(result.model_version)}</div>'
            f"{_scores(result)}</div>"
        )
    return _page(title, body, labels)


def render_conversations(items, title: str = "riskdetect: conversations") -> str:
    """``items``: ``(conversation_id, texts, speakers, ConversationScan)`` tuples."""
    body, labels = [], []
    for conversation_id, texts, speakers, scan in items:
        labels = list(scan.labels)
        flagged = " flagged" if scan.result.flagged else ""
        lines = []
        for k, text in enumerate(texts):
            alert = k == scan.alert_index
            risk = max(scan.rolling_risk[k].values()) if scan.rolling_risk else 0.0
            who = html.escape(str(speakers[k])) if speakers[k] is not None else ""
            note = f' <span class="alertnote">&#9888; alert: {html.escape(", ".join(scan.alert_labels))}</span>' if alert else ""
            lines.append(
                f'<div class="msg{" alert" if alert else ""}" data-index="{k}"><span class="who">{who}</span>'
                f"{highlight(text, scan.stage_cues[k])}{note}"
                f' <span class="meta">risk {risk:.2f}</span></div>'
            )
        verdict = (
            f"alert at message {scan.alert_index}: {', '.join(scan.alert_labels)}" if scan.alert_index is not None else "no alert"
        )
        body.append(
            f'<div class="item{flagged}"><div class="meta">{html.escape(str(conversation_id))} · {html.escape(verdict)}</div>'
            + "".join(lines)
            + f"{_scores(scan.result)}</div>"
        )
    return _page(title, body, labels)
