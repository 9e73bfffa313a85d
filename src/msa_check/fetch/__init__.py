"""The fetch stage: getting the bytes of a statement from a URL, a file or stdin.

`fetch_statement` gets the bytes at a location. It picks the source from the shape of the
location, applies the same limits to every source, and turns every failure into a
FetchError whose one-line message names the location and, where there is one, the fix.
`locate_statement` does the same, but when the URL is a homepage it finds the statement
the homepage links to, and records where the homepage links to it (a `Discovery`).
A `Fetcher` keeps robots.txt, per-host pacing and the cache across many fetches.
"""

from __future__ import annotations

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
