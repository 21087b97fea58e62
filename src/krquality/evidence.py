"""From features and a label to the evidence and the structured key result."""

from __future__ import annotations

import re

from krquality.cycle import cycle_end
from krquality.features.types import Change, Features, Quantity, QuantityKind, VerbClass
from krquality.labels import Label
from krquality.result import Evidence, StructuredKR

_EDGE = re.compile(r"^(?:the|a|an|our|of|in|on|for|to|by|from)\s+|[\s,.;:(\-–—]+$", re.I)


def _target_change(features: Features) -> Change | None:
    with_target = [c for c in features.changes if c.target is not None]
    return with_target[0] if with_target else (features.changes[0] if features.changes else None)


def _criterion(features: Features) -> Quantity | None:
    change = _target_change(features)
    if change is not None and change.target is not None:
        return change.target
    real = [q for q in features.quantities if q.kind is not QuantityKind.PLACEHOLDER]
    return real[0] if real else (features.quantities[0] if features.quantities else None)


def collect_evidence(features: Features, label: Label) -> tuple[Evidence, ...]:
    """The spans that decided the label, most decisive first.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> collect_evidence(Features("Ship it", SpanRef(0, 7, "Ship it"), Form.IMPERATIVE, None), Label.TASK)
    ()
    """
    out: list[Evidence] = []
    lead = features.lead_verb
    if label is Label.METRIC:
        change = _target_change(features)
        if change is not None:
            out.append(Evidence(change.span, "change from baseline to target"))
        else:
            quantity = _criterion(features)
            if quantity is not None:
                out.append(Evidence(quantity.span, "target quantity"))
        if lead is not None and lead.verb_class in (VerbClass.OUTCOME, VerbClass.MULTIPLIER):
            out.append(Evidence(lead.span, f"{lead.verb_class.value} verb"))
    elif label is Label.MILESTONE:
        if lead is not None:
            out.append(Evidence(lead.span, f"{lead.verb_class.value} verb"))
        out.extend(Evidence(m.span, "end state") for m in features.markers_of("state"))
    else:
        if lead is not None:
            out.append(Evidence(lead.span, f"{lead.verb_class.value} verb"))
        out.extend(Evidence(m.span, "ongoing activity") for m in features.markers_of("activity"))
        out.extend(Evidence(m.span, "vague wording") for m in features.markers_of("vague"))
    out.extend(Evidence(d.span, "deadline" if d.is_deadline else "time frame") for d in features.dates[:1])
    seen: set[tuple[int, int]] = set()
    unique = []
    for item in out:
        key = (item.span.start, item.span.end)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return tuple(unique)


def _metric_name(features: Features) -> str | None:
    measures = features.markers_of("measure")
    body = features.body
    lead = features.lead_verb
    start = lead.span.end if lead is not None else body.start
    stops = [c.span.start for c in features.changes] + [q.span.start for q in features.quantities]
    stops += [d.span.start for d in features.dates]
    stops = [s for s in stops if s > start]
    end = min(stops, default=body.end)
    phrase = _EDGE.sub("", features.text[start:end].strip()).strip()
    phrase = _EDGE.sub("", phrase).strip()
    if phrase and len(phrase.split()) <= 8:
        return phrase
    return measures[0].span.text if measures else None


def structure(features: Features, label: Label, *, cycle: str | None = None) -> StructuredKR:
    """The key result as data: metric, direction, baseline, target, unit, deadline, deliverable.

    With no date of its own, the deadline is the end of ``cycle``, the document's OKR cycle.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> features = Features("Ship it", SpanRef(0, 7, "Ship it"), Form.IMPERATIVE, None)
    >>> structure(features, Label.MILESTONE).deliverable
    'Ship it'
    """
    deadline = None
    if features.dates:
        first = next((d for d in features.dates if d.is_deadline), features.dates[0])
        deadline = first.normalized or first.span.text
    elif cycle is not None:
        deadline = cycle_end(cycle)
    if label is not Label.METRIC:
        deliverable = None
        if label is Label.MILESTONE:
            text = features.body.text
            for date in features.dates:
                text = text.replace(date.span.text, "")
            deliverable = (
                re.sub(r"\s+(by|before|in|until|due)\s*$", "", text.strip(" ,.;"), flags=re.I) or None
            )
        return StructuredKR(deadline=deadline, deliverable=deliverable)
    change = _target_change(features)
    target = change.target if change is not None else _criterion(features)
    baseline = change.baseline if change is not None else None
    return StructuredKR(
        metric=_metric_name(features),
        direction=change.direction if change is not None else None,
        baseline=baseline.value if baseline is not None else None,
        target=target.value if target is not None else None,
        unit=(target.unit if target is not None else None)
        or (baseline.unit if baseline is not None else None),
        deadline=deadline,
    )
