"""Render msa-check's HTML report of a statement to a PNG with headless Chromium, to look at.

    python benchmarks/render_html.py [SOURCE] [--png FILE] [--html FILE] [--rules NAME]
                                     [--window-size 1200,3000] [--print]

SOURCE defaults to the strong sample, samples/northwind-components-2025.pdf. Needs
Chromium (Debian: `apt-get install chromium`). The browser runs with networking that it
does not need switched off and a throw-away profile; the report itself makes no request.
`--print` also prints the page to PDF (FILE.pdf beside the PNG), to check the print style.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from msa_check.checker import Checker, load_rule_sets
from msa_check.nlp import load_pipeline
from msa_check.report import render_text

ROOT = Path(__file__).parents[1]
DEFAULT_SOURCE = ROOT / "samples" / "northwind-components-2025.pdf"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 120  # seconds for one browser run
QUIET_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
)  # fmt: skip


def find_browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def run_browser(browser: str, page: Path, *flags: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, *QUIET_FLAGS, f"--user-data-dir={profile}", *flags, page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE))
    parser.add_argument("--png", type=Path, default=Path(tempfile.gettempdir()) / "report.png")
    parser.add_argument("--html", type=Path, help="keep the HTML here (default: beside the PNG)")
    parser.add_argument("--rules", action="append", default=[])
    parser.add_argument("--window-size", default="1200,3000")
    parser.add_argument("--print", action="store_true", help="also print to PDF")
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("Chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    checker = Checker(load_rule_sets(args.rules), load_pipeline())
    report = checker.check_source(args.source, discover=False)
    page = (args.html or args.png.with_suffix(".html")).resolve()
    page.write_text(render_text(report, "html"), encoding="utf-8")
    png = args.png.resolve()
    run_browser(browser, page, f"--screenshot={png}", f"--window-size={args.window_size}")
    print(f"wrote {page} and {png}")
    if args.print:
        pdf = png.with_suffix(".pdf")
        run_browser(browser, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        print(f"wrote {pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
