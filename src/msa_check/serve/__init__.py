"""`msa-check serve`: the same checks on local web pages, for people who do not use a terminal.

Server-rendered pages (Starlette and Jinja2, the `serve` extra) over the engine the CLI
uses: one statement is checked in a thread of the server (the check's fetch deadline
bounds it), a supplier list runs as `msa-check batch` in a process of its own writing the
same resumable SQLite store, and every page reads what is kept under the store folder, so a
browser closing or the server restarting loses nothing that finished.
"""
