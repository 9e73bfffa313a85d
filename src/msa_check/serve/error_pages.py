"""The pages Starlette shows for a request no route answers: nothing there (404), or a bug (500).

Apart from the routes because Starlette calls these itself, for any path, and they read
nothing of the app's state.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from msa_check.serve.outcomes import failure_record
from msa_check.serve.pages import problem_page


async def not_found(request: Request, exc: Exception) -> Response:
    failure = {
        "status": 404,
        "title": "No such page",
        "message": f"there is nothing at {request.url.path}",
        "advice": "A check or list that is not in this server's store folder cannot be shown: "
        "see Past checks for what is kept.",
    }
    return problem_page(failure, section="", back="/past", back_words="Past checks")


async def internal_error(request: Request, exc: Exception) -> Response:
    failure = failure_record(exc, {})
    return problem_page(failure, section="", back="/", back_words="Check a statement")
