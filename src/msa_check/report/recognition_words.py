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
    line, then each signal that decided it in words ("cites a modern slavery law ...: 1
    time (+1)") with the places it was found, then one line counting the others. None for
    a statement.

    The signals that decided it are those that scored, and the mention of slavery (a
    document that never mentions it is no statement, whatever its score). The others, a
    dozen "no (+0)" lines a recipe once printed in full, are folded into one line; the
    JSON report lists every signal under `recognition`."""
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
        " found that decided it:"
    )
    shown = [s for s in recognition.signals if s.points or s.id == TOPIC_SIGNAL]
    lines = [(f"{s.looked_for}: {s.found} ({s.points:+d})", s.quotes) for s in shown]
    others = len(recognition.signals) - len(shown)
    if others:
        lines.append((folded_signals_line(others), ()))
    return summary, lines


TOPIC_SIGNAL = "topic"  # the signal that counts mentions of slavery (recognition.py)


def folded_signals_line(count: int) -> str:
    """The one line that stands for the signals that scored nothing."""
    others = "the other signal" if count == 1 else f"the other {count} signals"
    return f"{others} scored nothing (+0): the JSON report lists them all"


EXAMINED_HEADING = "Links examined"


def examined_lines(report: Report) -> list[str]:
    """Each link discovery weighed, with its wording score and what became of it."""
    if report.discovery is None:
        return []
    return [
        f"{link.url} (“{link.text}”, wording {link.score:.2f}): {link.outcome}"
        for link in report.discovery.examined
    ]
