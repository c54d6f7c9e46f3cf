"""What every API router shares: the error type, the app's parts as dependencies, and roles.

A route admits a caller by bearer token or by a staff page's session cookie
(which must also carry the session's CSRF token on any change); ``Admin``,
``Staff``, ``Tester`` and ``Anyone`` name who may call it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from agent.audit import AuditLog
from agent.factory import Frontdesk
from agent.handoffs import HandoffDesk
from agent.sessions import COOKIE as SESSION_COOKIE
from agent.sessions import CSRF_HEADER, SAFE_METHODS, SessionStore, csrf_ok
from agent.users import Role, User

bearer = HTTPBearer(auto_error=False)


class ApiError(Exception):
    """An error to return as JSON ``{"detail": ...}`` with an HTTP status."""

    def __init__(self, status_code: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.headers = headers


def get_frontdesk(request: Request) -> Frontdesk:
    """Return the process-wide Frontdesk built at start-up."""
    frontdesk: Frontdesk = request.app.state.frontdesk
    return frontdesk


FrontdeskDep = Annotated[Frontdesk, Depends(get_frontdesk)]


def get_desk(request: Request) -> HandoffDesk:
    """Return the handoff desk built at start-up."""
    desk: HandoffDesk = request.app.state.desk
    return desk


def get_audit(request: Request) -> AuditLog:
    """Return the audit log built at start-up."""
    audit: AuditLog = request.app.state.audit
    return audit


DeskDep = Annotated[HandoffDesk, Depends(get_desk)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]


def get_sessions(request: Request) -> SessionStore:
    """Return the browser-session store of the running app."""
    found: SessionStore = request.app.state.sessions
    return found


SessionsDep = Annotated[SessionStore, Depends(get_sessions)]


def require(*roles: Role) -> Callable[..., User]:
    """Return a dependency admitting a listed role (admin always) by bearer token or session.

    A session cookie (the staff pages) must come with the session's CSRF token
    in ``X-CSRF-Token`` on any request that changes something.
    """

    def dependency(
        request: Request,
        frontdesk: FrontdeskDep,
        browser: SessionsDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> User:
        unauthenticated = {"WWW-Authenticate": "Bearer"}
        cookie = request.cookies.get(SESSION_COOKIE)
        if credentials is not None and credentials.scheme.lower() == "bearer":
            user = frontdesk.users.authenticate(credentials.credentials)
            if user is None:
                raise ApiError(401, "unknown or revoked token", unauthenticated)
        elif cookie:
            session = browser.find(cookie)
            if session is None:
                raise ApiError(401, "the session has ended: sign in again at /login")
            if request.method not in SAFE_METHODS and not csrf_ok(
                session, request.headers.get(CSRF_HEADER)
            ):
                raise ApiError(403, f"missing or wrong {CSRF_HEADER}: read it from GET /v1/session")
            user = session.user
        else:
            raise ApiError(
                401,
                "missing bearer token: send 'Authorization: Bearer <token>' or sign in at /login",
                unauthenticated,
            )
        if user.role is not Role.ADMIN and user.role not in roles:
            allowed = ", ".join(sorted({Role.ADMIN.value, *(r.value for r in roles)}))
            raise ApiError(403, f"role {user.role.value!r} may not do this; it needs: {allowed}")
        return user

    return dependency


Admin = Annotated[User, Depends(require(Role.ADMIN))]
Tester = Annotated[User, Depends(require(Role.QA))]
Staff = Annotated[User, Depends(require(Role.AGENT))]
Anyone = Annotated[User, Depends(require(Role.AGENT, Role.QA))]


class CitationOut(BaseModel):
    """An approved document a reply draws on."""

    document_id: str
    title: str
    page: int | None = None
