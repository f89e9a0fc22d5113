"""Model directories: a skops estimator file, ``metadata.json`` and checks before loading.

A model directory holds ``model.skops`` (the fitted scikit-learn pipeline, saved
with :mod:`skops.io`, never pickle) and ``metadata.json`` (format version,
library version, labels, thresholds, training-data hash, sha256 and size of the
estimator file). :func:`load_model` checks size and sha256 first, then loads with
the fixed list of trusted types below and refuses anything else by name.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = [
    "MODEL_FILE",
    "METADATA_FILE",
    "FORMAT_VERSION",
    "TRUSTED_TYPES",
    "ModelFileError",
    "save_model",
    "load_model",
    "read_metadata",
    "sha256_file",
]

MODEL_FILE = "model.skops"
METADATA_FILE = "metadata.json"
FORMAT_VERSION = 1
MAX_MODEL_BYTES = 200 * 1024 * 1024
_REFUSED_SUFFIXES = (".pkl", ".pickle", ".joblib", ".sav", ".dill")

# Types a riskdetect model file may contain beyond those skops trusts by default.
TRUSTED_TYPES = (
    "riskdetect.normalize.DutchNormalizer",
    "riskdetect.features.RiskFeaturizer",
    "riskdetect.features.LexiconFeatures",
    "riskdetect.model.RiskClassifier",
)


class ModelFileError(ValueError):
    """A model directory or file that riskdetect refuses to load."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(estimator, directory, metadata: dict) -> Path:
    """Write ``estimator`` with skops and ``metadata.json`` (adding sha256 and size)."""
    import skops.io as sio

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model_path = directory / MODEL_FILE
    sio.dump(estimator, model_path)
    untrusted = [t for t in sio.get_untrusted_types(file=model_path) if t not in TRUSTED_TYPES]
    if untrusted:
        model_path.unlink()
        raise ModelFileError(
            f"the estimator contains types riskdetect would refuse to load: {untrusted}; "
            "add them to riskdetect.persist.TRUSTED_TYPES only if they cannot run code"
        )
    full = {
        "format_version": FORMAT_VERSION,
        **metadata,
        "estimator_file": MODEL_FILE,
        "estimator_sha256": sha256_file(model_path),
        "estimator_bytes": model_path.stat().st_size,
    }
    (directory / METADATA_FILE).write_text(json.dumps(full, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return directory


def read_metadata(directory) -> dict:
    path = Path(directory) / METADATA_FILE
    if not path.is_file():
        raise ModelFileError(f"{path} is missing: a model directory needs {METADATA_FILE} and {MODEL_FILE}")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"{path} is not valid JSON: {error}") from None
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ModelFileError(
            f"{path}: format_version {metadata.get('format_version')!r} is not supported "
            f"(this riskdetect reads {FORMAT_VERSION}); retrain or upgrade riskdetect"
        )
    return metadata


def load_model(directory):
    """Check and load a model directory; return ``(estimator, metadata)``."""
    import skops.io as sio

    directory = Path(directory)
    if directory.is_file():
        if directory.suffix in _REFUSED_SUFFIXES:
            raise ModelFileError(
                f"{directory}: pickle and joblib model files are never loaded (they can run code); "
                "use a riskdetect model directory saved with skops"
            )
        raise ModelFileError(f"{directory} is a file; pass the model directory that holds {MODEL_FILE}")
    metadata = read_metadata(directory)
    name = metadata.get("estimator_file", MODEL_FILE)
    if Path(name).name != name or not name.endswith(".skops"):
        raise ModelFileError(
            f"{directory / METADATA_FILE}: estimator_file {name!r} must be a .skops file name in the "
            "model directory (pickle and joblib files are never loaded)"
        )
    model_path = directory / name
    if not model_path.is_file():
        raise ModelFileError(f"{model_path} is missing")
    size = model_path.stat().st_size
    if size > MAX_MODEL_BYTES or size != metadata.get("estimator_bytes"):
        raise ModelFileError(
            f"{model_path}: size {size} bytes does not match metadata ({metadata.get('estimator_bytes')}) "
            f"or exceeds {MAX_MODEL_BYTES}"
        )
    digest = sha256_file(model_path)
    if digest != metadata.get("estimator_sha256"):
        raise ModelFileError(
            f"{model_path}: sha256 {digest} does not match metadata.json ({metadata.get('estimator_sha256')}); "
            "the file was changed or corrupted"
        )
    try:
        untrusted = sio.get_untrusted_types(file=model_path)
    except Exception as error:  # a file skops cannot even read is not a model
        raise ModelFileError(f"{model_path} is not a readable skops file: {error}") from None
    refused = [t for t in untrusted if t not in TRUSTED_TYPES]
    if refused:
        raise ModelFileError(
            f"{model_path} contains untrusted type(s) {refused}; riskdetect loads only "
            "riskdetect.persist.TRUSTED_TYPES and skops' defaults"
        )
    estimator = sio.load(model_path, trusted=list(untrusted))
    return estimator, metadata
