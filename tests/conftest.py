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


# --------------------------------------------------------------------------- corrections stores

import itertools  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _own_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the user's own corrections store (``$XDG_DATA_HOME``)."""
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    os.environ.pop("KRQ_FEEDBACK_DB", None)
    yield
    if before is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = before


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(versions[-1]) if versions else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server on a free loopback port, in a temporary data directory;
    yields its base URL (``postgresql://krq@127.0.0.1:PORT``) and stops it at the end.

    PostgreSQL refuses to run as root, so as root the server runs as the
    ``postgres`` user Debian's package creates.
    """
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL is not installed (initdb, pg_ctl): apt-get install postgresql")
    base = Path(tempfile.mkdtemp(prefix="krq-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "krq", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -F"
    subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://krq@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def feedback_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty corrections store: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "feedback.sqlite3")
    import psycopg

    server: str = request.getfixturevalue("postgres_server")
    name = f"krq_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
