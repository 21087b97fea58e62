"""The README cannot drift from the code: its commands, its links, its size and its examples.

Fenced blocks after a ``<!-- runnable -->`` marker (in the README or docs/)
are run, line by line, in a fresh folder with a copy of examples/, by the
tool installed from its wheel (``installed_tool``); ``<!-- runnable: python -->``
blocks run with that install's Python, and ``<!-- runnable: server -->``
blocks against a ``krquality serve`` this test starts. A line with
``# exits N`` (a comment that starts so) must exit N; every other line must exit 0.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from textwrap import indent

import pytest

from krquality.cli.app import app
from krquality.config import config_from_mapping
from krquality.okrfile import read_okr_text

from .conftest import InstalledTool

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("docs/*.md"))}
MAX_README_BYTES = 8 * 1024
# Pages another branch adds; links to them are checked once they exist.
WRITTEN_ELSEWHERE: set[str] = set()

_BLOCK = re.compile(
    r"^<!-- runnable(?::\s*(?P<kind>\w+))?\s*-->\n```(?P<lang>\w*)\n(?P<body>.*?)^```", re.M | re.S
)
_EXITS = re.compile(r"#\s*exits\s+(\d+)\b")


@dataclass(frozen=True)
class Runnable:
    page: str
    kind: str  # "shell", "python" or "server"
    body: str


def runnable_blocks() -> list[Runnable]:
    pages = {"README.md": README, **DOCS}
    return [
        Runnable(page, m["kind"] or "shell", m["body"])
        for page, text in pages.items()
        for m in _BLOCK.finditer(text)
    ]


def test_the_readme_opens_with_the_two_fresh_machine_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["scripts/serve", "scripts/test"]
    for command in commands:
        assert (ROOT / command).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^exec scripts/test\b", ci, re.M)


def test_the_command_table_lists_every_command() -> None:
    listed = set(re.findall(r"^\| `krquality (\w+)` \|", README, re.M))
    registered = {
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    }
    # Sub-apps with commands of their own (``krquality feedback add``) are groups.
    registered |= {group.name or group.typer_instance.info.name for group in app.registered_groups}
    assert listed == registered


def test_every_benchmark_in_the_folder_is_documented() -> None:
    documented = set(re.findall(r"benchmarks/(\w+)\.py", DOCS["docs/benchmarks.md"]))
    present = {p.stem for p in (ROOT / "benchmarks").glob("*.py") if not p.stem.startswith("_")}
    assert documented == present
    assert "docs/benchmarks.md" in README


def test_the_readme_stays_short() -> None:
    assert len(README.encode("utf-8")) < MAX_README_BYTES


@pytest.mark.parametrize("page", ["README.md", *DOCS])
def test_links_stay_inside_the_repository_and_resolve(page: str) -> None:
    text = README if page == "README.md" else DOCS[page]
    here = (ROOT / page).parent
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"^[a-z]+:", target):
            continue  # a web address
        resolved = (here / target).resolve()
        assert resolved.is_relative_to(ROOT), f"{page} links outside the repository: {target}"
        relative = resolved.relative_to(ROOT).as_posix()
        assert resolved.exists() or relative in WRITTEN_ELSEWHERE, f"{page}: no such file {target}"


def test_the_readme_model_table_puts_real_world_text_first() -> None:
    section = README.split("## Model", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    # Real text first (the development set, then other organisations'), our own split last.
    assert len(rows) >= 2 and "real-world" in rows[0] and "held-out" in rows[-1]
    assert all("real" in row for row in rows[:-1])
    assert "docs/evaluation.md" in section


def test_configuration_and_suppression_examples_are_valid() -> None:
    pages = {"README.md": README, **DOCS}
    tomls = [(p, b) for p, t in pages.items() for b in re.findall(r"```toml\n(.*?)```", t, re.S)]
    assert tomls
    import tomllib

    for page, block in tomls:
        data = tomllib.loads(block)
        config_from_mapping(data.get("tool", {}).get("krquality", data), source=page)
    config_from_mapping(tomllib.loads((ROOT / "examples" / "krquality.toml").read_text(encoding="utf-8")))
    for page, text in pages.items():
        if page == "docs/checks.md":
            continue  # generated, with suppressions that lack a reason on purpose
        for lang, block in re.findall(r"```(markdown|yaml)\n(.*?)```", text, re.S):
            if "krquality: disable" not in block:
                continue
            if lang == "markdown":
                document = read_okr_text("# Objective: Grow\n" + block, path="x.md")
            else:
                text = "objectives:\n  - objective: Grow\n" + indent(block, "    ")
                document = read_okr_text(text, path="x.yaml")
            suppressions = [s for o in document.sources for kr in o.key_results for s in kr.suppressions]
            assert [bool(s.reason) for s in suppressions] == [True], (page, block)
            assert not document.findings, (page, block)


def test_the_readme_has_runnable_examples_of_each_kind() -> None:
    kinds = {b.kind for b in runnable_blocks() if b.page == "README.md"}
    assert kinds == {"shell", "python", "server"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _shell(tool: InstalledTool, line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", line],
        cwd=cwd, env=tool.env(), capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
def test_runnable_examples_work_in_a_fresh_install(installed_tool: InstalledTool, tmp_path: Path) -> None:
    work = tmp_path / "fresh"
    shutil.copytree(ROOT / "examples", work / "examples")
    outputs: dict[str, str] = {}
    server: subprocess.Popen[str] | None = None
    try:
        for block in runnable_blocks():
            if block.kind == "python":
                script = work / "example.py"
                script.write_text(block.body, encoding="utf-8")
                done = subprocess.run([str(installed_tool.bin / "python"), str(script)], cwd=work,
                                      env=installed_tool.env(), capture_output=True, text=True, timeout=300)
                assert done.returncode == 0, (block.page, done.stderr)
                outputs["python"] = done.stdout
                continue
            if block.kind == "server" and server is None:
                port = _free_port()
                server = subprocess.Popen(
                    [str(installed_tool.bin / "krquality"), "serve", "--port", str(port), "--no-access-log"],
                    cwd=work, env=installed_tool.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    text=True,
                )
                _wait_ready(port)
            for line in (raw.strip() for raw in block.body.splitlines()):
                if not line or line.startswith("#"):
                    continue
                if block.kind == "server":
                    line = line.replace("localhost:8000", f"localhost:{port}")
                expected = _EXITS.search(line)
                done = _shell(installed_tool, line, work)
                status = int(expected[1]) if expected else 0
                assert done.returncode == status, (block.page, line, done.stderr)
                assert "Traceback" not in done.stderr, (line, done.stderr)
                outputs[line] = done.stdout
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    # What the README says the examples do, they do.
    assert outputs["python"].split()[0] == "metric"
    classified = next(v for k, v in outputs.items() if k.startswith('krquality classify "'))
    assert "metric" in classified and "task" in classified
    assert (work / "labelled.csv").read_text(encoding="utf-8").count("\n") > 5
    linted = next(v for k, v in outputs.items() if k.startswith("krquality lint examples/okrs.md examples/"))
    assert "examples/okrs.md:" in linted and "examples/okrs.yaml:" in linted
    sarif = json.loads((work / "krquality.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    configured = next(v for k, v in outputs.items() if k.startswith("cd examples && krquality lint"))
    assert "KRQ101" in configured  # and it exits 1 (checked above): examples/krquality.toml applied
    rdjson = json.loads((work / "krquality.rdjson").read_text(encoding="utf-8"))
    assert rdjson["diagnostics"] and rdjson["source"]["name"] == "krquality"
    answered = next(v for k, v in outputs.items() if k.startswith("curl"))
    assert json.loads(answered)["label"] == "milestone"


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if json.load(response).get("status") == "ready":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("krquality serve did not get ready in 120 s")
