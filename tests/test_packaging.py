"""The wheel (a NON-editable install) carries the default model and the language data."""

import subprocess
import sys
import zipfile

import pytest


@pytest.mark.slow
def test_wheel_contains_default_model_and_data(tmp_path, root):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(root)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("riskdetect-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("model.skops", "metadata.json", "MODEL_CARD.md"):
        assert f"riskdetect/models/riskdetect-nl/{name}" in names
    assert "riskdetect/py.typed" in names
    assert "riskdetect/lang/nl/money_mule.py" in names
    assert wheel.stat().st_size < 30 * 1024 * 1024


def test_every_module_exports_only_names_it_defines():
    import importlib
    import pkgutil

    import riskdetect

    for module_info in pkgutil.walk_packages(riskdetect.__path__, "riskdetect."):
        if module_info.name.endswith("__main__"):
            continue  # importing an entry point runs it
        module = importlib.import_module(module_info.name)
        missing = [name for name in getattr(module, "__all__", []) if not hasattr(module, name)]
        assert not missing, f"{module_info.name}.__all__ names {missing}, which it does not define"
