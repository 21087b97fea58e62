"""``krquality calibrate``: a trained model's calibration refitted on labelled key results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from krquality.cli.app import app
from krquality.errors import InvalidInputError
from krquality.model.io import compiled_path, default_model_path, load_model, manifest_path
from krquality.model.recalibrate import MIN_ITEMS, recalibrate

runner = CliRunner()

# Our own key results, three per label in each of four made-up teams' documents.
_ROWS = {
    "bakery/okrs": [
        ("Raise weekday loaf sales from 340 to 420", "metric"),
        ("Cut flour waste below 3% of each batch", "metric"),
        ("Grow the wholesale list to 18 cafes", "metric"),
        ("Open the second counter at the station", "milestone"),
        ("New proofing cabinet installed and in use", "milestone"),
        ("Publish the allergen sheet for every product", "milestone"),
        ("Keep improving the sourdough starter routine", "task"),
        ("Help the morning shift with the rush", "task"),
        ("Explore a lunch menu", "task"),
    ],
    "ferry/plan": [
        ("On-time departures at 97% or better each month", "metric"),
        ("Halve ticket-desk queue time at peak", "metric"),
        ("Carry 12,000 passengers in August", "metric"),
        ("Contactless payment works on every crossing", "milestone"),
        ("Dry-dock inspection passed", "milestone"),
        ("Launch the winter timetable", "milestone"),
        ("Work on crew rostering", "task"),
        ("Monitor fuel use", "task"),
        ("Engage the island council", "task"),
    ],
    "choir/goals": [
        ("Recruit 8 new tenors", "metric"),
        ("Sell 300 tickets for the spring concert", "metric"),
        ("Raise rehearsal attendance from 60% to 80%", "metric"),
        ("Record the carol album", "milestone"),
        ("Concert venue booked for December", "milestone"),
        ("Adopt the new sheet-music library", "milestone"),
        ("Support the section leaders", "task"),
        ("Practise harder", "task"),
        ("Research touring options", "task"),
    ],
    "clinic/q3": [
        ("Reduce no-show rate from 14% to 9%", "metric"),
        ("Answer 90% of calls within 2 minutes", "metric"),
        ("Vaccinate 1,200 patients before winter", "metric"),
        ("Online booking is live for all GPs", "milestone"),
        ("Move records to the new system", "milestone"),
        ("Hire a practice nurse", "milestone"),
        ("Continue the patient survey", "task"),
        ("Focus on staff wellbeing", "task"),
        ("Investigate waiting-room layout", "task"),
    ],
}


def _write(path: Path, sources: list[str]) -> Path:
    lines = [
        json.dumps({"text": text, "label": label, "source": f"{source}:okrs.md"})
        for source in sources
        for text, label in _ROWS[source]
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    """The bundled model's files, copied, so a test can rewrite their manifest."""
    source = default_model_path()
    target = tmp_path / "model" / source.name
    target.parent.mkdir()
    for path in (source, compiled_path(source), manifest_path(source)):
        shutil.copyfile(path, target.parent / path.name)
    return target


def test_recalibrated_copy_loads_and_records_what_it_was_fitted_on(
    tmp_path: Path, model_copy: Path, nlp: Language
) -> None:
    first = _write(tmp_path / "a.jsonl", ["bakery/okrs", "ferry/plan"])
    second = _write(tmp_path / "b.jsonl", ["choir/goals", "clinic/q3"])
    before = json.loads(manifest_path(model_copy).read_text())
    output = tmp_path / "out" / "recalibrated.joblib"

    manifest = recalibrate(model_copy, [first, second], nlp=nlp, output=output)

    entry = manifest["real_text_calibration"]
    assert [f["file"] for f in entry["fitted_on"]] == ["a.jsonl", "b.jsonl"]
    assert [f["n"] for f in entry["fitted_on"]] == [18, 18]
    assert entry["fitted_on"][0]["sha256"] != entry["fitted_on"][1]["sha256"]
    assert set(entry["figures"]["by_file"]) == {"a.jsonl", "b.jsonl"}
    assert entry["figures"]["grouped_cv"]["n"] == 36
    assert manifest["version"].startswith(before["version"].split("+cal")[0] + "+cal")
    assert manifest["abstain_threshold"] == entry["calibration"]["threshold"]
    # The source model is untouched; the copy loads (its checksums hold) with the new numbers.
    assert json.loads(manifest_path(model_copy).read_text()) == before
    loaded = load_model(output)
    assert loaded.version == manifest["version"]
    assert loaded.calibration is not None
    assert loaded.calibration.to_json() == entry["calibration"]
    features = [nlp("Grow the choir to 40 singers")._.krq_features]
    assert np.allclose(loaded.raw_proba(features), load_model(model_copy).raw_proba(features))


