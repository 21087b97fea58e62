"""``krquality.api.process``: the worker's malloc arenas and the packages it keeps out."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

import krquality
from krquality.api import convert, process

FAKE = "krq_never_a_real_package"


@pytest.fixture
def restore_meta_path() -> Iterator[None]:
    before = list(sys.meta_path)
    yield
    sys.meta_path[:] = before


@pytest.mark.usefixtures("restore_meta_path")
def test_a_kept_out_package_cannot_be_imported_and_stays_out_of_sys_modules() -> None:
    assert process.keep_out([FAKE]) == [FAKE]
    with pytest.raises(ModuleNotFoundError, match="not used by the krquality service"):
        __import__(FAKE)
    with pytest.raises(ModuleNotFoundError, match="not used by the krquality service"):
        __import__(f"{FAKE}.sub")
    # Not a None entry: scikit-learn reads sys.modules["pandas"] directly.
    assert FAKE not in sys.modules


@pytest.mark.usefixtures("restore_meta_path")
def test_an_imported_package_is_left_alone() -> None:
    assert process.keep_out(["json"]) == []
    assert __import__("json") is json


def _is_glibc() -> bool:
    libc = subprocess.run(["ldd", "--version"], capture_output=True, text=True, check=False)
    return "GLIBC" in (libc.stdout + libc.stderr).upper()


_GLIBC = _is_glibc()


@pytest.mark.skipif(not _GLIBC, reason="not a glibc system")
def test_the_arena_cap_is_set_where_malloc_is_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert process.limit_malloc_arenas(2) is True


def test_malloc_arena_max_from_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert process.limit_malloc_arenas(2) is True


TEXTS = [
    "Increase trial-to-paid conversion from 4% to 7% by Q3",
    "Launch the partner portal",
    "Hold weekly pipeline reviews",
    "Improve onboarding",
    "Cut median support response time from 6 h to below 2 hours by June 30",
    "Reduce churn",
]

WITHOUT_PANDAS = """
import json, sys
from krquality.api.process import keep_out
kept = keep_out()
import krquality
from krquality.api import convert
analyzer = krquality.load_model()
outs = [convert.result_out(r).model_dump(mode="json") for r in analyzer.analyze_many(json.loads(sys.argv[1]))]
print(json.dumps({"kept": kept, "pandas": "pandas" in sys.modules, "results": outs}))
"""


@pytest.mark.slow
def test_responses_are_the_same_with_pandas_kept_out(analyzer: krquality.Analyzer) -> None:
    """The service keeps pandas out of scikit-learn's way; the answers must not move."""
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_PANDAS, json.dumps(TEXTS)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lean = json.loads(run.stdout)
    assert lean["kept"] == ["pandas", "pyarrow"] and lean["pandas"] is False
    here = [convert.result_out(r).model_dump(mode="json") for r in analyzer.analyze_many(TEXTS)]
    assert lean["results"] == here


_RESIDUE = """
import gc, sys
from krquality.api import process
if sys.argv[1] == "on":
    assert process.return_large_blocks()
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
warm = [bytearray(1 << 20) for _ in range(2)]
del warm  # glibc raises its mmap threshold after freeing a mapped block
base = rss()
blocks = [bytearray(1 << 20) for _ in range(64)]
blocks = blocks[::2]  # free every other block: the heap cannot shrink from the top
gc.collect()
print(round(rss() - base))
"""


@pytest.mark.skipif(not _GLIBC, reason="not a glibc system")
def test_large_blocks_go_back_to_the_system_when_freed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)

    def residue(mode: str) -> int:
        command = [sys.executable, "-c", _RESIDUE, mode]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        return int(out.stdout.strip())

    # 32 of the 64 MB are still held; without the setting the freed half stays resident too.
    assert residue("on") <= 40
    assert residue("off") >= 56


def test_mmap_threshold_from_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "1048576")
    assert process.return_large_blocks() is True
