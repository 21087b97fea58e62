"""Build hook: ship the trained model inside the wheel.

The model files live in ``models/`` at the repository root, where
``krquality train`` writes them and where a checkout (or an editable
install) reads them. A wheel has no repository root, so building one copies
them into the package as ``krquality/models/``, the first place
:func:`krquality.model.io.default_model_path` looks. Everything else about the
build is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODEL_SOURCE = Path(__file__).parent / "models"
MODEL_FILES = ("*.joblib", "*.compiled.npz", "*.manifest.json", "*.evaluation.json")


class BuildWithModels(build_py):  # type: ignore[misc]
    """``build_py`` that also copies ``models/`` into ``krquality/models/`` of the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads models/ of the checkout itself
        found = sorted(p for pattern in MODEL_FILES for p in MODEL_SOURCE.glob(pattern))
        if not found:
            raise SystemExit(f"no model files in {MODEL_SOURCE}: train one with `krquality train` first")
        target = Path(self.build_lib) / "krquality" / "models"
        target.mkdir(parents=True, exist_ok=True)
        for path in found:
            shutil.copyfile(path, target / path.name)


setup(cmdclass={"build_py": BuildWithModels})
