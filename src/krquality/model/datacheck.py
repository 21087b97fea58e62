"""Find exact and near duplicates, label conflicts and train/test leakage in training data.

Run as ``python -m krquality.model.datacheck [training_data]``; exits 1 when
it finds exact duplicates, conflicting labels or leakage across the split.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from krquality.model.data import Example, is_held_out, load_examples, normalize_for_split

NEAR_DUPLICATE_COSINE = 0.9


@dataclass
class DataReport:
    """What the checker found; ``ok`` is false when the data must be fixed."""

    n_examples: int
    labels: dict[str, int]
    domains: dict[str, dict[str, int]]
    exact_duplicates: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    contrast_pairs: list[tuple[str, str, float]] = field(default_factory=list)
    leakage: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.exact_duplicates or self.conflicts or self.leakage)


def check_examples(examples: list[Example], *, threshold: float = NEAR_DUPLICATE_COSINE) -> DataReport:
    """Check a list of examples.

    Near duplicates are same-label pairs whose character 3-5-gram TF-IDF
    vectors have cosine similarity of at least ``threshold``; such a pair split
    between train and held-out test is leakage. Near pairs with different
    labels are contrast pairs, kept on purpose.

    >>> from krquality.labels import Label
    >>> a = Example("Ship it", Label.MILESTONE, "x", "a:1")
    >>> e = [a, Example("ship it!", Label.MILESTONE, "x", "a:2")]
    >>> len(check_examples(e).exact_duplicates)
    1
    """
    domains: dict[str, Counter[str]] = defaultdict(Counter)
    for example in examples:
        domains[example.domain][example.label.value] += 1
    report = DataReport(
        n_examples=len(examples),
        labels=dict(Counter(e.label.value for e in examples)),
        domains={d: dict(c) for d, c in sorted(domains.items())},
    )
    first: dict[str, Example] = {}
    for example in examples:
        key = normalize_for_split(example.text)
        if key in first:
            report.exact_duplicates.append((first[key].source, example.source))
            if first[key].label is not example.label:
                report.conflicts.append((first[key].source, example.source))
        else:
            first[key] = example
    unique = list(first.values())
    if len(unique) < 2:
        return report
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(
        [normalize_for_split(e.text) for e in unique]
    )
    similarity = (vectors @ vectors.T).tocoo()
    for i, j, value in zip(similarity.row, similarity.col, similarity.data, strict=True):
        if i < j and value >= threshold:
            a, b = unique[i], unique[j]
            pair = (a.source, b.source, round(float(value), 3))
            if a.label is not b.label:
                # Minimal pairs ("Improve X" / "Improve X by 15%") teach the
                # label boundary on purpose: reported, not an error.
                report.contrast_pairs.append(pair)
                continue
            report.near_duplicates.append(pair)
            if is_held_out(a.text) != is_held_out(b.text):
                report.leakage.append(pair)
    return report


def main(argv: list[str] | None = None) -> int:
    """Print the report for a training-data folder; 1 when it must be fixed."""
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else Path("training_data")
    examples = load_examples(directory)
    report = check_examples(examples)
    by_source = {e.source: e for e in examples}
    out = sys.stdout
    out.write(f"{report.n_examples} examples; labels {report.labels}\n")
    for domain, counts in report.domains.items():
        out.write(f"  {domain:12s} {sum(counts.values()):5d}  {counts}\n")
    for title, rows in (
        ("exact duplicates", report.exact_duplicates),
        ("conflicting labels", report.conflicts),
        ("near duplicates", report.near_duplicates),
        ("contrast pairs (near, other label)", report.contrast_pairs),
        ("train/test leakage", report.leakage),
    ):
        out.write(f"{title}: {len(rows)}\n")
        for row in rows[:50]:
            a, b = row[0], row[1]
            out.write(f"  {a}  {by_source[a].text!r}\n  {b}  {by_source[b].text!r}\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
