"""End to end in a real browser: `msa-check serve` driven by headless Chromium, as a buyer would.

The server runs as the command (`python -m msa_check serve --port 0`) on a loopback port
the system picks, read back from the URL it prints (serve_process.py); the
browser uploads the sample PDF and reads the verdicts off the rendered report, sends one
bad input, then uploads a supplier list whose URLs point at a local test server and
waits for the dashboard. Screenshots of each page go to $MSA_CHECK_SCREENSHOTS, else to
`screenshots/` in pytest's base temporary folder (the README says so); the folder is
printed at the end (`pytest -s`). Skipped, saying why, only when Chromium or its driver
is not installed (`.ci/run` installs Debian's chromium and chromium-driver).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.serve.conftest import RECIPE, SAMPLE_PDF
from tests.serve.serve_process import start_serve, stop_serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver)",
)
WAIT_SECONDS = 60.0


@pytest.fixture
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(
        os.environ.get("MSA_CHECK_SCREENSHOTS") or tmp_path_factory.getbasetemp() / "screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`msa-check serve` on a free loopback port; its address. Stopped with Ctrl-C (SIGINT)."""
    environment = {**os.environ, "MSA_CHECK_CONFIG": str(tmp_path / "none.yaml")}
    environment.pop("MSA_CHECK_RULES", None)  # the page ticks uk-msa-s54, the default
    arguments = [
        "--store", str(tmp_path / "store"), "--allow-private-urls", "--no-cache",
        "--ignore-robots", "--host-interval", "0", "--retries", "0", "--workers", "1",
    ]  # fmt: skip
    process, address = start_serve(arguments, tmp_path / "serve.log", environment)
    yield address
    assert stop_serve(process) == 0


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--disable-gpu"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def read_unless_navigating(read: Callable[[], Any]) -> Any:
    """`read()` of the page; "" if the page was being replaced by the next one meanwhile.

    A waiting page reloads itself, so a read can meet a body that is gone (stale), not
    there yet (no such element), or be cut short by the navigation itself, which
    chromedriver reports as a plain WebDriverException ("aborted by navigation").
    """
    from selenium.common.exceptions import (
        NoSuchElementException,
        StaleElementReferenceException,
        WebDriverException,
    )

    try:
        return read()
    except (StaleElementReferenceException, NoSuchElementException):
        return ""
    except WebDriverException as error:
        if "navigat" in str(error.msg):
            return ""
        raise


def page_text(driver: Any) -> str:
    """The rendered text of the page; "" while it is being replaced by the next one."""
    return str(read_unless_navigating(lambda: driver.find_element("tag name", "body").text))


def wait_for_text(driver: object, words: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.25).until(  # type: ignore[type-var]
        lambda d: words in page_text(d)
    )


def wait_for_final_page(driver: object, words: str) -> None:
    """Until the page shows `words` and will not reload itself again.

    A supplier list's page reloads every 3 s while its run is on, and the run may still be
    on for a moment after the dashboard first shows: elements read from that page then
    belong to a document that is gone ("Node with given id does not belong to the
    document"). The page without the refresh is the last one.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def final(d: Any) -> bool:
        refresh = read_unless_navigating(
            lambda: d.find_elements(By.CSS_SELECTOR, 'meta[http-equiv="refresh"]')
        )
        return refresh == [] and words in page_text(d)

    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.25).until(final)  # type: ignore[type-var]


def open_by_link(driver: object, words: str, path: str) -> None:
    """Follow the link `words` and wait until the page at `path` has loaded.

    A click returns once the browser has the click, not once the next page is there, so
    the next page's elements are looked for only after it has.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def arrived(d: Any) -> bool:
        state = read_unless_navigating(lambda: d.execute_script("return document.readyState"))
        return bool(d.current_url.endswith(path) and state == "complete")

    driver.find_element(By.LINK_TEXT, words).click()  # type: ignore[attr-defined]
    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1).until(arrived)  # type: ignore[type-var]


# The colour an element's text is drawn in, and the first opaque background behind it.
COLOURS_SCRIPT = """
const element = arguments[0];
let behind = element, background = "rgba(0, 0, 0, 0)";
while (behind && /rgba\\(.*, 0\\)$|transparent/.test(background)) {
  background = getComputedStyle(behind).backgroundColor;
  behind = behind.parentElement;
}
return [getComputedStyle(element).color, background];
"""


