"""The supplier dashboard: one self-contained page over a whole batch, for the procurement file.

A table of suppliers (sortable and filterable by a small inline script; complete and
printable without it), two charts drawn as inline SVG, each with a text table beside it for
screen readers and print, and a section per supplier with its flags, what is missing and a
link to its statement. Nothing is loaded from the network. Every piece of text from a
statement or an input file is escaped. The charts are drawn in report/dashboard_charts.py;
the page's own style and script are in report/dashboard_assets.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msa_check.batch.suppliers import RATING_ORDER, YEAR_FROM_REGISTRY, Rating, SupplierRow
from msa_check.report.dashboard_assets import DASHBOARD_STYLE, SCRIPT
from msa_check.report.dashboard_charts import criteria_section, ratings_section
from msa_check.report.html_escape import html_attr as _attr
from msa_check.report.html_escape import html_text as _text
from msa_check.report.html_style import STYLE
from msa_check.report.html_words import IdTitles, finding_titles

YEAR_NOTE = (
    "Year: the registry's statement year; marked “period end” where the registry gives none"
    " and it is the year the statement's own period ends"
)

RATING_CLASS = {
    Rating.MEETS: "met",
    Rating.MEETS_WEAK: "partial",
    Rating.MEETS_CHECKED: "partial",
    Rating.OUT_OF_DATE: "partial",
    Rating.DOES_NOT_MEET: "missing",
    Rating.NO_STATEMENT: "missing",
    Rating.UNREADABLE: "not_checked",
}


def render_dashboard(
    rows: Sequence[SupplierRow],
    *,
    legal_title: str | None,
    mandatory_ids: Sequence[str],
    content_ids: Sequence[str],
    title: str,
    generated: str,
    titles: Mapping[str, str] | None = None,
) -> str:
    """The dashboard as a complete HTML document, ending in a newline. `titles` names the
    criteria and rule sets (id -> title); an id without one is shown as it is."""
    names = IdTitles(titles or {})
    parts = [
        f"<header>\n<h1>{_text(title)}</h1>\n<p>{len(rows)} suppliers; rated against "
        f"{_text(legal_title or 'no rule set with mandatory criteria')}; "
        f"generated {_text(generated)} "
        "by msa-check.</p>\n</header>",
        "<main>",
        ratings_section(rows),
        criteria_section(rows, mandatory_ids, content_ids, names),
        _table_section(rows, mandatory_ids, names),
        _supplier_sections(rows, mandatory_ids, names),
        "</main>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n<style>{STYLE}{DASHBOARD_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _table_section(
    rows: Sequence[SupplierRow], mandatory_ids: Sequence[str], names: IdTitles
) -> str:
    with_ids = any(row.supplier_id for row in rows)  # no ID column for a list without ids
    columns = [
        *(_text(c) for c in ("#", "Supplier", *(("ID",) if with_ids else ()), "Year", "Rating")),
        *(names.html(c) for c in mandatory_ids),
        "Content covered",
        "Flags and alerts",
    ]
    head = "".join(f'<th scope="col"><button type="button">{c}</button></th>' for c in columns)
    options = "".join(
        f'<option value="{_attr(r.value)}">{_text(r.value)}</option>' for r in RATING_ORDER
    )
    body = "\n".join(_table_row(row, mandatory_ids, names, with_ids) for row in rows)
    return (
        '<section aria-labelledby="table">\n<h2 id="table">Suppliers</h2>\n'
        '<div class="filters" id="filters" hidden>\n'
        '<label for="filter-text">Find a supplier<input id="filter-text" type="search"></label>\n'
        '<label for="filter-rating">Rating<select id="filter-rating"><option value="">any</option>'
        f'{options}</select></label>\n<p id="shown" role="status"></p>\n</div>\n'
        '<div class="table-wrap"><table class="suppliers" id="suppliers">\n'
        "<caption>One row per supplier, in input order; the columns sort when clicked. "
        f"{_text(YEAR_NOTE)}.</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n</section>"
    )


def _table_row(
    row: SupplierRow, mandatory_ids: Sequence[str], names: IdTitles, with_ids: bool
) -> str:
    verdicts = "".join(
        f"<td>{_badge(row.mandatory[c]) if c in row.mandatory else '-'}</td>" for c in mandatory_ids
    )
    share = "-" if row.content_share is None else f"{round(100 * row.content_share)}%"
    sort_share = "" if row.content_share is None else f' data-sort="{row.content_share}"'
    # What was not checked is in its criterion's column; here the flags and alerts alone.
    flags = ", ".join(_findings(row))
    supplier_id = f"<td>{_text(row.supplier_id or '')}</td>" if with_ids else ""
    return (
        f'<tr data-rating="{_attr(row.rating.value)}"><td class="num">{row.number}</td>'
        f'<th scope="row"><a href="#s{row.number}">{_text(row.name)}</a></th>'
        f"{supplier_id}<td>{_year(row)}</td>"
        f'<td><span class="verdict verdict-{RATING_CLASS[row.rating]}">{_text(row.rating.value)}'
        f'</span></td>{verdicts}<td class="num"{sort_share}>{share}</td>'
        f"<td>{_text(flags)}</td></tr>"
    )


def _findings(row: SupplierRow) -> list[str]:
    """The row's flags and alerts by title, each once."""
    return finding_titles(row.flags, tuple((a, row.alert_messages.get(a, "")) for a in row.alerts))


