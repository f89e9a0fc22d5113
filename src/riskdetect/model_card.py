"""Write ``MODEL_CARD.md`` for a trained model directory from its metadata and metrics."""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_model_card", "metrics_table"]


def metrics_table(result: dict) -> str:
    lines = ["| label | precision | recall | F1 | PR-AUC | support |", "|---|---:|---:|---:|---:|---:|"]
    for label, m in result["labels"].items():
        lines.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['pr_auc']:.3f} | {m['support']} |")
    lines.append(
        f"\nmacro-F1 {result['macro_f1']:.3f}, micro-F1 {result['micro_f1']:.3f}, benign false-positive rate "
        f"{result['benign_fpr']:.3f} (n = {result['n']})" + (f", ECE {result['ece']:.3f}" if "ece" in result else "")
    )
    return "\n".join(lines)


def _register_table(result: dict) -> str:
    groups = result.get("benign_flag_rate_by_register") or {}
    if not groups:
        return "(no register field in this data)"
    lines = ["| register | benign messages | flag rate |", "|---|---:|---:|"]
    lines += [f"| {name} | {g['n']} | {g['flag_rate']:.3f} |" for name, g in groups.items()]
    return "\n".join(lines)


def _operating_points_section(points: dict | None) -> list[str]:
    """Per label and operating point: threshold, test precision and test recall."""
    if not points:
        return []
    names = list(points)
    labels = list(points[names[0]])
    return [
        "## Operating points",
        "Other threshold sets saved with the model, chosen on the validation split; pass a name as "
        "`thresholds` (Python, HTTP) or `--threshold` (CLI). Each cell: threshold, then precision / recall "
        "on the test split. A `precision_*` point whose target is out of reach on validation uses 0.95. "
        "An `f1_within_*se` point moves the best-F1 threshold up while the validation F1 stays within that "
        "many bootstrap standard errors of the best: validation can hardly tell it from the best, and it "
        "flags no more.",
        "",
        "| label | " + " | ".join(f"`{name}`" for name in names) + " |",
        "|---|" + "---:|" * len(names),
        *[
            f"| {label} | "
            + " | ".join(
                f"{points[name][label]['threshold']:.2f}: {points[name][label]['precision']:.2f} / {points[name][label]['recall']:.2f}"
                for name in names
            )
            + " |"
            for label in labels
        ],
        "",
    ]


def write_model_card(directory, metadata: dict, metrics: dict) -> Path:
    sections = [
        f"# Model card: {metadata['model_version']}",
        "",
        "## Intended use",
        "Flagging online risk signals aimed at minors in Dutch (Netherlands and Flemish) chat text, as a "
        "triage aid for human moderators, youth-safety teams and researchers: "
        + ", ".join(f"`{label}`" for label in metadata["labels"])
        + ". Every flag comes with evidence spans; a person decides what happens next.",
        "",
        "## Out-of-scope use",
        "Automated sanctions without human review; judging adults' consensual conversations; languages other "
        "than Dutch; legal evidence; profiling people or groups. The model sees text only: it does not know "
        "ages, relationships or context outside the message or conversation.",
        "",
        "## Training data",
        f"Files: {', '.join(metadata['training_files'])} (sha256 of the files {metadata['training_data_sha256'][:16]}...). "
        "The default model is trained on the project's hand-written Dutch corpus (see `datasets/README.md`): "
        "fictional, non-graphic messages and conversations written for this purpose, with seeded augmentation "
        "of the training split only. Thresholds are chosen on the validation split (the median best-F1 threshold "
        "over bootstrap resamples of it); metrics below are on data "
        "the model never trained on.",
        "",
        "## Thresholds",
        "| label | threshold |",
        "|---|---:|",
        *[f"| {label} | {value:.2f} |" for label, value in metadata["thresholds"].items()],
        "",
        *_operating_points_section(metrics.get("operating_points")),
        "## Metrics on the held-out test split",
        metrics_table(metrics["test"]) if "test" in metrics else "(no test split)",
        "",
    ]
    for key, result in metrics.items():
        if key.startswith("report:"):
            sections += [
                f"## Metrics on the independent evaluation set `{key[7:]}`",
                "Written by people outside the team; never used for training or threshold choice.",
                "",
                metrics_table(result),
                "",
            ]
    if metadata.get("conversation_scorer"):
        settings = ", ".join(f"{k} {v}" for k, v in metadata["conversation_scorer"].items())
        validation = metrics.get("conversation_validation", {})
        sections += [
            "## Conversation scorer",
            f"Fitted on the validation conversations: {settings}. On those "
            f"{validation.get('n', '?')} conversations: recall {validation.get('recall', float('nan')):.3f}, "
            f"false-alarm rate {validation.get('false_alarm_rate', float('nan')):.3f}. "
            "See the benchmark for conversations no part of the model was fitted on.",
            "",
        ]
    if "test" in metrics:
        sections += [
            "## Fairness: benign flag rate per register (test split)",
            "A model that flags slang or Flemish as crime shows up here.",
            "",
            _register_table(metrics["test"]),
            "",
        ]
    sections += [
        "## Known failure modes",
        "- Subtle messages whose risk lies only in the situation (an adult's 'ben je alleen thuis?') score "
        "lower than explicit ones; use conversation-level scanning for them.",
        "- Benign look-alikes (prevention lessons, parents about bank cards, gaming trash talk) can still be "
        "flagged when they copy a lure's wording closely.",
        "- The corpus is hand-written and fictional: real traffic has more noise, other slang and new tricks.",
        "- Obfuscation beyond what the normaliser folds (images, voice, unusual scripts) is not seen.",
        "- The model reads text, not genre: film and book dialogue that is itself a threat ('Eén stap "
        "dichterbij en ...') is flagged, and emotional second-person lines from films are the most common "
        "false `threat` flags on real subtitles (see the benchmark's flagged-lines list).",
        "- Short lines made of phrases that are common in threats ('ik zou niet weten ...', 'u hoort van ons', "
        "'kom ik ...') can score as `threat` with nothing threatening in them: the model weighs word pairs, "
        "and in a three-word line a few such pairs decide the score.",
        "- Validation F1 is flat near its best over a wide threshold range, so the chosen thresholds trade "
        "precision for recall almost freely. The best-F1 thresholds suit splits that are half risky; on "
        "benign-heavy real traffic use a stricter operating point (an `f1_within_*se` point for a small step, "
        "`precision_0.90` for a large one, see above); `precision_0.90` cut the real-subtitle flag rates "
        "several-fold in the benchmark.",
        "- Bare situational questions from the grooming data ('ben je alleen?') also occur between peers; "
        "on their own they can raise a `grooming` flag.",
        "- Counter-speech that quotes a threat against a group in order to reject or report it, and profanity "
        "near words of violence, can be flagged as `threat`: the model sees the quoted threat. In the benchmark "
        "this is the any-flag rate on HateCheck-NL's non-hateful cases.",
        "",
        "## Ethical considerations",
        "All training text is fictional and non-graphic, with no real personal data. The library runs "
        "offline and stores or sends nothing. False positives fall on young people's ordinary speech, so "
        "review the fairness table before deployment and keep a human in the loop.",
        "",
        f"Library version {metadata['library_version']}, created {metadata['created']}, seed {metadata['seed']}.",
        "",
    ]
    path = Path(directory) / "MODEL_CARD.md"
    path.write_text("\n".join(sections), encoding="utf-8")
    return path
