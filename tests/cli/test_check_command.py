"""`msa-check check` end to end: samples over HTTP, real PDFs, every bad input, exit codes."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check import __version__
from msa_check.cli import app
from msa_check.errors import ExitCode
from tests.sample_dates import northwind_exit_code

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
CORPUS_PDFS = ROOT.parent / "shared" / "corpus" / "pdfs"
NORTHWIND = SAMPLES / "northwind-components-2025.pdf"
BRIGHTWAVE = SAMPLES / "brightwave-retail.html"
HARBOUR = SAMPLES / "harbour-logistics-no-steps.txt"

runner = CliRunner()


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def check_json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, err = run("check", *args, "--format", "json")
    assert out, err
    return code, json.loads(out)


def verdicts(report: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {c["id"]: c["verdict"] for c in report["rule_sets"][0]["criteria"]}


# The samples, served over HTTP with unhelpful content types: the bytes decide.


def test_strong_pdf_over_http_meets_every_mandatory_criterion(httpserver: HTTPServer) -> None:
    content = NORTHWIND.read_bytes()
    httpserver.expect_request("/statement").respond_with_data(
        content, content_type="application/octet-stream"
    )
    code, report = check_json(httpserver.url_for("/statement"))
    assert code == northwind_exit_code()
    assert report["mandatory_met"] is True
    assert report["source"]["final_url"] == httpserver.url_for("/statement")
    assert report["source"]["sha256"] == hashlib.sha256(content).hexdigest()
    assert report["source"]["status"] == 200 and report["source"]["fetched_at"]
    assert report["tool"] == {"name": "msa-check", "version": __version__}
    assert report["document"]["kind"] == "pdf" and report["document"]["page_count"] == 4
    rule_set = report["rule_sets"][0]
    assert (rule_set["id"], rule_set["version"]) == ("uk-msa-s54", "1.0")
    found = verdicts(report)
    assert found.pop("homepage_link") == "not_checked"
    assert set(found.values()) == {"met"}, found
    approval = next(c for c in rule_set["criteria"] if c["id"] == "approval")
    assert approval["reference"]["section"].startswith("s54(6)")
    [evidence] = approval["evidence"]
    assert evidence["page"] == 4 and "Board of Directors" in evidence["text"]
    assert evidence["matched"] and evidence["status"] == "taken"
    assert report["period"] == "financial year 1 April 2024 to 31 March 2025"
    assert report["organisation"] == "Northwind Components Ltd"


def test_weak_html_page_misses_the_mandatory_criteria(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/msa").respond_with_data(
        BRIGHTWAVE.read_bytes(), content_type="text/plain"
    )
    code, report = check_json(httpserver.url_for("/msa"))
    assert code == ExitCode.MANDATORY_UNMET
    found = verdicts(report)
    assert found["approval"] == found["signature"] == found["steps_taken"] == "missing"
    assert found["training"] == found["risk"] == found["due_diligence"] == "missing"
    assert report["document"]["kind"] == "html"


def test_no_steps_statement_is_flagged_loudly(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/no-steps").respond_with_data(HARBOUR.read_bytes())
    code, out, _ = run("check", httpserver.url_for("/no-steps"))
    assert code == ExitCode.MANDATORY_UNMET
    assert "NO STEPS TAKEN" in out
    assert "steps_taken (partial)" in out


def test_console_report_shows_verdicts_quotes_and_closing_line() -> None:
    code, out, _ = run("check", str(NORTHWIND))
    assert code == northwind_exit_code()
    # Once its period ended over 18 months ago, the closing line says it is out of date.
    if code == ExitCode.OK:
        assert "All checked mandatory requirements are met" in out
    else:
        assert "The checked mandatory requirements are met" in out and "out of date" in out
    assert "This statement was approved by the Board of Directors" in out
    assert "p. 4" in out


def test_markdown_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, _, err = run("check", str(BRIGHTWAVE), "--format", "markdown", "--output", str(target))
    assert code == ExitCode.MANDATORY_UNMET
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ") and "| Criterion |" in text and "missing" in text
    assert f"Report written to {target}" in err


def test_stdin_is_read_with_a_dash() -> None:
    code, report = check_json_stdin(HARBOUR.read_bytes())
    assert report["source"]["kind"] == "stdin" and report["source"]["location"] == "-"
    assert verdicts(report)["approval"] == "met"
    assert code == ExitCode.MANDATORY_UNMET


def check_json_stdin(content: bytes) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, err = run("check", "-", "--format", "json", stdin=content)
    assert out, err
    return code, json.loads(out)


# The real statements of the shared corpus (absent from a user's clone: skipped there).


@pytest.mark.skipif(not CORPUS_PDFS.is_dir(), reason="the shared corpus is not beside the repo")
def test_real_pdf_board_approval_and_signature_are_found_with_their_page() -> None:
    code, report = check_json(str(CORPUS_PDFS / "coke_1.pdf"))
    assert report["document"]["page_count"] == 8
    criteria = {c["id"]: c for c in report["rule_sets"][0]["criteria"]}
    approval = criteria["approval"]
    assert approval["verdict"] == "met"
    assert [e["page"] for e in approval["evidence"]] == [8]
    assert (
        "approved by the Boards of Coca-Cola European Partners" in approval["evidence"][0]["text"]
    )
    signature = criteria["signature"]
    assert signature["verdict"] == "met"
    assert {e["page"] for e in signature["evidence"]} == {8}
    pages = {e["page"] for c in criteria.values() for e in c["evidence"]}
    assert pages <= set(range(1, 9)) and len(pages) >= 6
    assert code == ExitCode.STALE  # a 2016 statement: its period ended years ago


@pytest.mark.skipif(not CORPUS_PDFS.is_dir(), reason="the shared corpus is not beside the repo")
@pytest.mark.parametrize(("name", "pages"), [("PM_group_2019", 1), ("VWR_statement", 3)])
def test_real_pdfs_without_board_approval(name: str, pages: int) -> None:
    code, report = check_json(str(CORPUS_PDFS / f"{name}.pdf"))
    assert report["document"]["page_count"] == pages
    assert verdicts(report)["approval"] == "missing"
    assert code == ExitCode.MANDATORY_UNMET


# Bad input: one clear line on stderr, exit code 3, never a traceback.


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def assert_source_error(code: int, err: str, expected: str) -> None:
    assert code == ExitCode.SOURCE, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("msa-check: error: ")
    assert expected in lines[0], lines[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_host() -> None:
    code, _, err = run("check", f"http://127.0.0.1:{free_port()}/statement.pdf")
    assert_source_error(code, err, "connection refused")


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500")])
def test_http_errors(httpserver: HTTPServer, status: int, words: str) -> None:
    httpserver.expect_request("/gone").respond_with_data("nope", status=status)
    code, _, err = run("check", httpserver.url_for("/gone"))
    assert_source_error(code, err, words)


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("picture.pdf", lambda _: png_bytes(), "PNG image"),
        ("empty.txt", lambda _: b"", "empty"),
        ("blank.html", lambda _: b"  \n\n ", "empty"),
        ("corrupt.pdf", lambda _: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "corrupt"),
        ("locked.pdf", lambda pdfs: pdfs["password"], "password-protected"),
        ("scan.pdf", lambda pdfs: pdfs["scanned"], "no text layer"),
    ],
)
def test_bad_files(
    tmp_path: Path,
    name: str,
    make: Callable[[dict[str, bytes]], bytes],
    expected: str,
    password_pdf: bytes,
    scanned_pdf: bytes,
) -> None:
    path = tmp_path / name
    path.write_bytes(make({"password": password_pdf, "scanned": scanned_pdf}))
    code, _, err = run("check", str(path))
    assert_source_error(code, err, expected)


def test_scanned_pdf_says_it_needs_ocr(tmp_path: Path, scanned_pdf: bytes) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf)
    _, _, err = run("check", str(path))
    assert "scanned" in err and "OCR" in err


def test_missing_local_file(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nowhere.pdf"))
    assert_source_error(code, err, "no such file")


def test_image_served_as_pdf_over_http(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s.pdf").respond_with_data(
        png_bytes(), content_type="application/pdf"
    )
    code, _, err = run("check", httpserver.url_for("/s.pdf"))
    assert_source_error(code, err, "PNG image")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nowhere.pdf"), "--debug")
    assert code == ExitCode.SOURCE
    assert "Traceback" in err and "msa-check: error: " in err


# Usage errors: exit code 2, before any fetch.


def test_unknown_rule_set_is_a_usage_error_before_fetching(httpserver: HTTPServer) -> None:
    code, _, err = run("check", httpserver.url_for("/never"), "--rules", "uk-msa")
    assert code == ExitCode.USAGE
    assert "no bundled rule set named 'uk-msa'" in err
    assert not httpserver.log  # nothing was fetched


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("check", str(HARBOUR), "--format", "pdf")
    assert code == ExitCode.USAGE and "pdf" in err


# The installed entry points, as a user runs them.


def test_python_dash_m_and_console_script() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "msa_check", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0 and version.stdout.strip() == f"msa-check {__version__}"
    script = Path(sys.executable).parent / "msa-check"
    missing = subprocess.run(
        [str(script), "check", "/nonexistent/statement.pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == ExitCode.SOURCE
    assert missing.stderr.strip() == "msa-check: error: no such file: /nonexistent/statement.pdf"


def test_the_format_option_offers_exactly_the_renderers() -> None:
    from msa_check.cli.check import OutputFormat
    from msa_check.report import RENDERERS

    assert [f.value for f in OutputFormat] == list(RENDERERS)


def test_a_core_error_names_the_flag_that_fixes_it() -> None:
    # The core says "use max_bytes"; the CLI names its own flag instead.
    code, _, err = run("check", str(NORTHWIND), "--max-mb", "0.001")
    assert code == ExitCode.SOURCE
    assert err.strip().endswith("limit (use --max-mb to raise it)"), err


def test_every_setting_a_core_error_names_has_a_flag() -> None:
    from msa_check.cli.exits import SETTING_FLAGS
    from msa_check.errors import Setting

    assert set(SETTING_FLAGS) == set(Setting)
    assert all(flag.startswith("--") for flag in SETTING_FLAGS.values())
