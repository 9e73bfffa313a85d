"""The words of a report's "is this a statement?" section and of the links discovery weighed.

Apart from wording.py because only a document that may not be a statement, or a statement
found from a homepage, has these sections: the recognition renderers of the console, HTML
and Markdown reports (console_recognition.py, html_recognition.py, markdown.py) read them.
"""

from __future__ import annotations

from msa_check.models import Report

RECOGNITION_HEADING = "Is this a modern slavery statement?"


def recognition_title(report: Report) -> str:
    """The heading of the recognition section, with its answer."""
    overridden = report.recognition is not None and report.recognition.overridden
    return f"{RECOGNITION_HEADING} No" + (" (treated as one anyway)" if overridden else "")


def recognition_lines(report: Report) -> tuple[str, list[tuple[str, tuple[str, ...]]]] | None:
    """When the document is not a statement (even if treated as one anyway): a summary
    line, then each signal in words ("names itself ...: no (+0)") with the places it was
    found. None for a statement."""
    recognition = report.recognition
    if recognition is None or recognition.is_statement:
        return None
    overridden = (
        " Overridden: treated as a statement anyway, as asked (--treat-as-statement), so the"
        " verdicts and the status below are as for a statement."
        if recognition.overridden
        else ""
    )
    summary = (
        f"Score {recognition.score}; a statement needs {recognition.needed} and at least one"
        f" mention of slavery, trafficking, forced or child labour.{overridden} What the check"
        " looked for, and what it found:"
    )
    lines = [(f"{s.looked_for}: {s.found} ({s.points:+d})", s.quotes) for s in recognition.signals]
    return summary, lines


EXAMINED_HEADING = "Links examined"


def examined_lines(report: Report) -> list[str]:
    """Each link discovery weighed, with its wording score and what became of it."""
    if report.discovery is None:
        return []
    return [
        f"{link.url} (“{link.text}”, wording {link.score:.2f}): {link.outcome}"
        for link in report.discovery.examined
    ]