def luminance(css: str) -> float:
    """WCAG relative luminance of an rgb()/rgba() colour as getComputedStyle gives it."""
    red, green, blue = (
        int(part) / 255 for part in css[css.index("(") + 1 :].rstrip(")").split(",")[:3]
    )

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_a_buyer_checks_a_pdf_a_bad_file_and_a_supplier_list(
    server: str, browser: object, httpserver: HTTPServer, tmp_path: Path, screenshots: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    statements = {
        "/kestrel.txt": SAMPLE_PDF.with_name("kestrel-devices-2026.txt"),
        "/harbour.txt": SAMPLE_PDF.with_name("harbour-logistics-no-steps.txt"),
    }
    for path, sample in statements.items():
        httpserver.expect_request(path).respond_with_data(
            sample.read_bytes(), content_type="text/plain"
        )
    httpserver.expect_request("/gone.pdf").respond_with_data("gone", status=404)

    # A statement: upload the sample PDF, read the verdicts off the report.
    driver.get(server + "/")  # type: ignore[attr-defined]
    driver.save_screenshot(str(screenshots / "serve-check-form.png"))  # type: ignore[attr-defined]
    ticked = [box.get_attribute("value") for box in driver.find_elements(  # type: ignore[attr-defined]
        By.CSS_SELECTOR, 'input[name="rules"]') if box.is_selected()]  # fmt: skip
    assert ticked == ["uk-msa-s54"]
    driver.find_element(By.ID, "file").send_keys(str(SAMPLE_PDF))  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "form.task button").click()  # type: ignore[attr-defined]
    wait_for_text(driver, "Modern slavery statement check: Northwind Components Ltd")
    verdicts = {}
    for link in driver.find_elements(By.CSS_SELECTOR, 'tr > th > a[href^="#rule-set-0-"]'):  # type: ignore[attr-defined]
        row = link.find_element(By.XPATH, "./ancestor::tr")
        badge = row.find_element(By.CSS_SELECTOR, "span.verdict")
        verdicts[link.get_attribute("href").split("#rule-set-0-")[1]] = badge.text
    assert verdicts["steps_taken"].endswith("met")
    assert verdicts["approval"].endswith("met") and verdicts["signature"].endswith("met")
    assert verdicts["homepage_link"].endswith("not checked")
    assert len(verdicts) == 11
    driver.save_screenshot(str(screenshots / "serve-report.png"))  # type: ignore[attr-defined]
    assert driver.find_element(By.LINK_TEXT, "JSON (every piece of evidence)")  # type: ignore[attr-defined]

    # A bad input: an image named like a PDF.
    bad = tmp_path / "statement.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    driver.get(server + "/")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "file").send_keys(str(bad))  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "form.task button").click()  # type: ignore[attr-defined]
    wait_for_text(driver, "The file cannot be read as a statement")
    assert "image" in driver.find_element(By.CSS_SELECTOR, ".problem .message").text  # type: ignore[attr-defined]
    driver.save_screenshot(str(screenshots / "serve-problem.png"))  # type: ignore[attr-defined]

    # A supplier list served from a local test server, to the dashboard.
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(
        "name,id,url\n"
        f"Kestrel Devices,K1,{httpserver.url_for('/kestrel.txt')}\n"
        f"Quayfold Harbour,Q2,{httpserver.url_for('/harbour.txt')}\n"
        f"Gone Ltd,G3,{httpserver.url_for('/gone.pdf')}\n",
        encoding="utf-8",
    )
    open_by_link(driver, "Check a supplier list", "/suppliers")
    driver.find_element(By.ID, "file").send_keys(str(suppliers))  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "form.task button").click()  # type: ignore[attr-defined]
    driver.save_screenshot(str(screenshots / "serve-progress.png"))  # type: ignore[attr-defined]
    wait_for_final_page(driver, "Download the table")
    rows = driver.find_elements(By.CSS_SELECTOR, "#suppliers tbody tr")  # type: ignore[attr-defined]
    names = [row.find_element(By.CSS_SELECTOR, "th").text for row in rows]
    assert names == ["Kestrel Devices", "Quayfold Harbour", "Gone Ltd"]
    ratings = {row.find_element(By.CSS_SELECTOR, "th").text: row.get_attribute("data-rating")
               for row in rows}  # fmt: skip
    assert ratings["Gone Ltd"] != ratings["Kestrel Devices"]
    # The table's sort buttons (the column headers) are readable: WCAG AA, 4.5:1.
    headers = driver.find_elements(By.CSS_SELECTOR, "#suppliers thead th button")  # type: ignore[attr-defined]
    assert [header.text for header in headers[:3]] == ["#", "Supplier", "ID"]
    for header in headers:
        foreground, background = driver.execute_script(COLOURS_SCRIPT, header)  # type: ignore[attr-defined]
        assert contrast(foreground, background) >= 4.5, (header.text, foreground, background)
    driver.save_screenshot(str(screenshots / "serve-dashboard.png"))  # type: ignore[attr-defined]
    print(f"\nscreenshots in {screenshots}")


def test_a_buyer_checks_a_document_that_is_not_a_statement_anyway(
    server: str, browser: object, screenshots: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server + "/")  # type: ignore[attr-defined]
    driver.find_element(By.ID, "file").send_keys(str(RECIPE))  # type: ignore[attr-defined]
    driver.find_element(By.CSS_SELECTOR, "form.task button").click()  # type: ignore[attr-defined]
    wait_for_text(driver, "Is this a modern slavery statement? No")
    button = driver.find_element(By.CSS_SELECTOR, "form.anyway button")  # type: ignore[attr-defined]
    assert button.text == "Check it anyway, as a statement"
    driver.save_screenshot(str(screenshots / "serve-not-a-statement.png"))  # type: ignore[attr-defined]
    button.click()
    wait_for_text(driver, "Is this a modern slavery statement? No (treated as one anyway)")
    assert not driver.find_elements(By.CSS_SELECTOR, "form.anyway")  # type: ignore[attr-defined]
    assert driver.find_elements(By.CSS_SELECTOR, "span.verdict")  # type: ignore[attr-defined]
    driver.save_screenshot(str(screenshots / "serve-treated-as-statement.png"))  # type: ignore[attr-defined]
