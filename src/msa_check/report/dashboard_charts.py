"""The dashboard's two charts, each drawn as inline SVG beside a text table with the same
numbers (for screen readers and print): suppliers per rating, and verdicts per criterion
over the suppliers whose statement was read. dashboard.py lays out the page around them,
with the table of suppliers and a section per supplier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from msa_check.batch.suppliers import RATING_ORDER, RATING_RULE, Rating, SupplierRow
from msa_check.report.html_escape import html_attr as _attr
from msa_check.report.html_escape import html_text as _text
from msa_check.report.html_words import IdTitles

READ_WORDS = (
    "whose document was read and is a modern slavery statement (not those with no statement"
    " found, or whose document could not be read)"
)
CHART_LABEL = 34  # characters of a criterion's title beside its bar; the table has it whole
VERDICT_COLOURS = {
    "met": "#2e7d32",
    "partial": "#b58100",
    "missing": "#c62828",
    "not_checked": "#757575",
}
RATING_COLOURS = {
    Rating.MEETS: "#2e7d32",
    Rating.MEETS_WEAK: "#b58100",
    Rating.MEETS_CHECKED: "#8d6e00",
    Rating.OUT_OF_DATE: "#e65100",
    Rating.DOES_NOT_MEET: "#c62828",
    Rating.NO_STATEMENT: "#6a1b9a",
    Rating.UNREADABLE: "#757575",
}
VERDICTS = ("met", "partial", "missing", "not_checked")


def ratings_section(rows: Sequence[SupplierRow]) -> str:
    counts = Counter(row.rating for row in rows)
    bars = [(rating.value, counts[rating], RATING_COLOURS[rating]) for rating in RATING_ORDER]
    table_rows = "\n".join(
        f'<tr><th scope="row">{_text(label)}</th><td class="num">{count}</td>'
        f'<td class="num">{_percent(count, len(rows))}</td></tr>'
        for label, count, _ in bars
    )
    return (
        '<section aria-labelledby="ratings">\n<h2 id="ratings">Ratings</h2>\n'
        f"<p>{_text(RATING_RULE)}</p>\n"
        '<div class="charts">\n<div class="chart">'
        + _bar_chart("Suppliers per rating", bars, len(rows))
        + '</div>\n<div class="chart"><table>\n<caption>Suppliers per rating</caption>\n'
        '<thead><tr><th scope="col">Rating</th><th scope="col">Suppliers</th>'
        '<th scope="col">Share</th></tr></thead>\n'
        f"<tbody>\n{table_rows}\n</tbody>\n</table></div>\n"
        "</div>\n</section>"
    )


def criteria_section(
    rows: Sequence[SupplierRow],
    mandatory_ids: Sequence[str],
    content_ids: Sequence[str],
    names: IdTitles,
) -> str:
    checked = [row for row in rows if row.statement_read]  # as the batch summary counts
    verdicts: dict[str, Counter[str]] = {c: Counter() for c in (*mandatory_ids, *content_ids)}
    for row in checked:
        for criterion, verdict in (*row.mandatory.items(), *row.content.items()):
            verdicts.setdefault(criterion, Counter())[verdict] += 1
    chart = _stacked_chart(verdicts, len(checked), names)
    head = "".join(f'<th scope="col">{_text(v.replace("_", " "))}</th>' for v in VERDICTS)
    body = "\n".join(
        f'<tr><th scope="row">{names.html(criterion)}'
        f"{' (mandatory)' if criterion in mandatory_ids else ''}"
        "</th>" + "".join(f'<td class="num">{counts[v]}</td>' for v in VERDICTS) + "</tr>"
        for criterion, counts in verdicts.items()
    )
    return (
        '<section aria-labelledby="criteria">\n<h2 id="criteria">Verdicts per criterion</h2>\n'
        f"<p>Over the {len(checked)} supplier{'' if len(checked) == 1 else 's'} {READ_WORDS}.</p>\n"
        f'<div class="charts">\n<div class="chart">{chart}</div>\n'
        '<div class="chart table-wrap"><table>\n'
        f"<caption>Suppliers per verdict, by criterion</caption>\n<thead><tr>"
        f'<th scope="col">Criterion</th>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n'
        "</table></div>\n</div>\n</section>"
    )


def _bar_chart(title: str, bars: Sequence[tuple[str, int, str]], total: int) -> str:
    """Horizontal bars, one a row, labelled with the count; decorative for screen readers
    (the table beside it carries the same numbers)."""
    width, label_width, row_height = 520, 200, 28
    scale = (width - label_width - 60) / max(1, max((count for _, count, _ in bars), default=1))
    height = row_height * len(bars) + 10
    shapes = []
    for index, (label, count, colour) in enumerate(bars):
        y = 5 + index * row_height
        bar = max(0.0, count * scale)
        shapes.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">{_text(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{bar:.1f}" '
            f'height="{row_height - 8}" fill="{colour}"/>'
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 18}">{count}</text>'
        )
    return (
        f'<svg role="img" aria-label="{_attr(title)} (the table beside it has the numbers)" '
        f'viewBox="0 0 {width} {height}" width="100%" font-size="13" '
        'font-family="system-ui, sans-serif">'
        f"<title>{_text(title)}</title>{''.join(shapes)}</svg>"
    )


def _stacked_chart(verdicts: dict[str, Counter[str]], total: int, names: IdTitles) -> str:
    width, label_width, row_height = 600, 230, 24
    usable = width - label_width - 10
    height = row_height * len(verdicts) + 30
    shapes = []
    for index, (criterion, counts) in enumerate(verdicts.items()):
        y = 5 + index * row_height
        title = names.words(criterion)
        shapes.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">'
            f"{_text(_shortened(title))}<title>{_text(title)}</title></text>"
        )
        x = float(label_width)
        for verdict in VERDICTS:
            part = usable * counts[verdict] / total if total else 0.0
            if part > 0:
                shapes.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{part:.1f}" height="{row_height - 6}" '
                    f'fill="{VERDICT_COLOURS[verdict]}">'
                    f"<title>{_text(title)}: {counts[verdict]} "
                    f"{_text(verdict.replace('_', ' '))}</title></rect>"
                )
            x += part
    legend_y = height - 8
    legend = "".join(
        f'<rect x="{label_width + i * 100}" y="{legend_y - 10}" width="10" height="10" '
        f'fill="{VERDICT_COLOURS[v]}"/>'
        f'<text x="{label_width + i * 100 + 14}" y="{legend_y}">{_text(v.replace("_", " "))}</text>'
        for i, v in enumerate(VERDICTS)
    )
    return (
        '<svg role="img" aria-label="Verdicts per criterion (the table beside it has the numbers)" '
        f'viewBox="0 0 {width} {height}" width="100%" font-size="12" '
        'font-family="system-ui, sans-serif">'
        f"<title>Verdicts per criterion</title>{''.join(shapes)}{legend}</svg>"
    )


def _shortened(title: str) -> str:
    """`title` cut after a whole word to fit beside a bar, with an ellipsis when cut."""
    if len(title) <= CHART_LABEL:
        return title
    return title[: title.rfind(" ", 0, CHART_LABEL)].rstrip(",;") + "…"


def _percent(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%" if total else "-"
