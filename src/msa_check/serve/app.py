"""The web application: `create_app(store_dir, settings)` and its routes.

Starlette with Jinja2 templates: every page is server-rendered HTML that works without
JavaScript (a page waiting for work reloads itself with <meta http-equiv="refresh">
and has a reload link). A form posts, the work is queued, and the browser is sent
(303) to the page of that check or list, which shows its state each time it is loaded.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from msa_check.batch.inputs import url_column_names
from msa_check.errors import MsaCheckError, Setting, UsageError
from msa_check.json_file import read_json_object
from msa_check.rules.catalogue import CatalogueEntry, catalogue, choose_rule_sets
from msa_check.serve.batches import BatchJobs, BatchState
from msa_check.serve.checks import REPORT_FILES, CheckJobs, CheckState
from msa_check.serve.error_pages import internal_error, not_found
from msa_check.serve.form_input import admit_url, chosen_rules
from msa_check.serve.outcomes import failure_record
from msa_check.serve.pages import embedded, page, problem_page
from msa_check.serve.records import is_id, shown_name
from msa_check.serve.rules_page import reference_html
from msa_check.serve.settings import ServeSettings
from msa_check.serve.uploads import limited_request, save_upload

MEDIA_TYPES = {"html": "text/html", "json": "application/json", "markdown": "text/markdown"}
SUFFIXES = {"html": "html", "json": "json", "markdown": "md"}
# An upload is checked by check_fetched, which reads no homepage: `check FILE --homepage`
# matches a file to the homepage's links by its bytes, but this page does not yet pass a
# homepage with an upload, so it refuses the pair rather than ignore the homepage.
HOMEPAGE_WITH_FILE = (
    "a company homepage is checked against the statement's web address: give the "
    "statement's address (URL) instead of the file, or leave the homepage empty"
)
# The past checks' words for a status whose headline speaks of the report below it.
SHORT_STATUS = {"not_a_statement": "Not a modern slavery statement"}
DASHBOARD_FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument"
                     ".spreadsheetml.sheet", "html": "text/html"}  # fmt: skip


class WebApp:
    """The state behind the routes: the store folder, the settings, the jobs."""

    def __init__(
        self, store: Path, settings: ServeSettings, setting_names: Mapping[Setting, str]
    ) -> None:
        self.store = store
        self.settings = settings
        self.setting_names = setting_names
        self.offered: dict[str, CatalogueEntry] = {
            entry.name: entry for entry in catalogue(settings.extra_rules)
        }
        wanted = choose_rule_sets(list(settings.extra_rules) or None).names
        self.default_rules = [name for name in wanted if name in self.offered]
        self.checks = CheckJobs(store, settings, setting_names)
        self.batches = BatchJobs(store, settings, setting_names)

    # Statements.

    async def check_form(self, request: Request) -> Response:
        return self._form_page("check.html", "check", "Check a statement")

    async def check_post(self, request: Request) -> Response:
        try:
            limited = limited_request(request, self.settings.max_bytes)
            async with limited.form(max_files=1, max_fields=40) as form:
                check_id = await self._new_check(form)
        except MsaCheckError as error:
            return self._problem(error, "check", "/", "Back to Check a statement")
        self.checks.submit(check_id)
        return RedirectResponse(f"/checks/{check_id}", status_code=303)

    async def _new_check(self, form: FormData) -> str:
        url = str(form.get("url") or "").strip()
        upload = form.get("file")
        has_file = isinstance(upload, UploadFile) and bool(upload.filename)
        rules = chosen_rules(form, self.offered)
        treat = form.get("treat_as_statement") == "yes"
        homepage = str(form.get("homepage") or "").strip() or None
        if url and has_file:
            raise UsageError("give either a URL or a file, not both")
        if not url and not has_file:
            raise UsageError("give the URL of a statement (or of a homepage), or choose a file")
        if homepage is not None:
            if has_file:
                raise UsageError(HOMEPAGE_WITH_FILE)
            await run_in_threadpool(
                admit_url, homepage, self.settings.allow_private_urls, "company homepage"
            )
        if url:
            await run_in_threadpool(admit_url, url, self.settings.allow_private_urls)
            check_id, _ = self.checks.new(
                url=url, shown_name=None, rules=rules, treat_as_statement=treat,
                homepage=homepage,
            )  # fmt: skip
            return check_id
        assert isinstance(upload, UploadFile)
        name = shown_name(upload.filename, "statement")
        check_id, folder = self.checks.new(
            url=None, shown_name=name, rules=rules, treat_as_statement=treat
        )
        try:
            target = folder / "statement.upload"
            await run_in_threadpool(save_upload, upload, target, self.settings.max_bytes, name)
        except MsaCheckError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return check_id

    async def check_page(self, request: Request) -> Response:
        view = self.checks.view(request.path_params["check_id"])
        if view is None:
            raise HTTPException(404)
        if view.state is CheckState.FAILED:
            assert view.failure is not None
            return problem_page(
                view.failure, section="check", back="/", back_words="Check another statement"
            )
        if view.state is not CheckState.DONE:
            return page("check_waiting.html", view=view, section="check",
                        title="Checking the statement")  # fmt: skip
        report = self.checks.report_file(view.id, "html")
        assert report is not None
        shown = embedded(await run_in_threadpool(report.read_text, encoding="utf-8"))
        return page("check_report.html", view=view, report=shown, section="check",
                    title=_report_title(view.summary), formats=REPORT_FILES)  # fmt: skip

    async def check_anyway(self, request: Request) -> Response:
        """The not-a-statement page's button: the same document checked again, treated as
        a statement (what `--treat-as-statement` does for `check`)."""
        check_id = await run_in_threadpool(
            self.checks.again_as_statement, request.path_params["check_id"]
        )
        if check_id is None:
            raise HTTPException(404)
        self.checks.submit(check_id)
        return RedirectResponse(f"/checks/{check_id}", status_code=303)

    async def check_download(self, request: Request) -> Response:
        check_id, fmt = request.path_params["check_id"], request.path_params["fmt"]
        path = self.checks.report_file(check_id, fmt) if fmt in REPORT_FILES else None
        if path is None:
            raise HTTPException(404)
        name = f"msa-check-{check_id}.{SUFFIXES[fmt]}"
        return FileResponse(path, media_type=MEDIA_TYPES[fmt], filename=name)

    # Supplier lists.

    async def suppliers_form(self, request: Request) -> Response:
        return self._form_page("suppliers.html", "suppliers", "Check a supplier list")

    async def suppliers_post(self, request: Request) -> Response:
        folder: Path | None = None
        try:
            limited = limited_request(request, self.settings.max_bytes)
            async with limited.form(max_files=1, max_fields=40) as form:
                rules = chosen_rules(form, self.offered)
                upload = form.get("file")
                if not isinstance(upload, UploadFile) or not upload.filename:
                    raise UsageError("choose a supplier list (a CSV file) to upload")
                name = shown_name(upload.filename, "suppliers.csv")
                folder = self.batches.folder_for_new()
                suffix = ".txt" if name.lower().endswith(".txt") else ".csv"
                target = folder / f"suppliers{suffix}"
                await run_in_threadpool(save_upload, upload, target, self.settings.max_bytes, name)
            batch_id = await run_in_threadpool(self.batches.new, target, name, rules)
        except MsaCheckError as error:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            return self._problem(error, "suppliers", "/suppliers", "Back to Check a supplier list")
        self.batches.start(batch_id)
        return RedirectResponse(f"/batches/{batch_id}", status_code=303)

    async def batch_page(self, request: Request) -> Response:
        view = await run_in_threadpool(self.batches.view, request.path_params["batch_id"])
        if view is None:
            raise HTTPException(404)
        context: dict[str, Any] = {"view": view, "section": "suppliers", "states": BatchState,
                                   "rule_titles": self._rule_titles()}  # fmt: skip
        if view.state is BatchState.FINISHED:
            dashboard = await run_in_threadpool(self._dashboard, view.id, "html")
            context["dashboard"] = embedded(dashboard.read_text(encoding="utf-8"))
        title = f"Supplier list: {view.request.get('shown_name', '')}"
        return page("batch.html", title=title, **context)

    async def batch_resume(self, request: Request) -> Response:
        view = await run_in_threadpool(self.batches.view, request.path_params["batch_id"])
        if view is None:
            raise HTTPException(404)
        if view.state in (BatchState.STOPPED, BatchState.FAILED):
            self.batches.start(view.id)
        return RedirectResponse(f"/batches/{view.id}", status_code=303)

    async def batch_download(self, request: Request) -> Response:
        batch_id, fmt = request.path_params["batch_id"], request.path_params["fmt"]
        view = await run_in_threadpool(self.batches.view, batch_id) if is_id(batch_id) else None
        if view is None or view.state is not BatchState.FINISHED or fmt not in DASHBOARD_FORMATS:
            raise HTTPException(404)
        path = await run_in_threadpool(self._dashboard, batch_id, fmt)
        name = f"suppliers-{batch_id}.{fmt}"
        return FileResponse(path, media_type=DASHBOARD_FORMATS[fmt], filename=name)

    def _dashboard(self, batch_id: str, fmt: str) -> Path:
        """The dashboard (or its table) of a finished list, written once beside its store."""
        from msa_check.report.dashboard_output import DashboardFormat, write_dashboard

        store = self.batches.store_path(batch_id)
        path = store.with_name(f"suppliers.{fmt}")
        if not path.is_file() or path.stat().st_mtime < store.stat().st_mtime:
            request = read_json_object(store.with_name("request.json")) or {}
            title = f"Supplier modern slavery statements: {request.get('shown_name', batch_id)}"
            write_dashboard(store, path, DashboardFormat(fmt), title)
        return path

    # Past checks and rules.

    async def past_page(self, request: Request) -> Response:
        checks = await run_in_threadpool(self.checks.views)
        batches = await run_in_threadpool(self.batches.views)
        entries = sorted(
            [("check", view.request.get("created", ""), view) for view in checks]
            + [("batch", view.request.get("created", ""), view) for view in batches],
            key=lambda entry: (entry[1], entry[2].id),
            reverse=True,
        )
        return page("past.html", entries=entries, section="past", title="Past checks",
                    store=self.store, check_states=CheckState, batch_states=BatchState,
                    short_status=SHORT_STATUS)  # fmt: skip

    async def rules_page(self, request: Request) -> Response:
        rule_sets = [entry.rule_set for entry in self.offered.values()]
        body = await run_in_threadpool(reference_html, rule_sets)
        return page("rules.html", reference=body, entries=list(self.offered.values()),
                    section="rules", title="Rules")  # fmt: skip

    # Shared.

    def _form_page(self, template: str, section: str, title: str) -> Response:
        return page(template, entries=list(self.offered.values()), chosen=self.default_rules,
                    section=section, title=title, url_columns=url_column_names(),
                    max_mb=self.settings.max_bytes / (1024 * 1024))  # fmt: skip

    def _rule_titles(self) -> dict[str, str]:
        """Each rule set offered, by the name a request keeps, as a page names it."""
        return {name: entry.rule_set.title for name, entry in self.offered.items()}

    def _problem(self, error: MsaCheckError, section: str, back: str, words: str) -> Response:
        failure = failure_record(error, self.setting_names)
        return problem_page(failure, section=section, back=back, back_words=words)


def create_app(
    store_dir: Path,
    settings: ServeSettings | None = None,
    *,
    setting_names: Mapping[Setting, str] | None = None,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The application over the store folder `store_dir` (made if missing).

    `setting_names` names each setting in error messages (the CLI passes its flags);
    `allowed_hosts` limits the Host header (the CLI passes the loopback names when it
    binds loopback, so a page elsewhere cannot reach this one by DNS rebinding).
    """
    settings = settings or ServeSettings()
    store_dir.mkdir(parents=True, exist_ok=True)
    web = WebApp(store_dir, settings, setting_names or {})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if settings.resume:
            web.checks.resume_unfinished()
            web.batches.resume_unfinished()
        yield
        web.checks.close()
        await run_in_threadpool(web.batches.stop_all)

    routes = [
        Route("/", web.check_form, methods=["GET"]),
        Route("/check", web.check_post, methods=["POST"]),
        Route("/checks/{check_id}", web.check_page, methods=["GET"]),
        Route("/checks/{check_id}/report.{fmt}", web.check_download, methods=["GET"]),
        Route("/checks/{check_id}/anyway", web.check_anyway, methods=["POST"]),
        Route("/suppliers", web.suppliers_form, methods=["GET"]),
        Route("/suppliers", web.suppliers_post, methods=["POST"]),
        Route("/batches/{batch_id}", web.batch_page, methods=["GET"]),
        Route("/batches/{batch_id}/resume", web.batch_resume, methods=["POST"]),
        Route("/batches/{batch_id}/suppliers.{fmt}", web.batch_download, methods=["GET"]),
        Route("/past", web.past_page, methods=["GET"]),
        Route("/rules", web.rules_page, methods=["GET"]),
    ]
    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={404: not_found, 500: internal_error},
    )
    app.state.web = web
    return app


def _report_title(summary: dict[str, Any] | None) -> str:
    subject = (summary or {}).get("organisation") or (summary or {}).get("source") or ""
    return f"Report: {subject}"
