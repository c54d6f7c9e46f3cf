"""The clinic admin's documents console: upload, review and approve documents from a browser.

Like the staff inbox, the page is a static shell (see :mod:`agent.pages`) that
calls the ``/v1/documents`` and ``/v1/audit`` API from the browser; document
text, patient-data findings and the audit trail arrive through that API.
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from agent.pages import clinic_name, page, static_file

STATIC_FILES: Final = frozenset({"staff.js", "console.js", "console.css"})
"""The files ``/admin/static/`` serves; any other name is a 404."""

router = APIRouter(tags=["documents console"], include_in_schema=False)


@router.get("/admin", response_class=HTMLResponse)
def console_page(request: Request) -> HTMLResponse:
    """Serve the documents console page."""
    return page("console.html", clinic_name=clinic_name(request))


@router.get("/admin/static/{name}")
def console_static(name: str) -> Response:
    """Serve the console script or stylesheet."""
    return static_file(STATIC_FILES, name, "console")