def _year(row: SupplierRow) -> str:
    """The year, marked when it is not the registry's (see YEAR_NOTE)."""
    if row.statement_year is None:
        return ""
    if row.statement_year_source in (None, YEAR_FROM_REGISTRY):
        return _text(row.statement_year)
    source = _text(row.statement_year_source or "")
    return f'{_text(row.statement_year)} <small class="id">({source})</small>'


def _supplier_sections(
    rows: Sequence[SupplierRow], mandatory_ids: Sequence[str], names: IdTitles
) -> str:
    sections = []
    for row in rows:
        lines = [f"<li>Rating: <strong>{_text(row.rating.value)}</strong></li>"]
        if row.statement_url:
            link = (
                f'<a href="{_attr(row.statement_url)}">{_text(row.statement_url)}</a>'
                if row.statement_url.startswith(("http://", "https://"))
                else _text(row.statement_url)
            )
            lines.append(f"<li>Statement: {link}</li>")
        else:
            lines.append(f"<li>Looked for at: {_text(row.location)}</li>")
        if row.error:
            lines.append(f"<li>Why: {_text(row.error)}</li>")
        if row.mandatory:
            words = "; ".join(
                f"{names.words(c)}: {row.mandatory[c].replace('_', ' ')}"
                for c in mandatory_ids
                if c in row.mandatory
            )
            lines.append(f"<li>Mandatory: {_text(words)}</li>")
        if row.missing_areas:
            areas = "; ".join(names.words(c) for c in row.missing_areas)
            lines.append(f"<li>Content areas not met: {_text(areas)}</li>")
        if row.flags or row.alerts:
            lines.append(f"<li>Flags and alerts: {_text('; '.join(_findings(row)))}</li>")
        if row.scores:
            words = "; ".join(f"{names.words(k)}: {v:g}%" for k, v in row.scores.items())
            lines.append(f"<li>Disclosure score: {_text(words)}</li>")
        if row.questions:
            asked = "".join(f"<li>{_text(q)}</li>" for q in row.questions)
            lines.append(f"<li>Questions for the supplier:<ol>{asked}</ol></li>")
        sections.append(
            f'<section class="supplier" id="s{row.number}" aria-labelledby="h{row.number}">'
            f'<h3 id="h{row.number}">{row.number}. {_text(row.name)}</h3>'
            f"<ul>{''.join(lines)}</ul></section>"
        )
    return (
        '<section aria-labelledby="each">\n<h2 id="each">Each supplier</h2>\n'
        + "\n".join(sections)
        + "\n</section>"
    )


def _badge(verdict: str) -> str:
    return (
        f'<span class="verdict verdict-{_attr(verdict)}">{_text(verdict.replace("_", " "))}</span>'
    )
