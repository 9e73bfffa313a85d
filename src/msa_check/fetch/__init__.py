"""The fetch stage: getting the bytes of a statement from a URL, a file or stdin.

`fetch_statement` gets the bytes at a location. It picks the source from the shape of the
location, applies the same limits to every source, and turns every failure into a
FetchError whose one-line message names the location and, where there is one, the fix.
`locate_statement` does the same, but when the URL is a homepage it finds the statement
the homepage links to, and records where the homepage links to it (a `Discovery`).
A `Fetcher` keeps robots.txt, per-host pacing and the cache across many fetches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msa_check.lazy_exports import lazy_exports

# Imported on first use (see lazy_exports): requests and Beautiful Soup are slow to load,
# and `msa-check --help` needs only FetchOptions.
_EXPORTS = {
    "FoundStatement": "discover",
    "discover_statement": "discover",
    "find_statement": "discover",
    "find_homepage_links": "homepage",
    "LocatedStatement": "locate",
    "locate_statement": "locate",
    "STDIN_LOCATION": "location",
    "fetch_statement": "location",
    "is_url": "location",
    "FetchOptions": "options",
    "looks_like_statement": "pages",
    "Fetched": "session",
    "Fetcher": "session",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)

if TYPE_CHECKING:
    from msa_check.fetch.discover import FoundStatement, discover_statement, find_statement
    from msa_check.fetch.homepage import find_homepage_links
    from msa_check.fetch.locate import LocatedStatement, locate_statement
    from msa_check.fetch.location import STDIN_LOCATION, fetch_statement, is_url
    from msa_check.fetch.options import FetchOptions
    from msa_check.fetch.pages import looks_like_statement
    from msa_check.fetch.session import Fetched, Fetcher

__all__ = [
    "STDIN_LOCATION",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "FoundStatement",
    "LocatedStatement",
    "discover_statement",
    "fetch_statement",
    "find_homepage_links",
    "find_statement",
    "is_url",
    "locate_statement",
    "looks_like_statement",
]
