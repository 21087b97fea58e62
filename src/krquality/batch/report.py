"""An HTML report on a results file: one self-contained page, charts as inline SVG.

The results (CSV, JSONL or Parquet written by ``krquality classify``) are
read once, streaming, into running totals: label counts, a score histogram,
finding counts and the weakest key results (a bounded heap), overall and
per group (``group_by``, e.g. team or quarter). The page needs no network:
no script, no font, no stylesheet from elsewhere.
"""

from __future__ import annotations

import heapq
import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from krquality.batch.readers import open_reader
from krquality.errors import InvalidInputError

LABEL_COLOURS = {"metric": "#2f6fb0", "milestone": "#d08a1d", "task": "#9a4fa0"}
OTHER_COLOUR = "#777777"
SCORE_BINS = 10
DEFAULT_TOP = 10
GROUP_TOP = 3
MAX_GROUPS = 100


@dataclass(order=True, frozen=True, slots=True)
class WeakKR:
    """A key result among the weakest: ordered by score, then row."""

    score: int
    row: int
    text: str = field(compare=False)
    label: str = field(compare=False)
    findings: tuple[str, ...] = field(compare=False)
    suggestion: str = field(compare=False)


@dataclass
class Tally:
    """Running totals for a set of results (all of them, or one group)."""

    keep: int
    rows: int = 0
    score_sum: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    grades: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    histogram: list[int] = field(default_factory=lambda: [0] * SCORE_BINS)
    _weakest: list[tuple[int, int, WeakKR]] = field(default_factory=list)  # a max-heap by (-score, -row)

    def add(self, kr: WeakKR, *, grade: str) -> None:
        self.rows += 1
        self.score_sum += kr.score
        self.labels[kr.label] += 1
        self.grades[grade] += 1
        self.findings.update(kr.findings)
        self.histogram[min(SCORE_BINS - 1, max(0, kr.score) * SCORE_BINS // 100)] += 1
        entry = (-kr.score, -kr.row, kr)
        if len(self._weakest) < self.keep:
            heapq.heappush(self._weakest, entry)
        elif entry > self._weakest[0]:
            heapq.heapreplace(self._weakest, entry)

    @property
    def mean_score(self) -> float:
        return self.score_sum / self.rows if self.rows else 0.0

    @property
    def weakest(self) -> list[WeakKR]:
        return sorted(kr for _, _, kr in self._weakest)


@dataclass
class ReportData:
    """Everything the page shows; built by :func:`collect`."""

    source: str
    overall: Tally
    groups: dict[str, Tally]
    group_by: str | None
    groups_dropped: int = 0


def _as_int(value: object) -> int:
    try:
        return int(float(str(value)))
    except ValueError:
        return 0


def collect(results_path: str | Path, *, group_by: str | None = None, top: int = DEFAULT_TOP) -> ReportData:
    """Read a results file once into the report's totals.

    Raises :class:`InvalidInputError` when the file lacks the result columns
    or the ``group_by`` column. At most :data:`MAX_GROUPS` groups are kept
    (the first seen); the rest are counted in ``groups_dropped``.
    """
    path = Path(results_path)
    reader = open_reader(path, column="text")
    needed = {"label", "score"} | ({group_by} if group_by else set())
    missing = sorted(needed - set(reader.columns))
    if missing:
        raise InvalidInputError(
            f"{path}: no column {', '.join(map(repr, missing))}; is this a krquality results file? "
            f"(columns: {', '.join(reader.columns)})",
            field="group_by" if group_by in missing else "input",
        )
    data = ReportData(source=path.name, overall=Tally(keep=top), groups={}, group_by=group_by)
    dropped: set[str] = set()
    for row in reader:
        values = row.columns
        findings = tuple(str(values.get("findings") or "").split())
        kr = WeakKR(
            score=_as_int(values.get("score")),
            row=_as_int(values.get("row")),
            text=row.text,
            label=str(values.get("label") or ""),
            findings=findings,
            suggestion=str(values.get("suggestion") or ""),
        )
        grade = str(values.get("grade") or "")
        data.overall.add(kr, grade=grade)
        if group_by:
            key = str(values.get(group_by) if values.get(group_by) not in (None, "") else "(none)")
            tally = data.groups.get(key)
            if tally is None:
                if len(data.groups) >= MAX_GROUPS:
                    dropped.add(key)
                    continue
                tally = data.groups[key] = Tally(keep=GROUP_TOP)
            tally.add(kr, grade=grade)
    data.groups_dropped = len(dropped)
    return data


def _finding_title(code: str) -> str:
    try:
        from krquality.checks.registry import get_check

        check = get_check(code)
    except Exception:  # an unknown or retired code still gets a row in the report
        return code
    return f"{code} {check.name}: {check.message}"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def svg_bars(
    items: list[tuple[str, int, str]], *, width: int = 520, label_width: int = 170, title: str = ""
) -> str:
    """A horizontal bar chart as an SVG element: one ``(label, count, colour)`` per bar."""
    bar_h, gap = 22, 6
    height = max(1, len(items)) * (bar_h + gap) + gap
    biggest = max((count for _, count, _ in items), default=0) or 1
    total = sum(count for _, count, _ in items) or 1
    room = width - label_width - 90
    parts = [
        f'<svg class="chart bars" role="img" aria-label="{_e(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(title)}</title>",
    ]
    for i, (label, count, colour) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(1.0, room * count / biggest) if count else 0.0
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end">{_e(shown)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
            f"<title>{_e(label)}: {count}</title></rect>"
            f'<text x="{label_width + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}">{count:,} '
            f"({100 * count / total:.0f}%)</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_histogram(counts: list[int], *, width: int = 520, height: int = 220, title: str = "") -> str:
    """Score histogram (bins of 10 points, 0-100) as an SVG element."""
    left, bottom, top = 44, 28, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    biggest = max(counts, default=0) or 1
    step = plot_w / len(counts)
    parts = [
        f'<svg class="chart histogram" role="img" aria-label="{_e(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>',
    ]
    for tick in (0, biggest):
        y = top + plot_h - plot_h * tick / biggest
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:,}</text>')
    for i, count in enumerate(counts):
        h = plot_h * count / biggest
        x = left + i * step
        low = i * 100 // len(counts)
        high = 100 if i == len(counts) - 1 else (i + 1) * 100 // len(counts) - 1
        hue = int(120 * (i + 0.5) / len(counts))  # red for weak scores to green for strong ones
        parts.append(
            f'<rect class="bar" x="{x + 2:.1f}" y="{top + plot_h - h:.1f}" width="{step - 4:.1f}" '
            f'height="{h:.1f}" fill="hsl({hue},55%,48%)"><title>score {low}-{high}: {count:,}</title></rect>'
            f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle">{low}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _label_items(tally: Tally) -> list[tuple[str, int, str]]:
    known = [(name, tally.labels.get(name, 0), colour) for name, colour in LABEL_COLOURS.items()]
    others = [(name, n, OTHER_COLOUR) for name, n in tally.labels.most_common() if name not in LABEL_COLOURS]
    return known + others


def _weakest_table(krs: list[WeakKR], *, css_class: str) -> str:
    rows = []
    for kr in krs:
        findings = " ".join(
            f'<code title="{_e(_finding_title(code))}">{_e(code)}</code>' for code in kr.findings
        )
        suggestion = f'<div class="suggestion">→ {_e(kr.suggestion)}</div>' if kr.suggestion else ""
        rows.append(
            f"<tr><td class=num>{kr.row}</td><td>{_e(kr.text)}{suggestion}</td>"
            f'<td><span class="label {_e(kr.label)}">{_e(kr.label)}</span></td>'
            f"<td class=num>{kr.score}</td><td>{findings}</td></tr>"
        )
    return (
        f'<table class="{css_class}"><thead><tr><th class=num>row</th><th>key result and suggestion</th>'
        f"<th>label</th><th class=num>score</th><th>findings</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _findings_chart(tally: Tally, *, top: int) -> str:
    common = tally.findings.most_common(top)
    if not common:
        return "<p>No findings.</p>"
    chart = svg_bars([(code, n, "#b04a3a") for code, n in common], title="most frequent findings")
    legend = "".join(
        f"<li><code>{_e(code)}</code> {_e(_finding_title(code).removeprefix(code).strip())}</li>"
        for code, _ in common
    )
    return f'{chart}<ul class="legend">{legend}</ul>'


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;
color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#f5f6f8;border-radius:8px;padding:.7rem 1rem;
min-width:140px}
.card b{display:block;font-size:1.5rem}.charts{display:flex;flex-wrap:wrap;gap:2rem}
svg.chart text{font-size:12px;fill:#333}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.suggestion{color:#2a7a3a;margin-top:.2rem}
.label{border-radius:4px;padding:0 .35rem;color:#fff;background:#777}.label.metric{background:#2f6fb0}
.label.milestone{background:#d08a1d}.label.task{background:#9a4fa0}code{background:#f0f0f0;padding:0 .2rem}
ul.legend{columns:2;column-gap:2.5rem;font-size:12px;color:#555}ul.legend li{break-inside:avoid}
th.num{text-align:right}section.group{margin-top:1.5rem}
"""


def render_html(data: ReportData, *, top: int = DEFAULT_TOP) -> str:
    """The report page for ``data`` as one HTML string with inline CSS and SVG."""
    o = data.overall
    cards = (
        f'<div class="card"><b id="total-rows">{o.rows:,}</b>key results</div>'
        f'<div class="card"><b>{o.mean_score:.1f}</b>mean score</div>'
        + "".join(
            f'<div class="card"><b>{100 * o.labels.get(name, 0) / (o.rows or 1):.0f}%</b>{name}</div>'
            for name in LABEL_COLOURS
        )
    )
    body = [
        f"<h1>Key result quality: {_e(data.source)}</h1>",
        f'<section id="summary" class="cards">{cards}</section>',
        '<div class="charts">',
        '<section id="labels"><h2>Labels</h2>',
        svg_bars(_label_items(o), title="label distribution"),
        '</section><section id="scores"><h2>Scores</h2>',
        svg_histogram(o.histogram, title="score histogram"),
        "</section>",
        "</div>",
        f'<section id="findings"><h2>Most frequent findings</h2>{_findings_chart(o, top=top)}</section>',
        f'<section id="weakest"><h2>The {len(o.weakest)} weakest key results</h2>'
        f"{_weakest_table(o.weakest, css_class='weakest')}</section>",
    ]
    if data.group_by:
        body.append(f'<section id="groups"><h2>By {_e(data.group_by)}</h2>')
        overview = "".join(
            f"<tr><td>{_e(name)}</td><td class=num>{t.rows:,}</td><td class=num>{t.mean_score:.1f}</td>"
            + "".join(
                f"<td class=num>{100 * t.labels.get(lbl, 0) / (t.rows or 1):.0f}%</td>"
                for lbl in LABEL_COLOURS
            )
            + "</tr>"
            for name, t in sorted(data.groups.items(), key=lambda item: item[1].mean_score)
        )
        body.append(
            f'<table class="groups"><thead><tr><th>{_e(data.group_by)}</th><th class=num>key results</th>'
            "<th class=num>mean score</th>"
            + "".join(f"<th class=num>{lbl}</th>" for lbl in LABEL_COLOURS)
            + f"</tr></thead><tbody>{overview}</tbody></table>"
        )
        if data.groups_dropped:
            body.append(f"<p>{data.groups_dropped:,} more groups are not shown (at most {MAX_GROUPS}).</p>")
        for name, t in sorted(data.groups.items()):
            body.append(
                f'<section class="group"><h3>{_e(data.group_by)}: {_e(name)} '
                f"({t.rows:,} key results, mean score {t.mean_score:.1f})</h3>"
                '<div class="charts">'
                f"{svg_bars(_label_items(t), width=420, label_width=90, title=f'labels in {name}')}"
                f"{svg_histogram(t.histogram, width=420, height=160, title=f'scores in {name}')}</div>"
                f"<p>Most frequent findings: {', '.join(f'<code>{_e(c)}</code> ({n})' for c, n in t.findings.most_common(5)) or 'none'}</p>"  # noqa: E501
                f"{_weakest_table(t.weakest, css_class='weakest-group')}</section>"
            )
        body.append("</section>")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>krquality report: {_e(data.source)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def write_report(
    results_path: str | Path,
    output_path: str | Path,
    *,
    group_by: str | None = None,
    top: int = DEFAULT_TOP,
) -> ReportData:
    """Write the HTML report on ``results_path`` to ``output_path``; return its data.

    >>> import tempfile, pathlib  # doctest: +SKIP
    >>> write_report("results.csv", "report.html", group_by="team").overall.rows  # doctest: +SKIP
    1200
    """
    if top < 1:
        raise InvalidInputError(f"top must be at least 1, got {top}", field="top")
    data = collect(results_path, group_by=group_by, top=top)
    Path(output_path).write_text(render_html(data, top=top), encoding="utf-8")
    return data
