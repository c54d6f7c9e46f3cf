"""The staff inbox page: the handoff queue worked from a browser, over the ``/v1`` API.

The page itself holds no patient data: it is a static shell (template, script,
stylesheet) that asks for a staff token and then calls ``/v1/handoffs`` from
the browser with it. Only server-rendered, non-patient values (the clinic's
name) are filled in here; everything else arrives through the authenticated
API, so serving the page needs no token.
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

POLL_SECONDS: Final[float] = 2.5
"""How often the open page re-reads the queue."""

STATIC_FILES: Final[dict[str, str]] = {
    "inbox.js": "text/javascript; charset=utf-8",
    "inbox.css": "text/css; charset=utf-8",
}
"""The files ``/inbox/static/`` serves, with their media types; any other name is a 404."""

SECURITY_HEADERS: Final[dict[str, str]] = {
    # Scripts and styles only from this origin: no inline code, no CDN, works offline.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
"""Headers on every inbox response."""


_pages = Environment(
    loader=FileSystemLoader(str(resources.files("agent").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
)

router = APIRouter(tags=["agent inbox"], include_in_schema=False)


def _clinic_name(request: Request) -> str:
    """Return the clinic's name when the app has started a Frontdesk, else a plain title."""
    frontdesk = getattr(request.app.state, "frontdesk", None)
    clinic = getattr(frontdesk, "clinic", None)
    return str(getattr(clinic, "name", "") or "Frontdesk")


def render_inbox(clinic_name: str) -> str:
    """Render the inbox page shell for a clinic."""
    return _pages.get_template("inbox.html").render(
        clinic_name=clinic_name, poll_ms=int(POLL_SECONDS * 1000)
    )


def static_file(name: str) -> tuple[bytes, str] | None:
    """Return the bytes and media type of one inbox static file, or None if it is not served."""
    media_type = STATIC_FILES.get(name)
    if media_type is None:
        return None
    data = resources.files("agent").joinpath("static", name).read_bytes()
    return data, media_type


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(request: Request) -> HTMLResponse:
    """Serve the staff inbox page."""
    return HTMLResponse(render_inbox(_clinic_name(request)), headers=SECURITY_HEADERS)


@router.get("/inbox/static/{name}")
def inbox_static(name: str) -> Response:
    """Serve the inbox script or stylesheet (a fixed list; no path is read from the request)."""
    found = static_file(name)
    if found is None:
        return JSONResponse({"detail": "no such inbox file"}, status_code=404)
    data, media_type = found
    return Response(content=data, media_type=media_type, headers=SECURITY_HEADERS)
