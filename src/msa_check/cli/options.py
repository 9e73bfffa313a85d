"""The options several msa-check commands share, declared once so they read the same
everywhere: how to check a statement (`with_check_options`) and how to fetch it
(`with_fetch_options`), each received by the command as one value."""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar, cast

import typer

from msa_check.check_options import CheckOptions
from msa_check.cli.exits import error_exit
from msa_check.errors import MsaCheckError, UsageError
from msa_check.extract import PdfEngine
from msa_check.fetch import FetchOptions

Command = TypeVar("Command", bound=Callable[..., None])
MEGABYTE = 1024 * 1024


RuleNames = Annotated[
    list[str] | None,
    typer.Option(
        "--rules",
        "-r",
        help="Rule set name or YAML path; repeat or comma-separate. "
        "Default: $MSA_CHECK_RULES, else the config file's rules, else uk-msa-s54.",
    ),
]
SpacyModel = Annotated[
    str, typer.Option("--model", help="spaCy pipeline: blank:en (default) or an installed one.")
]
Debug = Annotated[bool, typer.Option(help="Show tracebacks of errors.")]
ClassifierModel = Annotated[
    str | None,
    typer.Option(help="Use this classifier model (name or folder) for every classifier rule."),
]

# How every command that fetches statements is told to fetch: options declared once.
Discover = Annotated[
    bool,
    typer.Option(
        help="From a homepage, find its statement; from a statement, check the homepage link."
    ),
]
MaxPages = Annotated[int | None, typer.Option(min=1, help="Read at most this many PDF pages.")]
MaxChars = Annotated[
    int,
    typer.Option(min=1, help="Refuse a statement with more characters of text than this (exit 3)."),
]
PdfEngineOption = Annotated[
    PdfEngine,
    typer.Option(
        "--pdf-engine",
        help="The library that reads PDF text: pdfium (fast) or pdfplumber (the old path).",
    ),
]
Ocr = Annotated[
    bool,
    typer.Option(help="Read scanned PDFs by OCR (needs msa-check[ocr] and the tesseract program)."),
]
TreatAsStatement = Annotated[
    bool,
    typer.Option(
        "--treat-as-statement",
        help="Report a document that does not read as a modern slavery statement as one"
        " anyway (exit code as for its verdicts, not 5); the report still shows the check.",
    ),
]


# The options that say how to check a statement (`check`, `compare`, `batch`): each
# parameter's name, its typer annotation and the CheckOptions field it fills, whose
# default is the option's; a command receives them as one CheckOptions (with_check_options).
_CHECK_PARAMETERS: tuple[tuple[str, Any, str], ...] = (
    ("model", SpacyModel, "model"),
    ("classifier", ClassifierModel, "classifier_model"),
    ("discover", Discover, "discover"),
    ("max_pages", MaxPages, "max_pages"),
    ("max_chars", MaxChars, "max_chars"),
    ("ocr", Ocr, "ocr"),
    ("pdf_engine", PdfEngineOption, "pdf_engine"),
    ("treat_as_statement", TreatAsStatement, "treat_as_statement"),
)
_CHECK_DEFAULTS = {field.name: field.default for field in dataclasses.fields(CheckOptions)}


def with_check_options(*, classifier: bool = True) -> Callable[[Command], Command]:
    """Give a typer command the check options; it receives them as `check: CheckOptions`.

    --rules comes first, right after the command's arguments (the first choice a reader
    looks for); the others stand where the command declares `check`. `classifier=False`
    leaves out --classifier (a batch's workers use the bundled classifier).
    """
    parameters = [p for p in _CHECK_PARAMETERS if classifier or p[0] != "classifier"]

    def decorate(command: Command) -> Command:
        # eval_str: as in with_fetch_options, typer needs the annotations as objects.
        signature = inspect.signature(command, eval_str=True)
        given = list(signature.parameters.values())
        names = [p.name for p in given]
        if "check" not in names:
            raise TypeError(f"{command.__name__} declares no `check: CheckOptions` parameter")
        # The arguments: the leading parameters without a default.
        first_option = next(
            i
            for i, p in enumerate(given)
            if p.default is not inspect.Parameter.empty or p.kind is inspect.Parameter.KEYWORD_ONLY
        )
        arguments = given[:first_option]
        # Keyword-only from --rules on: typer passes every value by name, and the options
        # keep the order they are listed in whether or not the command gave them defaults.
        keyword = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in given[first_option:]]
        at = [p.name for p in keyword].index("check")
        options = [_keyword(name, kind, _CHECK_DEFAULTS[field]) for name, kind, field in parameters]
        rules = _keyword("rules", RuleNames, None)
        ordered = [*arguments, rules, *keyword[:at], *options, *keyword[at + 1 :]]

        @functools.wraps(command)
        def with_options(*args: Any, **kwargs: Any) -> None:
            # A field whose option the command leaves out (--classifier) keeps its default.
            chosen = {field: kwargs.pop(name) for name, _, field in parameters}
            check = CheckOptions(rules=tuple(kwargs.pop("rules") or ()), **chosen)
            command(*args, check=check, **kwargs)

        with_options.__signature__ = signature.replace(parameters=ordered)  # type: ignore[attr-defined]
        return cast(Command, with_options)

    return decorate


