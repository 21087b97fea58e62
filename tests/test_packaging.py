"""The wheel and sdist are complete: installed from the wheel, outside the checkout, the tool works.

The model files are the part most easily left behind (they live in models/
at the repository root, not in the package): these tests run the installed
commands from an empty folder, with the checkout nowhere on any path.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import InstalledTool

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
MODEL_FILES = sorted(p.name for p in (ROOT / "models").glob("krquality-kr.*"))


def _run(tool: InstalledTool, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=cwd or tool.home, env=tool.env(), capture_output=True, text=True, timeout=180
    )


def test_the_wheel_and_sdist_carry_the_model_license_and_examples(installed_tool: InstalledTool) -> None:
    wheel = next(installed_tool.dist.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"krquality/models/{name}" for name in MODEL_FILES} <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    sdist = next(installed_tool.dist.glob("*.tar.gz"))
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"models/{name}" for name in MODEL_FILES} <= members
    assert {"LICENSE", "setup.py", "examples/okrs.md", ".pre-commit-hooks.yaml", "action.yml"} <= members


def test_twine_accepts_the_distributions(installed_tool: InstalledTool) -> None:
    files = [str(p) for p in installed_tool.dist.iterdir()]
    command = [sys.executable, "-m", "twine", "check", "--strict", *files]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_installed_package_uses_its_own_model(installed_tool: InstalledTool) -> None:
    code = "import krquality.model.io as io; print(io.__file__); print(io.default_model_path())"
    done = _run(installed_tool, str(installed_tool.bin / "python"), "-c", code)
    assert done.returncode == 0, done.stderr
    module, model = done.stdout.split()
    assert module.startswith(str(installed_tool.venv))
    assert model.startswith(str(installed_tool.venv)) and Path(model).is_file()


def test_installed_classify_with_the_batch_extra_works(installed_tool: InstalledTool) -> None:
    # A Parquet output needs the batch extra (pyarrow); the labels come from the bundled model.
    out = installed_tool.home / "labelled.parquet"
    done = _run(installed_tool, "krquality", "classify", str(ROOT / "examples" / "backlog.csv"),
                "--column", "key_result", "-o", str(out), "--no-suggestions")
    assert done.returncode == 0, done.stderr
    labels = f"pandas.read_parquet({str(out)!r})['label']"
    code = f"import json, pandas; print(json.dumps({labels}.value_counts().to_dict()))"
    read = _run(installed_tool, str(installed_tool.bin / "python"), "-c", code)
    assert read.returncode == 0, read.stderr
    counts = json.loads(read.stdout)
    rows = len((ROOT / "examples" / "backlog.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert sum(counts.values()) == rows and set(counts) <= {"metric", "milestone", "task"}
    assert len(counts) >= 2, counts

    # lint, classify from arguments, the Python API and serve run from the same install in
    # tests/test_readme.py, as the README's examples.
