"""Rendering the pages: Jinja2 templates (autoescaped) around the HTML report's own style.

Every page carries the report's style sheet (html_style.STYLE: its colours, contrast and
print rules) plus a few rules for the navigation and forms, so a page prints like the
report `check --format html` writes. A report or dashboard is shown by embedding the
body its own renderer made, with that renderer's style, so the page and the downloaded
file show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.responses import HTMLResponse

from msa_check import __version__
from msa_check.report.html_style import STYLE
from msa_check.serve.web_words import web_markup, web_words

APP_STYLE = """
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: #ffffff; padding: .5rem; z-index: 2; }
.site { border-bottom: 2px solid #1a1a1a; margin-bottom: 1rem; }
.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem;
  padding: 0; margin: .5rem 0; }
.site nav a { font-weight: 600; }
.site nav a[aria-current="page"] { color: #1a1a1a; text-decoration-thickness: 3px; }
.site .name { font-weight: 700; margin: .5rem 0 0; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible,
summary:focus-visible { outline: 3px solid #0b4fb3; outline-offset: 2px; }
form.task { display: grid; gap: 1rem; max-width: 40rem; }
fieldset { border: 1px solid #8a8a8a; padding: .5rem 1rem 1rem; }
legend { font-weight: 700; padding: 0 .25rem; }
label { font-weight: 600; }
.field { display: flex; flex-direction: column; gap: .25rem; }
.choice { display: flex; gap: .5rem; align-items: baseline; font-weight: 400; }
input[type=url], input[type=file] { font: inherit; padding: .35rem; border: 1px solid #595959; }
.hint { color: #4a4a4a; font-size: .9rem; margin: 0; font-weight: 400; }
/* The app's own buttons (a form's submit) only: a report's or dashboard's buttons (the
   table's sort buttons) keep their own colours, which this white would blank out. */
button[type=submit], .button { font: inherit; font-weight: 700; padding: .45rem 1rem;
  cursor: pointer; color: #ffffff; background: #0b4fb3; border: 2px solid #0b4fb3;
  border-radius: .3rem; text-decoration: none; display: inline-block; }
.downloads { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; }
.problem { border-left: .4rem solid #a31515; background: #fdecec; padding: .5rem 1rem; }
.problem .message { font-weight: 700; }
.anyway { border-left: .4rem solid #0b4fb3; background: #eef3fb; padding: .5rem 1rem 1rem;
  margin: 1rem 0 1.5rem; }
progress { width: 100%; height: 1.25rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
@media print {
  .site nav, .skip, .downloads, form, .no-print { display: none; }
}
"""

_ENVIRONMENT = Environment(
    loader=PackageLoader("msa_check.serve", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)


@dataclass(frozen=True)
class Embedded:
    """The style and the body of a complete HTML document our own renderer made."""

    style: Markup
    body: Markup

    def parts(self) -> tuple[Markup, Markup]:
        """The body cut after its <header> (the title and the headline), and the rest: a
        page puts what it adds to the report (the Check it anyway box) between them."""
        head, found, rest = str(self.body).partition("</header>")
        if not found:
            return Markup(""), self.body
        return Markup(head + found), Markup(rest)


def embedded(document: str) -> Embedded:
    """Cut a report or dashboard document into its style and body, to show inside a page.

    Only for documents msa-check renders (they escape every text they take in); the
    cut is at their own <style> and <body> tags.
    """
    styles = "\n".join(_STYLE_BLOCK.findall(document))
    found = _BODY.search(document)
    # The report's style is already on every page; keep only what the document adds.
    extra = styles.replace(STYLE, "")
    body = Markup(found.group(1) if found else "")
    # The report's notes name command-line flags; the page says what to do on the page.
    return Embedded(Markup(extra), web_markup(body))


def page(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page; every page gets the styles and the version."""
    html = _ENVIRONMENT.get_template(template).render(
        report_style=Markup(STYLE), app_style=Markup(APP_STYLE), version=__version__, **context
    )
    return HTMLResponse(html, status_code=status)


def problem_page(
    failure: dict[str, Any], *, section: str, back: str, back_words: str
) -> HTMLResponse:
    """The page that says what went wrong and what to do, with the fitting status."""
    return page(
        "problem.html",
        status=int(failure["status"]),
        failure=failure,
        section=section,
        back=back,
        back_words=back_words,
        title=str(failure["title"]),
    )


def duration_words(seconds: float | None) -> str:
    """12 s, 3 min, 1 h 20 min: how long, as people say it."""
    if seconds is None:
        return "not known yet"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{round(whole / 60)} min"
    hours, rest = divmod(whole, 3600)
    return f"{hours} h {round(rest / 60)} min"


_ENVIRONMENT.filters["duration"] = duration_words
_ENVIRONMENT.filters["web"] = web_words
