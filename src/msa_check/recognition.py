"""Is this a modern slavery statement at all? (issue 14 item 6)

A cake recipe, a privacy notice or a supplier code of conduct should not get a full report
with every criterion "missing" as if it were a weak statement: it should be told apart.
The check adds up points from signals a reader would use, each shown with what was found:

- the document **names itself** a modern slavery (or slavery and human trafficking,
  transparency in supply chains, forced or child labour, supply chains act) statement or
  report: in its opening
  words (the title) +2, only further down +1; a naming of statements in general ("a modern
  slavery statement", "your statement", "publish their statement", "statements") is not
  the document naming itself, and does not count;
- it **refers to itself** as a statement ("this statement", "the statement is made
  pursuant to ...") +1;
- it cites a **modern slavery law** (the Modern Slavery Act, section 54, S-211, the
  California Transparency in Supply Chains Act) +1;
- it uses the **reporting wording** of those laws ("steps taken ... to ensure that slavery
  and human trafficking is not taking place", "reporting entity", "prevent and reduce the
  risk", the Canadian attestation "I attest that") +1;
- it **talks about slavery** (slavery, trafficking, forced or child labour, servitude,
  debt bondage) at least 3 times +1; a document that never mentions them is not a
  statement, whatever else it says;
- the chosen rule sets' criteria it **covers** (met or partial, among those checked) reach
  30% +1;
- the sentence classifier finds it reads as a statement's **content** (confident sentences
  of at least 2 kinds among its risks, its actions, their effectiveness) +1;
  consulted only when the other signals leave the score one short of `NEEDED`, the only
  case where it can change the outcome, and the document does not read as minutes, a
  research paper or a registry page (recognition_model.py);

and takes points away for signs of another kind of document:

- it calls itself **another kind of document** ("this policy", "this code", "this
  notice", "these terms", "this recipe") at least twice and more often than a statement
  -2;
- it reads as **news** (reported speech: "said", "a spokesperson", "according to", at
  least 3 times) -2;
- it **addresses the reader** ("you", "your": at least 2 words in 100), as notices,
  policies for staff, FAQs and recipes do -2;
- it reads as **minutes or a paper for a meeting**: at least 2 kinds of their set phrases
  ("minutes of the meeting", "apologies for absence", "agenda item", "resolved that",
  "the meeting closed", "the board is asked to" ...) -3: a minutes item about the
  statement names it, the Act and forced labour (3 points), and no statement in the 981
  corpus texts has two kinds of these phrases;
- it reads as a **research paper** (at least 2 of "abstract", "keywords:", "this paper",
  "et al", "journal of", "doi") -3, for the same reason;
- it covers **many other subjects**, as an annual report or an ESG page does (at least 5
  of climate, finance, pay, safety, tax, governance, a table of contents, "annual report",
  water and waste) -2: there modern slavery is one section among many;
- it **points to a statement kept elsewhere** ("read our modern slavery statement",
  "our statement ... is published on our website") and never refers to itself as a
  statement -2: a landing page, an ESG or careers page that links to the statement;
- it reads as a **statement registry's page** about a statement: at least 3 kinds of the
  registry's own fixed wording, at least 2 of them its layout ("Submit new statement",
  "Authenticated by:", "Added on:", "Snapshot fetched", "Browse statements" or "Browse
  companies", "Our numbers explained", a web page's title that is the registry's, and
  the government registry's summary fields as field names, with their colon or on a
  line of their own: "Link to the statement", "Statement covers", "Date the statement was
  approved by the board", "Details of the director (or equivalent) who signed off the
  statement", "Areas covered by the statement"), the others confirming ("This statement
  also covers the following", "Legislation:" or "Legislation" and "Financial year" as
  field names, "Statement summary", the registry's name: "Modern Slavery (Statement)
  Registry", "Business & Human Rights Resource Centre") -5: such a
  page repeats what the statement says of itself (its title, the Act), so it earns up to
  4 of a statement's points from the wording alone and more from what a summary lists.
  A written statement can carry every confirming kind (a group statement "also covers the
  following subsidiaries", has a "Statement summary" and says it was submitted to the
  registry), so they alone never flag one; no statement among the 981 corpus texts has a
  layout kind. The Recognition then gives the link the page names for the statement
  itself (`statement_link`), to be checked instead: an address in its text, else one of
  a web page's links (recognition_registry.py).

A document is a statement when its score reaches 3 (`NEEDED`, here). Each signal is found,
and given its points, in recognition_signals.py, where the points (`SIGNAL_POINTS`) and
the counts behind them (`THRESHOLDS`) are declared and nowhere else; how well they tell
statements from other documents is measured by `benchmarks/recognition.py` (figures in
benchmarks/ACCURACY.md). The patterns, and the one pass that finds them all, are in
recognition_wording.py. Discovery uses the wording signals alone (`recognise_wording`)
to skip candidate pages that only mention slavery; `check` adds the criteria coverage.

Pure: text and rule-set results in, a Recognition out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from msa_check.models import Link, Recognition, RuleSetResult, StatementSignal
from msa_check.recognition_model import MODEL_POINTS, ScoreSentences, model_signal, not_consulted
from msa_check.recognition_registry import listed_statement_link
from msa_check.recognition_signals import coverage_signal, wording_signals

# The scans are re-exported: the tests and benchmarks/recognition_speed.py compare them.
from msa_check.recognition_wording import scan_each_pattern, scan_wording

__all__ = [
    "NEEDED",
    "recognise_statement",
    "recognise_wording",
    "scan_each_pattern",
    "scan_wording",
]

NEEDED = 3  # the score from which a document is taken for a statement


# The signals that name another genre, after which the model is not consulted: what each
# makes the document.
GENRE_SIGNALS = {
    "meeting": "minutes or a meeting paper",
    "research": "a research paper",
    "registry": "a statement registry's page about a statement",
}


def recognise_wording(
    text: str, title: str | None = None, links: Sequence[Link] = ()
) -> Recognition:
    """The check from the words alone (no criteria coverage): what discovery can afford.
    `title` and `links` are a web page's (Document.title, Document.links)."""
    return _recognition(wording_signals(text, title), text, links)


