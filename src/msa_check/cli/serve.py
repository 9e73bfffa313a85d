"""`msa-check serve`: the checks on local web pages (the `serve` extra: Starlette, uvicorn).

The web application is imported only when the command runs, so the other commands never
load a web framework, and without the extra this command says how to install it.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Annotated

import typer

from msa_check.cli.exits import SETTING_FLAGS, error_exit, stderr
from msa_check.cli.options import MaxChars, SpacyModel, with_fetch_options
from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import DEFAULT_MAX_CHARS, MsaCheckError, UsageError
from msa_check.fetch import FetchOptions

INSTALL_LINE = 'pip install "msa-check[serve]"'
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"]


def default_store() -> Path:
    """./msa-check-serve: the checks, uploads and supplier-list stores of the server."""
    return Path("msa-check-serve")


@with_fetch_options
def serve_command(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; any but loopback lets others in."),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            min=0, max=65535, help="Port to listen on; 0 for any free port (the URL says which)."
        ),
    ] = 8000,
    store: Annotated[
        Path | None,
        typer.Option(
            help="Folder for checks, uploads and supplier-list stores. Default: ./msa-check-serve."
        ),
    ] = None,
    rules: Annotated[
        list[str] | None,
        typer.Option(
            "--rules",
            "-r",
            help="Also offer these rule files (beside the bundled and configured ones).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Analysis processes of a supplier list.")
    ] = None,
    model: SpacyModel = DEFAULT_MODEL,
    max_chars: MaxChars = DEFAULT_MAX_CHARS,
    resume: Annotated[
        bool, typer.Option(help="Start again the checks and lists left unfinished.")
    ] = True,
    *,
    fetch: FetchOptions,
) -> None:
    """Serve the checks as local web pages: a statement, a supplier list, past checks, rules.

    Exit codes: 0 stopped by Ctrl-C (finished results are kept; unfinished runs resume on
    the next start); 2 the serve extra is not installed, the port is taken, or a bad option.
    """
    try:
        import uvicorn

        from msa_check.serve.app import create_app
        from msa_check.serve.settings import ServeSettings
    except ImportError as missing:
        raise error_exit(
            UsageError(f"msa-check serve needs the serve extra ({missing.name} is missing): "
                       f"{INSTALL_LINE}")
        ) from None  # fmt: skip
    folder = (store or default_store()).resolve()
    settings = ServeSettings(
        fetch=fetch,
        model=model,
        max_chars=max_chars,
        batch_workers=workers,
        resume=resume,
        extra_rules=tuple(rules or ()),
    )
    loopback = _is_loopback(host)
    if not loopback:
        stderr.print(
            f"msa-check: warning: listening on {host}, so anyone who can reach this machine "
            "can use the page: it has no login, and what they check is kept here",
            markup=False,
        )
    try:
        app = create_app(
            folder,
            settings,
            setting_names=SETTING_FLAGS,
            allowed_hosts=LOOPBACK_NAMES if loopback else None,
        )
    except MsaCheckError as error:
        raise error_exit(error) from None
    # Bound here, not by uvicorn, so that the URL printed names the port really listened
    # on: with --port 0 the system picks a free one, and no other process can take it
    # between that choice and the bind (a port picked free beforehand can be lost so).
    listening = listening_socket(host, port)
    address = f"{_url_host(host)}:{listening.getsockname()[1]}"
    stderr.print(
        f"msa-check serve: http://{address}/ (Ctrl-C to stop); keeping checks in {folder}",
        markup=False,
    )
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[listening])
    except KeyboardInterrupt:
        pass
    except SystemExit:  # uvicorn exits when it cannot start, having logged why
        if not server.started:
            raise error_exit(UsageError(f"cannot listen on {address}")) from None
        raise
    finally:
        listening.close()
    if not server.started:
        raise error_exit(UsageError(f"cannot listen on {address}"))
    # Ctrl-C is how a server is meant to stop, so it is exit code 0, not "interrupted".
    stderr.print("msa-check serve: stopped; finished results are kept", markup=False)


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host`:`port` (0: a free port); exits with code 2 if it cannot be."""
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    # As uvicorn binds: a port left in TIME_WAIT by a server just stopped can be reused.
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((bare, port))
    except OSError as exc:
        listening.close()
        reason = exc.strerror or str(exc)
        raise error_exit(UsageError(f"cannot listen on {host}:{port}: {reason}")) from None
    listening.set_inheritable(True)
    return listening


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
