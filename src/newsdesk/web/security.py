"""Response headers that keep article text inert in the browser.

Everything a page shows from an article is escaped by the templates; these headers are the second
wall: no script but the application's own files, no inline script or style, no plugins, no
framing, and no content-type sniffing. The app factory calls :func:`install` once.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # vis-network's stylesheet draws its buttons as data: images
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every HTTP response (a header the response sets
    itself stays), except the policy on the ``exempt`` paths (FastAPI's own documentation pages,
    which load their scripts from a CDN, inline: newsdesk serves its own, ``newsdesk.web.apidocs``)."""

    def __init__(self, app: ASGIApp, exempt: Iterable[str] = ()) -> None:
        self.app = app
        self.exempt = frozenset(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = HEADERS if scope["path"] not in self.exempt else HEADERS[1:]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in headers if name not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Add the security headers to ``app``'s responses (once; a second call does nothing)."""
    if getattr(app.state, "web_security_installed", False):
        return
    exempt = [url for url in (app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url) if url]
    app.add_middleware(SecurityHeaders, exempt=exempt)
    app.state.web_security_installed = True


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class HostCheck:
    """ASGI middleware answering 400 to a request whose Host header names neither a loopback
    address nor one of ``allowed``: a page on another site that rebinds its name to this machine's
    address (DNS rebinding) sends its own name, and reads nothing."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = LOOPBACK_HOSTS | {_bare(name) for name in allowed if name}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if _bare(given) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = (
            b'{"detail":"unknown host in the Host header: this server answers to loopback and to the names '
            b"given with 'newsdesk serve --allow-host NAME'\"}"
        )
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _bare(host: str) -> str:
    """A Host header's name without its port or IPv6 brackets, in lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def check_hosts(app: FastAPI, allowed: Iterable[str]) -> None:
    """Answer only requests for a loopback host or one of ``allowed`` (400 otherwise)."""
    app.add_middleware(HostCheck, allowed=tuple(allowed))
