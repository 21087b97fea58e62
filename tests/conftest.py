"""Shared fixtures: the spaCy pipeline, and krquality installed from its wheel, once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The classification pipeline, as ``krquality.nlp.build_nlp()`` builds it."""
    from krquality.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def installed_tool(tmp_path_factory: pytest.TempPathFactory) -> InstalledTool:
    """krquality built as sdist and wheel (from the sdist) and installed from the wheel, with the
    ``batch`` and ``mcp`` extras, into a new virtual environment outside the checkout.

    The new environment gets its dependencies from this test environment's site-packages: a
    ``.pth`` file adds a folder of links to everything there except krquality itself, and pip
    (``--no-index``, so nothing is downloaded) resolves the wheel's requirements and extras
    against them. A missing or wrong requirement still fails the install; installing spaCy,
    scikit-learn and the rest afresh would take over a minute on two cores, this takes seconds.
    """
    return build_and_install(tmp_path_factory.mktemp("installed"))


@dataclass(frozen=True)
class InstalledTool:
    """A virtual environment with the wheel installed, and the files the build made."""

    venv: Path
    dist: Path
    home: Path  # an empty folder outside the checkout to run commands in
    dependencies: Path  # links to this environment's packages, without krquality

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self) -> dict[str, str]:
        """The environment of a user who installed the wheel: its bin first, no checkout paths."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KRQ_", "PYTHON", "VIRTUAL_ENV"))}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.venv)
        return env


ROOT = Path(__file__).resolve().parents[1]


def build_and_install(work: Path) -> InstalledTool:
    """Build the sdist and wheel of the checkout in ``work`` and install the wheel there."""
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    here = Path(sysconfig.get_paths()["purelib"])
    links = work / "dependencies"
    links.mkdir()
    for entry in here.iterdir():
        if not entry.name.lower().startswith(("krquality", "__editable__", "_krquality")):
            (links / entry.name).symlink_to(entry)
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "test-dependencies.pth").write_text(f"{links}\n", encoding="utf-8")
    wheel = next(dist.glob("krquality-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-index",
         "--disable-pip-version-check", "--quiet", f"krquality[batch,mcp] @ {wheel.as_uri()}"],
        check=True, capture_output=True, timeout=300,
    )
    home = work / "home"
    home.mkdir()
    return InstalledTool(venv=venv, dist=dist, home=home, dependencies=links)
