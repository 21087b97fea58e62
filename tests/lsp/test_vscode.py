"""The VS Code extension builds from its committed package.json and package-lock.json."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"


@pytest.mark.slow
def test_extension_builds_with_npm_ci(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    # Build a copy, so the working tree gets no node_modules/ or out/.
    for name in ("package.json", "package-lock.json", "tsconfig.json", "src"):
        source = EXTENSION / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    for command in ([npm, "ci", "--no-audit", "--no-fund"], [npm, "run", "compile"]):
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0 and command[1] == "ci" and "ENOTFOUND" in done.stderr + done.stdout:
            pytest.skip("the npm registry is not reachable")
        assert done.returncode == 0, f"{' '.join(command[1:])} failed:\n{done.stdout}\n{done.stderr}"
    assert (tmp_path / "out" / "extension.js").is_file()


def test_extension_contributes_every_server_setting() -> None:
    import json

    from krquality.lsp.settings import LspSettings

    properties = json.loads((EXTENSION / "package.json").read_text())["contributes"]["configuration"][
        "properties"
    ]
    names = {
        "".join(part.capitalize() if i else part for i, part in enumerate(field.split("_")))
        for field in LspSettings.__dataclass_fields__
    }
    assert {f"krquality.{name}" for name in names} <= set(properties)
