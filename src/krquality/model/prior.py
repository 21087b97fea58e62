"""How common each label is in real key results, and the training weights that follow.

The training data is written to cover every shape, so its labels are about
equally common (tasks 29%). Real OKR documents hold fewer tasks: 101 of the
625 key results of the real development set (16%), 254 metrics (41%) and 270
milestones (43%). A classifier fitted on the training mix expects tasks
nearly twice as often as real text has them and reads too many milestones as
tasks. Weighing each training example by ``real share / training share`` of
its label fits the classifier to the real mix (a prior-shift correction: the
text of a label is left as it is, only how often the label occurs changes).

The three shares are the only numbers taken from the development set, so
figures on that set are reported by cross-validation grouped by source
repository, with the shares taken from the other folds (docs/evaluation.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

# Shares of the labels among the 625 real key results of ../shared/realworld/dev.jsonl.
REAL_LABEL_SHARE: Mapping[str, float] = {"metric": 254 / 625, "milestone": 270 / 625, "task": 101 / 625}


def label_share(labels: Sequence[str]) -> dict[str, float]:
    """The share of each label in ``labels``.

    >>> label_share(["task", "metric", "task", "task"])
    {'task': 0.75, 'metric': 0.25}
    """
    counts = Counter(str(label) for label in labels)
    total = sum(counts.values())
    return {label: n / total for label, n in counts.items()} if total else {}


def prior_weights(labels: Sequence[str], target: Mapping[str, float]) -> np.ndarray:
    """One weight per example: its label's ``target`` share over its share in ``labels``.

    Scaled to a mean of 1, so the classifier's regularisation keeps its
    strength; a label missing from ``target`` keeps its own share (weight 1
    before scaling).

    >>> prior_weights(["task", "task", "metric", "metric"], {"task": 0.25, "metric": 0.75}).round(2).tolist()
    [0.5, 0.5, 1.5, 1.5]
    """
    own = label_share(labels)
    if not own:
        return np.ones(0)
    raw = np.array([target.get(str(label), own[str(label)]) / own[str(label)] for label in labels])
    scaled: np.ndarray = raw / raw.mean()
    return scaled
