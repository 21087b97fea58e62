"""The labelled training data in ``training_data/*.jsonl``: loading, hashing, splitting."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from krquality.errors import InvalidInputError
from krquality.labels import Label

TEST_FRACTION_BUCKETS = 5  # one text in five (by hash) is held out


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled key result and where it came from (``path:line``)."""

    text: str
    label: Label
    domain: str
    source: str


def data_files(directory: Path) -> list[Path]:
    """The JSONL files of a training-data folder, in a stable order."""
    return sorted(directory.glob("*.jsonl"))


def data_sha256(directory: Path) -> str:
    """One sha256 over every data file's name and bytes, so a model can record
    exactly which data it was trained on.

    >>> len(data_sha256(Path("training_data")))
    64
    """
    digest = hashlib.sha256()
    for path in data_files(directory):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_examples(directory: Path) -> list[Example]:
    """Read every labelled example; a malformed line raises naming file and line."""
    examples: list[Example] = []
    files = data_files(directory)
    if not files:
        raise InvalidInputError(f"no *.jsonl files in {directory}", field="data")
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    row = json.loads(line)
                    examples.append(Example(str(row["text"]), Label(row["label"]), str(row["domain"]), where))
                except (json.JSONDecodeError, KeyError, ValueError, TypeError) as e:
                    raise InvalidInputError(f"{where}: not a labelled example: {e}", field="data") from e
    return examples


_NON_WORD = re.compile(r"[^\w%$€£]+")


def normalize_for_split(text: str) -> str:
    """Lower-case, punctuation-free form used for hashing and duplicate checks.

    >>> normalize_for_split("- KR1: Ship  it!")
    'kr1 ship it'
    """
    return _NON_WORD.sub(" ", text.lower()).strip()


def is_held_out(text: str) -> bool:
    """Whether an example belongs to the fixed held-out test split.

    Decided by a hash of the normalised text, so the split never changes when
    examples are added, and duplicates land on the same side.
    """
    digest = hashlib.sha256(normalize_for_split(text).encode()).digest()
    return digest[0] % TEST_FRACTION_BUCKETS == 0


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, test) by :func:`is_held_out`."""
    train = [e for e in examples if not is_held_out(e.text)]
    test = [e for e in examples if is_held_out(e.text)]
    return train, test
