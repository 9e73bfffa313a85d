"""Errors a user can act on, one family per stage, and the exit codes they map to.

Every error carries a message that names the problem and, where there is one, the fix.
The CLI prints that message on one line of stderr and exits with the error's code;
tracebacks are shown only with --debug.

When the fix is a setting, the core does not name a command-line flag: the message holds
SETTING where the setting goes and the error carries which `Setting` it is. `message`
names it as the Python API does (`max_pages`); the CLI calls `worded` with its flags
(`--max-pages`, cli/exits.py SETTING_FLAGS).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum, IntEnum

SETTING = "{setting}"  # the place in an error's message where the setting is named


class Setting(str, Enum):
    """A setting that gets past an error, by its name in the Python API."""

    MAX_PAGES = "max_pages"
    MAX_CHARS = "max_chars"
    OCR = "ocr=True"
    DEADLINE = "total_deadline"
    MAX_BYTES = "max_bytes"
    IGNORE_ROBOTS = "respect_robots=False"
    CACHE_FOLDER = "another cache_dir or use_cache=False"
    NO_CACHE = "use_cache=False"
    MODEL = "model"
    URL_COLUMN = "url_column"
    OUTPUT_FILE = "an output path FILE.xlsx"
    OUTPUT_PARQUET = "an output path FILE.parquet"
    CSV_FORMAT = "ExportFormat.csv"
    OTHER_STORE = "another store path"
    REFRESH_OR_OTHER_STORE = "refresh=True (to redo every item) or another store path"
    DASK_ENGINE = 'engine="dask"'
    UNLABELLED = "unlabelled texts"
    NO_VECTORS = 'architecture="ensemble" (or no unlabelled texts)'
    ALLOW_PRIVATE_URLS = "allow_private_urls=True"


class ExitCode(IntEnum):
    """Documented, stable exit codes of the msa-check command."""

    OK = 0  # every mandatory criterion checked is met
    MANDATORY_UNMET = 1  # a mandatory criterion is missing or partly met, or no statement found
    USAGE = 2  # bad options or a rule file that does not validate
    SOURCE = 3  # the statement could not be fetched or read
    INTERNAL = 4  # a bug in msa-check: the message asks for a report
    NOT_A_STATEMENT = 5  # the document read is not a modern slavery statement at all
    STALE = 6  # meets what was checked, but the statement's period ended too long ago
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it); finished work is kept


# The exit code of each overall status of a report (models.OverallStatus values), so the
# exit code of `check` says what its headline says. A script can tell a statement that
# fails the law (1) from a document that is no statement (5) and an outdated one (6).
STATUS_EXIT_CODES: Mapping[str, ExitCode] = {
    "meets": ExitCode.OK,
    "meets_checked": ExitCode.OK,
    "no_mandatory": ExitCode.OK,
    "stale": ExitCode.STALE,
    "does_not_meet": ExitCode.MANDATORY_UNMET,
    "no_statement_found": ExitCode.MANDATORY_UNMET,  # a finding about the supplier, not 3
    "not_a_statement": ExitCode.NOT_A_STATEMENT,
}


class MsaCheckError(Exception):
    """Base of every error msa-check reports to a user."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, setting: Setting | None = None) -> None:
        self.template = message
        self.setting = setting
        self.message = self.worded()
        super().__init__(self.message)

    def worded(self, names: Mapping[Setting, str] | None = None) -> str:
        """The message, naming its setting as `names` does (else by its Python name)."""
        if self.setting is None:
            return self.template
        return self.template.replace(SETTING, (names or {}).get(self.setting, self.setting.value))


class UsageError(MsaCheckError):
    """An option or argument that cannot work."""

    exit_code = ExitCode.USAGE


class RuleError(MsaCheckError):
    """A rule file that cannot be loaded or does not validate."""

    exit_code = ExitCode.USAGE


class SourceError(MsaCheckError):
    """The statement could not be fetched or read: the input is at fault, not msa-check."""

    exit_code = ExitCode.SOURCE


class FetchError(SourceError):
    """Getting the bytes failed: unreachable host, HTTP error, timeout, too large, missing file."""


class StatementNotFoundError(FetchError):
    """A homepage was read, and none of its links leads to a modern slavery statement."""

    def __init__(self, homepage: str, links_seen: int) -> None:
        super().__init__(
            f"no link to a modern slavery statement found on {homepage}"
            f" (looked at {links_seen} links)"
        )
        self.homepage = homepage
        self.links_seen = links_seen

    def __reduce__(self) -> tuple[type[StatementNotFoundError], tuple[str, int]]:
        # So a batch can carry it across processes: the default pickles only the message.
        return (type(self), (self.homepage, self.links_seen))


class ExtractError(SourceError):
    """The bytes are not a readable statement: empty, corrupt, encrypted, scanned, an image."""


# The default cap on extracted characters. Generous: the longest corpus statement is far
# shorter; analysis time and memory grow with the text, so megabytes of text are refused
# rather than left to run. Here, not in extract/, so the batch parent can import it lightly.
DEFAULT_MAX_CHARS = 5_000_000


class TooMuchTextError(ExtractError):
    """More extracted text than the cap on characters (analysis memory grows with it)."""

    def __init__(self, characters: int, cap: int) -> None:
        super().__init__(
            f"the statement has {characters:,} characters of text, more than the cap of "
            f"{cap:,} (use {SETTING} to raise it)",
            setting=Setting.MAX_CHARS,
        )
        self.characters = characters
        self.cap = cap


class ScannedPdfError(ExtractError):
    """A PDF whose pages are images with no text layer: OCR (the ocr setting) could read it."""


class ModelError(MsaCheckError):
    """The spaCy pipeline asked for (the CLI's --model) cannot be loaded."""

    exit_code = ExitCode.USAGE