def test_in_place_replaces_the_manifest_and_a_second_run_replaces_the_suffix(
    tmp_path: Path, model_copy: Path, nlp: Language
) -> None:
    rows = _write(tmp_path / "rows.jsonl", list(_ROWS))
    once = recalibrate(model_copy, [rows], nlp=nlp)
    twice = recalibrate(model_copy, [rows], nlp=nlp)
    assert load_model(model_copy).version == twice["version"] == once["version"]
    assert twice["version"].count("+cal") == 1
    assert not list(model_copy.parent.glob("*.tmp"))


@pytest.mark.parametrize(
    ("sources", "drop_label", "message"),
    [
        (["bakery/okrs"], None, "come from one source"),
        (["bakery/okrs", "ferry/plan", "choir/goals"], "task", "no key result is labelled task"),
    ],
)
def test_too_little_to_calibrate_on_is_refused(
    tmp_path: Path,
    model_copy: Path,
    nlp: Language,
    sources: list[str],
    drop_label: str | None,
    message: str,
) -> None:
    path = _write(tmp_path / "rows.jsonl", sources)
    if len(sources) == 1:
        # enough lines, one repository
        path.write_text(path.read_text() * 4)
    if drop_label is not None:
        kept = [line for line in path.read_text().splitlines() if f'"{drop_label}"' not in line]
        path.write_text("\n".join(kept * 2) + "\n")
    before = manifest_path(model_copy).read_text()
    with pytest.raises(InvalidInputError, match=message):
        recalibrate(model_copy, [path], nlp=nlp)
    assert manifest_path(model_copy).read_text() == before


def test_too_few_lines_and_a_bad_line_are_named(tmp_path: Path, model_copy: Path, nlp: Language) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text(
        "\n".join(_write(tmp_path / "all.jsonl", list(_ROWS)).read_text().splitlines()[: MIN_ITEMS - 1])
    )
    with pytest.raises(InvalidInputError, match=f"too few to calibrate on \\(at least {MIN_ITEMS}\\)"):
        recalibrate(model_copy, [few], nlp=nlp)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Hire a cook", "label": "someday", "source": "x/y"}\n')
    with pytest.raises(InvalidInputError, match=r"bad\.jsonl:1: not a labelled key result"):
        recalibrate(model_copy, [bad], nlp=nlp)


def test_command_prints_grouped_figures_and_errors_in_one_line(tmp_path: Path, model_copy: Path) -> None:
    rows = _write(tmp_path / "rows.jsonl", list(_ROWS))
    out = tmp_path / "cal" / "m.joblib"
    done = runner.invoke(app, ["calibrate", str(rows), "--model", str(model_copy), "-o", str(out)])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0] == "calibration by cross-validation grouped by source repository:"
    assert lines[1].startswith("  all files: 36 key results, macro-F1 ")
    assert lines[2].startswith("  rows.jsonl: 36 key results, ")
    assert lines[-1].startswith(f"wrote {out} (") and "+cal" in lines[-1]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    failed = runner.invoke(app, ["calibrate", str(bad), "--model", str(model_copy), "-o", str(out)])
    assert failed.exit_code == 2
    assert "bad.jsonl:1: not a labelled key result" in failed.output
