"""What the staff pages share: their templates, security headers and fixed static files.

Each page is a static shell (template, script, stylesheet) that signs in and
then calls the ``/v1`` API from the browser; only non-patient values (the
clinic's name) are filled in on the server, so serving a page needs no token.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

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
"""Headers on every staff page and its static files."""

MEDIA_TYPES: Final[dict[str, str]] = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}

templates = Environment(
    loader=FileSystemLoader(str(resources.files("agent").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
)


def clinic_name(request: Request) -> str:
    """Return the clinic's name when the app has started a Frontdesk, else a plain title."""
    frontdesk = getattr(request.app.state, "frontdesk", None)
    clinic = getattr(frontdesk, "clinic", None)
    return str(getattr(clinic, "name", "") or "Frontdesk")


def page(
    template: str,
    *,
    headers: Mapping[str, str] = SECURITY_HEADERS,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    """Render one page template with the security headers."""
    html = templates.get_template(template).render(**values)
    return HTMLResponse(html, status_code=status_code, headers=dict(headers))


def static_file(served: frozenset[str], name: str, what: str) -> Response:
    """Serve ``agent/static/<name>`` if ``name`` is one of ``served``; any other name is a 404.

    No path is ever read from the request: only the listed names exist.
    """
    media_type = next((t for s, t in MEDIA_TYPES.items() if name.endswith(s)), None)
    if name not in served or media_type is None:
        return JSONResponse({"detail": f"no such {what} file"}, status_code=404)
    data = resources.files("agent").joinpath("static", name).read_bytes()
    return Response(content=data, media_type=media_type, headers=SECURITY_HEADERS)
