"""Signing staff in and out of the pages: a session cookie in exchange for one's own token.

``POST /login`` checks the token, opens a session (see :mod:`agent.sessions`)
and redirects to the page asked for; ``POST /logout`` ends it. Both refuse a
form posted from another site (``Origin`` must be this server), and both are
in the audit log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from agent.audit import AuditLog
from agent.pages import SECURITY_HEADERS, clinic_name, page
from agent.sessions import COOKIE, CSRF_HEADER, SessionStore, csrf_ok
from agent.users import Role

router = APIRouter(tags=["sessions"], include_in_schema=False)

# The login form posts to /login itself: allow that one form action, and let the
# browser send this site's Origin with it (under no-referrer it sends "null").
LOGIN_HEADERS = {
    **SECURITY_HEADERS,
    "Content-Security-Policy": SECURITY_HEADERS["Content-Security-Policy"].replace(
        "form-action 'none'", "form-action 'self'"
    ),
    "Referrer-Policy": "same-origin",
}


def _safe_next(target: str | None, role: Role | None = None) -> str:
    """Return a path on this server to go to after signing in (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/admin" if role is Role.ADMIN else "/inbox"


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # no Origin: not a cross-site browser form
    return origin.rstrip("/") == str(request.base_url).rstrip("/")


def _page(request: Request, *, next_path: str, error: str = "", status: int = 200) -> HTMLResponse:
    return page(
        "login.html",
        headers=LOGIN_HEADERS,
        status_code=status,
        clinic_name=clinic_name(request),
        next=next_path,
        error=error,
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    """Serve the sign-in form."""
    return _page(request, next_path=_safe_next(next))


@router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form()],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Exchange a staff token for a session cookie and go to the page asked for."""
    if not _same_origin(request):
        return _page(request, next_path="/inbox", error="sign in from this site's form", status=403)
    user = request.app.state.frontdesk.users.authenticate(token.strip())
    if user is None:
        return _page(
            request,
            next_path=_safe_next(next),
            error="That token is unknown or has been revoked. Ask an admin for yours.",
            status=401,
        )
    store: SessionStore = request.app.state.sessions
    session_id, session = store.open(user)
    audit: AuditLog = request.app.state.audit
    audit.record(user.name, "session.login", f"user:{user.id}")
    response = RedirectResponse(_safe_next(next, user.role), status_code=303)
    response.set_cookie(
        COOKIE,
        session_id,
        expires=session.expires_at,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form()] = None) -> Response:
    """End this browser's session (the CSRF token comes as a form field or header)."""
    store: SessionStore = request.app.state.sessions
    cookie = request.cookies.get(COOKIE)
    session = store.find(cookie) if cookie else None
    sent = csrf or request.headers.get(CSRF_HEADER)
    if session is not None and cookie and _same_origin(request) and csrf_ok(session, sent):
        store.close(cookie)
        audit: AuditLog = request.app.state.audit
        audit.record(session.user.name, "session.logout", f"user:{session.user.id}")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