def _keyword(name: str, kind: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)


def _option(
    name: str, kind: Any, default: Any, help: str, *decls: str, **limits: Any
) -> tuple[str, Any, Any]:
    """One command-line option: its parameter name, typer annotation and default."""
    return name, Annotated[kind, typer.Option(*decls, help=help, **limits)], default


_FETCH_PARAMETERS = (
    _option(
        "max_mb", float, 50.0, "Refuse statements larger than this (MB).", "--max-mb", min=0.001
    ),
    _option("connect_timeout", float, 10.0, "Seconds to connect.", min=0.1),
    _option("read_timeout", float, 30.0, "Seconds of silence from a server.", min=0.1),
    _option(
        "deadline", float, 60.0, "Seconds for all one source takes, retries included.", min=0.1
    ),
    _option("retries", int, 3, "Retries of a 429, 502-504 or reset.", min=0),
    _option("host_interval", float, 1.0, "Least seconds between requests to one host.", min=0),
    _option("robots", bool, True, "Obey robots.txt.", "--robots/--ignore-robots"),
    _option("cache", bool, True, "Keep and reuse fetched answers on disk."),
    _option("cache_dir", str | None, None, "Cache folder (default $XDG_CACHE_HOME/msa-check)."),
    _option("offline", bool, False, "Answer only from the cache; fetch nothing."),
    _option(
        "allow_private_urls",
        bool,
        False,
        "Let a public page lead to loopback, private or link-local addresses.",
        "--allow-private-urls",
    ),
    _option(
        "refuse_private_urls",
        bool,
        False,
        "Refuse such addresses on every hop, the URLs given too (for lists from others).",
        "--refuse-private-urls",
    ),
)


def with_fetch_options(command: Command) -> Command:
    """Give a typer command the fetch options; it receives them as `fetch: FetchOptions`.

    The options are added to the command's signature (typer reads it to build the CLI),
    and the wrapper turns their values into one FetchOptions before calling the command.
    """
    # eval_str: the commands' modules use `from __future__ import annotations`, and typer
    # reads the annotations from this signature, so they must be objects, not strings.
    signature = inspect.signature(command, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != "fetch"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
        for name, kind, default in _FETCH_PARAMETERS
    ]

    @functools.wraps(command)
    def with_options(*args: Any, **kwargs: Any) -> None:
        values = {name: kwargs.pop(name) for name, _, _ in _FETCH_PARAMETERS}
        try:
            fetch = fetch_options(**values)
        except MsaCheckError as error:
            raise error_exit(error) from None
        command(*args, fetch=fetch, **kwargs)

    with_options.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    return cast(Command, with_options)


def fetch_options(
    *,
    max_mb: float,
    connect_timeout: float,
    read_timeout: float,
    deadline: float,
    retries: int,
    host_interval: float,
    robots: bool,
    cache: bool,
    cache_dir: str | None,
    offline: bool,
    allow_private_urls: bool,
    refuse_private_urls: bool,
) -> FetchOptions:
    if allow_private_urls and refuse_private_urls:
        raise UsageError("--allow-private-urls and --refuse-private-urls cannot both be given")
    return FetchOptions(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        max_bytes=int(max_mb * MEGABYTE),
        total_deadline=deadline,
        retries=retries,
        host_interval=host_interval,
        respect_robots=robots,
        use_cache=cache,
        cache_dir=cache_dir,
        offline=offline,
        allow_private_urls=allow_private_urls,
        allow_private_given_urls=not refuse_private_urls,
    )
