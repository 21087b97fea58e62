"""Key results per second: ``analyze_many`` against bare ``nlp.pipe``, same run.

Two baselines, both the same spaCy model with none of krquality's components:

* spaCy as shipped for the annotations krquality reads (tok2vec, tagger,
  attribute_ruler, lemmatizer: tags, POS, morphology, lemmas). The ratio
  says what a whole analysis costs against just annotating with spaCy.
  Target: ratio >= 0.85.
* the spaCy components ``analyze_many`` still runs (tok2vec, tagger,
  lemmatizer): krquality replaces ``attribute_ruler`` by
  ``krq_attribute_rules``, the same rules by lookup, so this ratio counts
  that replacement as krquality's own work. It flatters spaCy a little:
  without the ruler's POS the lemmatizer takes its no-POS shortcut
  (lower-casing, warning W108) instead of its rules, so this run does less
  work than the same component does inside krquality.

Suggestions are timed separately (benchmarks/suggest.py).

    .venv/bin/python benchmarks/throughput.py [--n 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import warnings

import spacy

sys.path.insert(0, __import__("os").path.dirname(__file__))
from _common import median_seconds, peak_rss_mb, sample_texts

from krquality import get_analyzer
from krquality.nlp.loader import CLASSIFY_DISABLED, EXCLUDED, resolve_spacy_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = sample_texts(args.n)

    bare = spacy.load(resolve_spacy_model(), exclude=list(EXCLUDED))
    for pipe in CLASSIFY_DISABLED:
        bare.disable_pipe(pipe)
    analyzer = get_analyzer()
    ours = [p for p in analyzer.nlp.pipe_names if p not in bare.pipe_names]
    same = spacy.load(resolve_spacy_model(), exclude=[*EXCLUDED, "attribute_ruler"])
    for pipe in CLASSIFY_DISABLED:
        same.disable_pipe(pipe)

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=256):
            pass

    def run_same() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # W108: the lemmatizer sees no POS without the ruler
            for _ in same.pipe(texts, batch_size=256):
                pass

    def run_ours() -> None:
        for _ in analyzer.analyze_many(texts, batch_size=256, suggestions=False):
            pass

    def run_ours_nlp_only() -> None:
        for _ in analyzer.nlp.pipe(texts, batch_size=256):
            pass

    full = spacy.load(resolve_spacy_model())
    tagger_only = spacy.load(
        resolve_spacy_model(), exclude=["parser", "ner", "attribute_ruler", "lemmatizer"]
    )

    def run_full() -> None:
        for _ in full.pipe(texts, batch_size=256):
            pass

    def run_tagger_only() -> None:
        for _ in tagger_only.pipe(texts, batch_size=256):
            pass

    run_bare(), run_same(), run_ours()  # warm up all three (spaCy's and our caches)
    t_bare = median_seconds(run_bare, repeat=args.repeat)
    t_same = median_seconds(run_same, repeat=args.repeat)
    t_nlp = median_seconds(run_ours_nlp_only, repeat=args.repeat)
    t_ours = median_seconds(run_ours, repeat=args.repeat)
    n = len(texts)
    print(f"texts: {n}, medians of {args.repeat} runs, one process")
    print(f"bare nlp.pipe, spaCy as shipped ({', '.join(bare.pipe_names)}): {n / t_bare:8.0f} KR/s")
    print(f"bare nlp.pipe, the spaCy parts we run ({', '.join(same.pipe_names)}): {n / t_same:8.0f} KR/s")
    print(f"our nlp.pipe ({', '.join(analyzer.nlp.pipe_names)}): {n / t_nlp:8.0f} KR/s")
    print(
        f"analyze_many (pipeline + classifier + checks): {n / t_ours:8.0f} KR/s  "
        f"ratio {t_bare / t_ours:.2f} against spaCy as shipped (target >= 0.85), "
        f"{t_same / t_ours:.2f} against the spaCy components we run"
    )
    print(
        f"  per key result: the spaCy parts {t_same / n * 1e6:.0f} us, "
        f"our components ({', '.join(ours)}) {(t_nlp - t_same) / n * 1e6:.0f} us, "
        f"classifier + checks + result {(t_ours - t_nlp) / n * 1e6:.0f} us"
    )
    t_full = median_seconds(run_full, repeat=args.repeat)
    t_tagger = median_seconds(run_tagger_only, repeat=args.repeat)
    print("what each statistical component costs (the classification path skips parser and NER):")
    print(f"  full en_core_web_sm ({', '.join(full.pipe_names)}): {n / t_full:8.0f} KR/s")
    print(f"  tok2vec + tagger only: {n / t_tagger:8.0f} KR/s")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
