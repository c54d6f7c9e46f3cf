"""The staff inbox page: the handoff queue worked from a browser, over the ``/v1`` API.

The page itself holds no patient data: it is a static shell (see
:mod:`agent.pages`) that signs the agent in and then calls ``/v1/handoffs``
from the browser. Only the clinic's name is filled in here; everything else
arrives through the authenticated API, so serving the page needs no token.
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from agent.pages import clinic_name, page, static_file

POLL_SECONDS: Final[float] = 2.5
"""How often the open page re-reads the queue."""

STATIC_FILES: Final = frozenset({"staff.js", "inbox.js", "inbox.css"})
"""The files ``/inbox/static/`` serves; any other name is a 404."""

router = APIRouter(tags=["agent inbox"], include_in_schema=False)


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(request: Request) -> HTMLResponse:
    """Serve the staff inbox page."""
    return page("inbox.html", clinic_name=clinic_name(request), poll_ms=int(POLL_SECONDS * 1000))


@router.get("/inbox/static/{name}")
def inbox_static(name: str) -> Response:
    """Serve the inbox script or stylesheet."""
    return static_file(STATIC_FILES, name, "inbox")
