"""``GET, POST /webhooks/whatsapp``: Cloud API verification and signed updates.

The POST handler does three things only — check the signature over the raw
bytes, store the update, answer 200 — so the acknowledgement stays in
milliseconds and Meta has no reason to retry.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from agent.channels.whatsapp import REQUIRED, WhatsAppChannel
from agent.channels.whatsapp_security import SIGNATURE_HEADER, SignatureCheck

router = APIRouter(tags=["whatsapp"])

_NOT_CONFIGURED = "WhatsApp is not configured: set " + ", ".join(REQUIRED.values())


def _channel(request: Request) -> WhatsAppChannel | None:
    channel: WhatsAppChannel | None = getattr(request.app.state, "whatsapp", None)
    return channel


@router.get("/webhooks/whatsapp")
def verify_webhook(request: Request) -> Response:
    """Answer Meta's subscription check with ``hub.challenge`` if ``hub.verify_token`` matches."""
    channel = _channel(request)
    if channel is None:
        return JSONResponse({"detail": _NOT_CONFIGURED}, status_code=503)
    params = request.query_params
    mode, challenge = params.get("hub.mode"), params.get("hub.challenge")
    if mode is None or challenge is None:
        detail = "send hub.mode=subscribe, hub.verify_token and hub.challenge"
        return JSONResponse({"detail": detail}, status_code=400)
    answer = channel.verify(mode, params.get("hub.verify_token"), challenge)
    if answer is None:
        return JSONResponse({"detail": "hub.verify_token does not match"}, status_code=403)
    return PlainTextResponse(answer)


@router.post("/webhooks/whatsapp")
async def receive_webhook(request: Request) -> Response:
    """Store a signed update and acknowledge it; the work happens in the background."""
    channel = _channel(request)
    if channel is None:
        return JSONResponse({"detail": _NOT_CONFIGURED}, status_code=503)
    raw = await request.body()
    check = await run_in_threadpool(channel.receive, raw, request.headers.get(SIGNATURE_HEADER))
    if check is SignatureCheck.MISSING:
        detail = f"missing {SIGNATURE_HEADER} header"
        return JSONResponse({"detail": detail}, status_code=401)
    if check is SignatureCheck.MISMATCH:
        detail = f"{SIGNATURE_HEADER} does not match the body (sign the raw bytes)"
        return JSONResponse({"detail": detail}, status_code=403)
    return Response(status_code=200)
