"""Write every key result's full analysis to a JSON Lines file, or compare two such files.

A change meant to make the analysis faster must leave its output alone. Run
this before the change (``dump``), after it (``dump`` to another file), then
``compare``: every field of every result (label, probabilities, evidence,
features, findings, score, suggestions, the reason for none) must be equal.
Each text is analysed three ways: alone, in one ``analyze_many`` batch, and
in that batch under a document cycle (it dates undated key results).

    .venv/bin/python scripts/result_snapshot.py dump before.jsonl [--texts ../shared/realworld/dev.jsonl]
    .venv/bin/python scripts/result_snapshot.py compare before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "realworld" / "dev.jsonl"
CYCLE = "Q3 2026"


def _texts(paths: list[Path]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _rows(texts: list[str]) -> list[dict[str, object]]:
    from krquality import get_analyzer

    analyzer = get_analyzer()
    limit = analyzer.config.max_chars
    texts = [t for t in texts if t.strip() and len(t) <= limit]
    alone = [analyzer.analyze(t) for t in texts]
    batch = list(analyzer.analyze_many(texts))
    dated = list(analyzer.analyze_many(texts, cycle=CYCLE))
    asdict = dataclasses.asdict
    return [
        {"text": t, "alone": asdict(a), "batch": asdict(b), "cycle": asdict(c)}
        for t, a, b, c in zip(texts, alone, batch, dated, strict=True)
    ]


def dump(out: Path, paths: list[Path]) -> int:
    rows = _rows(_texts(paths))
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, sort_keys=True, default=str) + "\n")
    print(f"{len(rows)} key results written to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        print(f"{len(old)} rows before, {len(new)} after")
        return 1
    differ = 0
    for a, b in zip(old, new, strict=True):
        if a != b:
            differ += 1
            row_a, row_b = json.loads(a), json.loads(b)
            for mode in ("alone", "batch", "cycle"):
                for key in row_a[mode]:
                    old_value, new_value = row_a[mode][key], row_b[mode][key]
                    if old_value != new_value:
                        where = f"{row_a['text'][:60]!r} {mode}.{key}"
                        print(f"{where}:\n  before {old_value}\n  after  {new_value}")
    print(f"{len(old)} key results, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="analyse the texts and write the results")
    d.add_argument("out", type=Path)
    d.add_argument(
        "--texts", type=Path, nargs="+", default=[DEFAULT_TEXTS], help="JSON Lines files with a 'text'"
    )
    c = sub.add_parser("compare", help="compare two dumps")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, args.texts)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
