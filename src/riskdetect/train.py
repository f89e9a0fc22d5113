"""Training pipeline: labelled corpus in, versioned model directory with metrics and model card out.

>>> # riskdetect train --data datasets/*.jsonl --out models/riskdetect-nl --seed 0
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from sklearn.pipeline import Pipeline

from . import __version__
from .data.augment import augment_records, source_id
from .data.io import LabelledTexts, labelled_texts, order_labels, read_pan12, read_records
from .data.splits import hashed_split
from .evaluate import choose_thresholds, expected_calibration_error, message_metrics, metrics_by_group
from .features import RiskFeaturizer
from .model import RiskClassifier
from .normalize import DutchNormalizer, normalize_text
from .persist import save_model

__all__ = ["TrainConfig", "build_pipeline", "load_training_data", "operating_point_name", "train"]


@dataclass
class TrainConfig:
    """Hyper-parameters of a training run (``--config`` takes a JSON file of these keys)."""

    # Inverse regularisation strength. Chosen on the validation split: macro-F1 0.780 at C=4,
    # 0.786 at 8, 0.788 at 16, 0.788 at 32 and 64.
    C: float = 16.0
    class_weight: str | None = None
    calibration_cv: int = 3
    # Processes for the classifier's regressions (-1: all cores); the model does not depend on it.
    n_jobs: int | None = -1
    # Word 1-3-grams and character 3-5-grams, chosen on the validation split (mean PR-AUC
    # 0.9028 with 1-2 and 3-4, 0.9064 with word trigrams, 0.9074 with both; test 0.9058 ->
    # 0.9094): "jij bent de volgende" and "de volgende keer" are different trigrams.
    word_ngram_range: tuple[int, int] = (1, 3)
    char_ngram_range: tuple[int, int] = (3, 5)
    word_min_df: int = 2
    char_min_df: int = 2
    max_word_features: int = 120_000
    max_char_features: int = 250_000
    length_weight: float = 1.0
    lexicon_weight: float = 0.0
    join_split_words: bool = True
    augment_variants: int = 1
    target_precision: float | None = None
    threshold_floor: float = 0.2
    # Bootstrap resamples of the validation split behind each threshold (0: plain argmax).
    threshold_resamples: int = 200
    # Extra operating points saved with the model: per label, the lowest threshold reaching
    # each of these precisions on validation (pick one per call: thresholds="precision_0.90").
    operating_precisions: tuple[float, ...] = (0.9, 0.95)
    # And per tolerance t, the best-F1 threshold moved up while the validation F1 stays within
    # t bootstrap standard errors of the best: fewer false alarms for a little F1
    # (thresholds="f1_within_0.5se"; see ``choose_thresholds``; needs threshold_resamples).
    operating_tolerances: tuple[float, ...] = (0.5,)
    max_false_alarm: float = 0.1
    name: str = "riskdetect-nl"
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_file(cls, path) -> "TrainConfig":
        values = json.loads(Path(path).read_text(encoding="utf-8"))
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"{path}: unknown config keys {sorted(unknown)}; known: {sorted(cls.__dataclass_fields__)}")
        return cls(**values)


def build_pipeline(config: TrainConfig, seed: int = 0) -> Pipeline:
    return Pipeline(
        [
            ("normalize", DutchNormalizer()),
            (
                "features",
                RiskFeaturizer(
                    word_ngram_range=tuple(config.word_ngram_range),
                    char_ngram_range=tuple(config.char_ngram_range),
                    word_min_df=config.word_min_df,
                    char_min_df=config.char_min_df,
                    max_word_features=config.max_word_features,
                    max_char_features=config.max_char_features,
                    length_weight=config.length_weight,
                    lexicon_weight=config.lexicon_weight,
                    join_split_words=config.join_split_words,
                ),
            ),
            (
                "classifier",
                RiskClassifier(C=config.C, class_weight=config.class_weight, calibration_cv=config.calibration_cv, n_jobs=config.n_jobs, random_state=seed),
            ),
        ]
    )


def _fingerprint(pipeline: Pipeline, operating_points: dict) -> str:
    """sha256 of what decides the scores: the vocabulary hashes, weights, calibration and
    thresholds. The same data and code give the same value (training is deterministic);
    a change of code or settings that changes the model changes it.

    >>> from riskdetect import Detector
    >>> len(_fingerprint(Detector.load().pipeline, {}))
    64
    """
    featurizer, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
    digest = hashlib.sha256()
    for array in (featurizer.word_hashes_, featurizer.char_hashes_, classifier.coef_, classifier.intercept_, classifier.calibration_):
        digest.update(np.ascontiguousarray(array).tobytes())
    for name in sorted(operating_points):
        digest.update(name.encode() + np.asarray(operating_points[name], dtype=np.float64).tobytes())
    return digest.hexdigest()


def _hash_files(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(str(p) for p in paths):
        digest.update(Path(path).name.encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def load_training_data(paths, text_column="text", label_columns=None, data_format="auto", predators=None, skip_bad=False):
    """Records from every file, each with a split (kept if given, else hashed from id or text)."""
    records, skipped = [], []
    for path in paths:
        if data_format == "pan12":
            if predators is None:
                raise ValueError("--format pan12 needs --predators FILE (one predator author id a line)")
            found = read_pan12(path, predators)
        else:
            found, bad = read_records(path, text_column=text_column, label_columns=label_columns, skip_bad=skip_bad)
            skipped.extend(bad)
        for record in found:
            if not record.get("split"):
                key = str(record.get("id") or hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest())
                record["split"] = hashed_split(key)
            if "id" not in record:
                record["id"] = f"{Path(path).name}:{record.get('_line', len(records))}"
        records.extend(found)
    return records, skipped


def _progress(message: str, enabled: bool) -> None:
    if enabled:
        print(f"[riskdetect train] {message}", file=sys.stderr, flush=True)


def train(
    paths,
    out,
    config: TrainConfig | None = None,
    seed: int = 0,
    text_column: str = "text",
    label_columns=None,
    data_format: str = "auto",
    predators=None,
    report_data=None,
    progress: bool = True,
    skip_bad: bool = False,
) -> dict:
    """Train, choose thresholds on validation, measure on test, save the model directory.

    ``report_data``: extra labelled message files reported in the model card (e.g. the
    shared evaluation set); they are never used for fitting or threshold choice.
    Returns the metrics dictionary written to ``metrics.json``.
    """
    config = config or TrainConfig()
    out = Path(out)
    records, skipped = load_training_data(paths, text_column, label_columns, data_format, predators, skip_bad)
    _progress(f"read {len(records)} records from {len(paths)} file(s); skipped {len(skipped)}", progress)
    augmented = augment_records(records, seed=seed, variants=config.augment_variants) if config.augment_variants else records
    data = labelled_texts(augmented)
    label_names = order_labels(label for labels in data.labels for label in labels)
    if not label_names:
        raise ValueError("the training data has no labels at all; nothing to learn")
    train_set, validation_set, test_set = data.subset("train"), data.subset("validation"), data.subset("test")
    if not len(validation_set):
        raise ValueError("the validation split is empty; add a 'split' field or more data")
    _progress(
        f"labels {label_names}; train {len(train_set)} (with augmentation), validation {len(validation_set)}, test {len(test_set)}",
        progress,
    )
    pipeline = build_pipeline(config, seed)
    _progress("fitting features and classifier", progress)
    # Augmented copies stay in their source record's calibration fold (see RiskClassifier.fit).
    sources = [source_id(record_id) for record_id in train_set.ids]
    pipeline.fit(train_set.texts, train_set.indicator(label_names), classifier__groups=sources)
    classifier = pipeline.named_steps["classifier"]
    validation_probabilities = pipeline.predict_proba(validation_set.texts)
    def thresholds_on_validation(target_precision=config.target_precision, tolerance=0.0):
        return choose_thresholds(
            validation_set.indicator(label_names),
            validation_probabilities,
            target_precision,
            config.threshold_floor,
            resamples=config.threshold_resamples,
            seed=seed,
            tolerance=tolerance,
        )

    classifier.thresholds_ = thresholds_on_validation()
    _progress(f"thresholds {dict(zip(label_names, classifier.thresholds_.round(2).tolist()))}", progress)
    operating_points = {"default": classifier.thresholds_}
    for precision in config.operating_precisions:
        operating_points[operating_point_name(precision)] = thresholds_on_validation(precision)
    for tolerance in config.operating_tolerances if config.threshold_resamples > 0 else ():
        operating_points[tolerance_point_name(tolerance)] = thresholds_on_validation(None, tolerance)
    validation_conversations = [r for r in records if "messages" in r and r.get("split") == "validation"]
    scorer_settings, scorer_metrics = {}, {}
    if validation_conversations:
        from .conversation import tune_scorer

        scorer, scorer_metrics = tune_scorer(
            pipeline.predict_proba, classifier.thresholds_, validation_conversations, label_names, config.max_false_alarm
        )
        scorer_settings = scorer.to_dict()
        _progress(f"conversation scorer {scorer_settings} on validation conversations: {scorer_metrics}", progress)
    metrics = {
        "validation": message_metrics(validation_set.indicator(label_names), validation_probabilities, classifier.thresholds_, label_names),
    }
    if len(test_set):
        test_probabilities = pipeline.predict_proba(test_set.texts)
        metrics["test"] = _evaluate_split(pipeline, test_set, label_names, test_probabilities)
        metrics["operating_points"] = _operating_point_metrics(
            test_set.indicator(label_names), test_probabilities, label_names, operating_points
        )
    for path in report_data or []:
        report_records, _ = read_records(path)
        report = labelled_texts(report_records)
        metrics[f"report:{Path(path).name}"] = _evaluate_split(pipeline, report, label_names)
    data_hash = _hash_files(paths)
    model_version = f"{config.name}-{__version__}-{data_hash[:8]}-{_fingerprint(pipeline, operating_points)[:8]}"
    metadata = {
        "name": config.name,
        "model_version": model_version,
        "library_version": __version__,
        "labels": label_names,
        "thresholds": dict(zip(label_names, [round(float(t), 4) for t in classifier.thresholds_])),
        "operating_points": {
            name: dict(zip(label_names, [round(float(t), 4) for t in limits])) for name, limits in operating_points.items()
        },
        "training_data_sha256": data_hash,
        "training_files": [Path(p).name for p in paths],
        "seed": seed,
        "conversation_scorer": scorer_settings,
        "config": {k: v for k, v in asdict(config).items() if k != "extra"},
        "created": _dt.date.today().isoformat(),
    }
    _progress(f"saving {out}", progress)
    save_model(pipeline, out, metadata)
    if scorer_metrics:
        metrics["conversation_validation"] = {"n": len(validation_conversations), **scorer_metrics}
    metrics["model_version"] = model_version
    metrics["n_records"] = len(records)
    metrics["skipped"] = [str(p) for p in skipped]
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from .model_card import write_model_card

    write_model_card(out, metadata, metrics)
    return metrics


def operating_point_name(precision: float) -> str:
    """The name under which a target-precision operating point is saved.

    >>> operating_point_name(0.9)
    'precision_0.90'
    """
    return f"precision_{precision:.2f}"


def tolerance_point_name(tolerance: float) -> str:
    """The name under which a best-F1-within-tolerance operating point is saved.

    >>> tolerance_point_name(0.5)
    'f1_within_0.5se'
    """
    return f"f1_within_{tolerance:g}se"


def _operating_point_metrics(Y, P, label_names, operating_points: dict) -> dict:
    """Per operating point and label: the threshold and the precision and recall it gives."""
    result = {}
    for name, limits in operating_points.items():
        per_label = message_metrics(Y, P, limits, label_names)["labels"]
        result[name] = {
            label: {"threshold": round(float(limit), 4), "precision": per_label[label]["precision"], "recall": per_label[label]["recall"]}
            for label, limit in zip(label_names, limits)
        }
    return result


def _evaluate_split(pipeline, data: LabelledTexts, label_names, probabilities=None) -> dict:
    classifier = pipeline.named_steps["classifier"]
    if probabilities is None:
        probabilities = pipeline.predict_proba(data.texts)
    Y = data.indicator(label_names)
    result = message_metrics(Y, probabilities, classifier.thresholds_, label_names)
    result["ece"] = expected_calibration_error(Y, probabilities)
    flags = probabilities >= classifier.thresholds_
    if any(r is not None for r in data.registers):
        result["benign_flag_rate_by_register"] = metrics_by_group(flags, data.registers, Y.sum(axis=1) == 0)
    return result
