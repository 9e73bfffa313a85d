"""Any bytes into the extractors: a well-formed Document or a documented error, nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from msa_check.errors import SourceError
from msa_check.extract import extract_document
from tests.extract.test_extract_document import _fetched
from tests.extract.well_formed import assert_well_formed
from tests.fuzz.settings import FUZZ

_WORDS = st.sampled_from(
    ["We", "audit", "suppliers", "modern", "slavery", "-\n", "\u00ad\n", "\ufb01", "  ", "\n",
     "<br>", "<p>", "</p>", "<div>", "<h2>", "</h2>", "<script>", "&amp;", "&#0;", "\x00", "="]
)  # fmt: skip
_TEXTISH = st.lists(_WORDS, max_size=200).map("".join)
_HTML = _TEXTISH.map(lambda body: f"<html><body>{body}</body></html>")
_PDFISH = st.binary(max_size=2000).map(lambda tail: b"%PDF-1.4\n" + tail)


def _extract_or_documented_error(content: bytes) -> None:
    try:
        document = extract_document(_fetched(content))
    except SourceError as exc:  # ExtractError and kin: exit 3, a message for the user
        assert exc.message
        return
    assert_well_formed(document)


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(content: bytes) -> None:
    _extract_or_documented_error(content)


@FUZZ
@given(_TEXTISH, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_text_in_any_encoding(text: str, encoding: str) -> None:
    _extract_or_documented_error(text.encode(encoding, errors="replace"))


@FUZZ
@given(_HTML)
def test_html_pages(page: str) -> None:
    _extract_or_documented_error(page.encode("utf-8"))


@FUZZ
@given(_PDFISH)
def test_bytes_that_start_like_a_pdf(content: bytes) -> None:
    _extract_or_documented_error(content)