def recognise_statement(
    text: str,
    results: Sequence[RuleSetResult],
    title: str | None = None,
    sentences: Sequence[str] = (),
    score_sentences: ScoreSentences | None = None,
    links: Sequence[Link] = (),
) -> Recognition:
    """The check from the words, from how much of the chosen rule sets' criteria it covers,
    and, when those leave the score one short, from the sentence classifier's reading of
    `sentences` (`score_sentences`; None: the model is not consulted). Not when it reads
    as minutes, a research paper or a statement registry's page: those discuss or
    summarise a statement's risks and actions too, so sentences about them cannot
    outweigh what the document shows itself to be. `title` and `links` are a web page's
    (Document.title, Document.links): the title can show a registry's page, and a link
    on one can be the statement's."""
    signals = [*wording_signals(text, title), coverage_signal(results)]
    score = sum(signal.points for signal in signals)
    mentions_topic = any(s.id == "topic" and s.found != "never" for s in signals)
    genre = next((s.id for s in signals if s.id in GENRE_SIGNALS and s.points), None)
    if score_sentences is None:
        pass
    elif mentions_topic and score == NEEDED - MODEL_POINTS and genre is None:
        signals.append(model_signal(sentences, score_sentences))
    else:
        signals.append(not_consulted(score, NEEDED, GENRE_SIGNALS.get(genre or "")))
    return _recognition(signals, text, links)


def _recognition(
    signals: Sequence[StatementSignal], text: str, links: Sequence[Link]
) -> Recognition:
    score = sum(signal.points for signal in signals)
    mentions_topic = any(s.id == "topic" and s.found != "never" for s in signals)
    recognition = Recognition(
        is_statement=mentions_topic and score >= NEEDED,
        score=score,
        needed=NEEDED,
        signals=tuple(signals),
    )
    if not recognition.is_registry_page:
        return recognition
    return replace(recognition, statement_link=listed_statement_link(text, links))
