"""The clinic admin's documents console: upload, review and approve documents from a browser.

Like the staff inbox, the page is a static shell (template, script, stylesheet)
that asks for an admin token and then calls the ``/v1/documents`` and
``/v1/audit`` API from the browser with it. Only the clinic's name is filled in
here; document text, patient-data findings and the audit trail arrive through
the authenticated API, so serving the page needs no token.
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from agent.inbox import SECURITY_HEADERS

STATIC_FILES: Final[dict[str, str]] = {
    "console.js": "text/javascript; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
}
"""The files ``/admin/static/`` serves, with their media types; any other name is a 404."""


_pages = Environment(
    loader=FileSystemLoader(str(resources.files("agent").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
)

router = APIRouter(tags=["documents console"], include_in_schema=False)


def _clinic_name(request: Request) -> str:
    """Return the clinic's name when the app has started a Frontdesk, else a plain title."""
    frontdesk = getattr(request.app.state, "frontdesk", None)
    clinic = getattr(frontdesk, "clinic", None)
    return str(getattr(clinic, "name", "") or "Frontdesk")


def render_console(clinic_name: str) -> str:
    """Render the documents console page shell for a clinic."""
    return _pages.get_template("console.html").render(clinic_name=clinic_name)


def static_file(name: str) -> tuple[bytes, str] | None:
    """Return the bytes and media type of one console static file, or None if it is not served."""
    media_type = STATIC_FILES.get(name)
    if media_type is None:
        return None
    data = resources.files("agent").joinpath("static", name).read_bytes()
    return data, media_type


@router.get("/admin", response_class=HTMLResponse)
def console_page(request: Request) -> HTMLResponse:
    """Serve the documents console page."""
    return HTMLResponse(render_console(_clinic_name(request)), headers=SECURITY_HEADERS)


@router.get("/admin/static/{name}")
def console_static(name: str) -> Response:
    """Serve the console script or stylesheet (a fixed list; no path is read from the request)."""
    found = static_file(name)
    if found is None:
        return JSONResponse({"detail": "no such console file"}, status_code=404)
    data, media_type = found
    return Response(content=data, media_type=media_type, headers=SECURITY_HEADERS)
