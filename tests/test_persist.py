import json
import pickle
import shutil

import pytest
import skops.io as sio

from riskdetect import Detector
from riskdetect.detector import default_model_path
from riskdetect.persist import METADATA_FILE, MODEL_FILE, ModelFileError, load_model, sha256_file


class _WritesFileWhenUnpickled:
    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (open, (self.target, "w"))


def _copy_default(tmp_path):
    directory = tmp_path / "model"
    shutil.copytree(default_model_path(), directory)
    return directory


def test_pickle_file_is_refused_and_never_run(tmp_path):
    target = tmp_path / "pwned.txt"
    evil = tmp_path / "model.pkl"
    evil.write_bytes(pickle.dumps(_WritesFileWhenUnpickled(str(target))))
    with pytest.raises(ModelFileError, match="pickle"):
        Detector.load(evil)
    directory = _copy_default(tmp_path)
    (directory / "evil.pkl").write_bytes(evil.read_bytes())
    metadata = json.loads((directory / METADATA_FILE).read_text())
    metadata["estimator_file"] = "evil.pkl"
    (directory / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelFileError, match="pickle"):
        Detector.load(directory)
    assert not target.exists()


class _Gadget:
    def __init__(self):
        self.command = "touch x"


def test_untrusted_type_is_refused_by_name(tmp_path):
    directory = tmp_path / "model"
    directory.mkdir()
    path = directory / MODEL_FILE
    sio.dump({"payload": _Gadget()}, path)
    (directory / METADATA_FILE).write_text(
        json.dumps({"format_version": 1, "estimator_file": MODEL_FILE, "estimator_sha256": sha256_file(path),
                    "estimator_bytes": path.stat().st_size, "labels": ["threat"]})
    )
    with pytest.raises(ModelFileError, match="_Gadget"):
        load_model(directory)
    assert not (tmp_path / "x").exists()


def test_sha256_mismatch_is_refused(tmp_path):
    directory = _copy_default(tmp_path)
    metadata = json.loads((directory / METADATA_FILE).read_text())
    metadata["estimator_sha256"] = "0" * 64
    (directory / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelFileError, match="sha256"):
        Detector.load(directory)


def test_changed_file_is_refused(tmp_path):
    directory = _copy_default(tmp_path)
    data = bytearray((directory / MODEL_FILE).read_bytes())
    data[-10] ^= 0xFF
    (directory / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelFileError):
        Detector.load(directory)


def test_missing_metadata_is_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match="metadata.json"):
        Detector.load(tmp_path)
