"""Who may use the page: on 127.0.0.1 only this machine (and only under its own address, against DNS
rebinding); on another interface (--host) only with the printed access token. Nothing is loaded
from elsewhere: the Content-Security-Policy lets the browser fetch from this server only."""
from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import PlainTextResponse, RedirectResponse

COOKIE = "plaatsing_toegang"
VRIJ = ("/static/", "/toegang")  # reachable without the token: the assets and the token form
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


class ToegangFout(Exception):
    """The server may not listen like this (another interface without --host)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def controleer_adres(host: str, *, host_gegeven: bool) -> None:
    """Refuse any interface but loopback unless the user asked for it with --host."""
    if not is_loopback(host) and not host_gegeven:
        raise ToegangFout(f"het adres {host} is niet alleen voor deze computer; geef --host {host} op "
                          "als u de pagina echt vanaf een andere computer wilt openen (dan met toegangscode).")


def nieuw_token() -> str:
    return secrets.token_urlsafe(18)


class Toegang(BaseHTTPMiddleware):
    """Token (when set), Host header (on loopback), same-origin POSTs, and strict headers on every answer."""

    def __init__(self, app, *, token: str | None, poort_hosts: set[str] | None):
        super().__init__(app)
        self.token = token
        self.poort_hosts = poort_hosts  # None: any Host header (token mode or tests)

    async def dispatch(self, request, call_next):
        host = request.headers.get("host", "")
        if self.poort_hosts is not None and host not in self.poort_hosts:
            return PlainTextResponse("Onbekend adres: open de pagina via het adres dat plaatsing app toont.", 400)
        if request.method == "POST":
            herkomst = request.headers.get("origin")
            if herkomst and herkomst != "null" and urlsplit(herkomst).netloc != host:
                return PlainTextResponse("Dit verzoek komt niet van de pagina van plaatsing en is geweigerd.", 403)
        if self.token and not request.url.path.startswith(VRIJ) and not self.heeft_toegang(request):
            return RedirectResponse("/toegang", status_code=303)
        antwoord = await call_next(request)
        antwoord.headers["Content-Security-Policy"] = CSP
        antwoord.headers["X-Content-Type-Options"] = "nosniff"
        antwoord.headers["Referrer-Policy"] = "no-referrer"
        if not request.url.path.startswith("/static/"):
            antwoord.headers["Cache-Control"] = "no-store"  # personal data stays out of the browser cache
        return antwoord

    def heeft_toegang(self, request) -> bool:
        return self.juist(request.cookies.get(COOKIE, ""))

    def juist(self, code: str) -> bool:
        return bool(self.token) and secrets.compare_digest(code.strip().encode(), self.token.encode())
