"""Which links of a page lead to a modern slavery statement, best first.

Links are grouped by the URL they point to (a header and a footer link to one page are
one candidate). Among the candidates whose wording is about as strong as the best, the
most recent year wins, so a landing page's "2022", "2023", "2024-25" gives the 2024-25
statement.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from msa_check.fetch.links import PageLink, same_url
from msa_check.fetch.wording import NEWEST_YEAR, link_year, score_wording

LINK_THRESHOLD = 0.35  # below this a link's wording is not about a statement
SAME_TIER = 0.15  # candidates this close to the best are told apart by year
_CONTEXT_SHARE = 0.8  # a heading over a link says less than the link's own words
_DOCUMENT_BONUS = 0.15
_DOCUMENT_ENDINGS = (".pdf", ".docx", ".doc")


@dataclass(frozen=True)
class Candidate:
    """A URL that links on a page point to, with the strongest wording among them."""

    url: str
    score: float
    year: int | None
    links: tuple[PageLink, ...]


def link_score(link: PageLink, *, on_landing_page: bool) -> float:
    """The link's own wording; on a landing page, a document link also borrows its heading's.

    Landing pages often list documents as just "2024 (PDF)" under a heading that says
    "Modern slavery statements".
    """
    own = score_wording(link.label, link.url)
    if not (on_landing_page and _is_document(link)):
        return own
    borrowed = score_wording(link.context) * _CONTEXT_SHARE
    return max(own, round(min(1.0, borrowed + _DOCUMENT_BONUS), 2) if borrowed else 0.0)


def rank_candidates(
    links: Iterable[PageLink], *, on_landing_page: bool, exclude: Collection[str] = ()
) -> list[Candidate]:
    """Candidates above the threshold, best first; `exclude` holds same_url() forms to skip."""
    groups: dict[str, list[tuple[float, PageLink]]] = {}
    for link in links:
        key = same_url(link.url)
        if key in exclude:
            continue
        score = link_score(link, on_landing_page=on_landing_page)
        if score >= LINK_THRESHOLD:
            groups.setdefault(key, []).append((score, link))
    candidates = [_candidate(scored) for scored in groups.values()]
    if not candidates:
        return []
    best = max(candidate.score for candidate in candidates)
    tier = [c for c in candidates if c.score >= best - SAME_TIER]
    rest = [c for c in candidates if c.score < best - SAME_TIER]
    tier.sort(key=lambda c: (c.year is not None, c.year or 0, c.score), reverse=True)
    rest.sort(key=lambda c: c.score, reverse=True)
    return tier + rest


def year_note(candidates: list[Candidate]) -> str | None:
    """'3 statements offered (2022, 2023, 2024); chose 2024', when years told them apart."""
    if not candidates:
        return None
    best = max(candidate.score for candidate in candidates)
    dated = [c for c in candidates if c.score >= best - SAME_TIER and c.year is not None]
    years = sorted({c.year for c in dated if c.year is not None})
    if len(years) < 2:
        return None
    shown = ", ".join("latest" if year == NEWEST_YEAR else str(year) for year in years)
    chosen = candidates[0].year
    choice = "the one marked latest" if chosen == NEWEST_YEAR else str(chosen)
    return f"{len(dated)} statements offered ({shown}); chose {choice}"


def _candidate(scored: list[tuple[float, PageLink]]) -> Candidate:
    scored.sort(key=lambda pair: pair[0], reverse=True)
    score, best = scored[0]
    year = link_year(best.label, best.url)
    if year is None and _is_document(best):
        year = link_year(best.context, "")
    return Candidate(best.url, score, year, tuple(link for _, link in scored))


def _is_document(link: PageLink) -> bool:
    path = link.url.lower().split("?", 1)[0]
    return path.endswith(_DOCUMENT_ENDINGS) or "pdf" in link.label.lower()
