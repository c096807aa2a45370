"""Who may use the page: on 127.0.0.1 only this machine (and only under its own address, against DNS
rebinding); on another interface (--host) only with the printed access token, over TLS unless the user
chose --onveilig-http. Nothing is loaded from elsewhere: the Content-Security-Policy lets the browser fetch
from this server only, and no page may be framed.

Another web page cannot drive the app (CSRF): every browser gets a session cookie (HttpOnly,
SameSite=Strict, Secure over TLS); a state-changing request must come from this server's own origin
(Origin, or else Referer; `Origin: null` and neither are refused) and carry the session's token, which
only the app's own pages hold (a hidden form field `csrf`)."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import PlainTextResponse, RedirectResponse

COOKIE = "plaatsing_toegang"
SESSIE = "plaatsing_sessie"
VEILIG = ("GET", "HEAD", "OPTIONS")
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
    """Token (when set), Host header (on loopback), same-origin state changes, the session cookie, and strict
    headers on every answer. The CSRF token itself is checked where the form is read (web.formulier)."""

    def __init__(self, app, *, token: str | None, poort_hosts: set[str] | None, geheim: bytes | None = None):
        super().__init__(app)
        self.token = token
        self.poort_hosts = poort_hosts  # None: any Host header (token mode or tests)
        self.geheim = geheim or secrets.token_bytes(32)

    async def dispatch(self, request, call_next):
        host = request.headers.get("host", "")
        if self.poort_hosts is not None and host not in self.poort_hosts:
            return PlainTextResponse("Onbekend adres: open de pagina via het adres dat plaatsing app toont.", 400)
        if request.method not in VEILIG and not eigen_herkomst(request, host):
            return PlainTextResponse("Dit verzoek komt niet van de pagina van plaatsing en is geweigerd.", 403)
        sessie = request.cookies.get(SESSIE, "")
        nieuw = not _is_sessie(sessie)
        if nieuw:
            sessie = secrets.token_urlsafe(24)
        request.state.sessie = sessie
        request.state.sessie_nieuw = nieuw  # a request without this browser's cookie (another site's link or <img>)
        request.state.csrf = csrf_token(self.geheim, sessie)
        if self.token and not request.url.path.startswith(VRIJ) and not self.heeft_toegang(request):
            antwoord = RedirectResponse("/toegang", status_code=303)
        else:
            antwoord = await call_next(request)
        tls = request.url.scheme == "https"
        if nieuw:
            antwoord.set_cookie(SESSIE, sessie, httponly=True, samesite="strict", secure=tls)
        antwoord.headers["Content-Security-Policy"] = CSP
        antwoord.headers["X-Frame-Options"] = "DENY"
        antwoord.headers["X-Content-Type-Options"] = "nosniff"
        antwoord.headers["Referrer-Policy"] = "same-origin"
        if tls:
            antwoord.headers["Strict-Transport-Security"] = "max-age=31536000"
        if not request.url.path.startswith("/static/"):
            antwoord.headers["Cache-Control"] = "no-store"  # personal data stays out of the browser cache
        return antwoord

    def heeft_toegang(self, request) -> bool:
        return self.juist(request.cookies.get(COOKIE, ""))

    def juist(self, code: str) -> bool:
        return bool(self.token) and secrets.compare_digest(code.strip().encode(), self.token.encode())


def eigen_herkomst(request, host: str) -> bool:
    """The request names this server as its origin: Origin, or (without Origin) Referer. `null` is refused."""
    herkomst = request.headers.get("origin")
    if herkomst is None:
        herkomst = request.headers.get("referer")
    if not herkomst or herkomst == "null":
        return False
    delen = urlsplit(herkomst)
    return delen.scheme == request.url.scheme and delen.netloc == host


def csrf_token(geheim: bytes, sessie: str) -> str:
    return hmac.new(geheim, sessie.encode(), hashlib.sha256).hexdigest()


def juiste_csrf(request, gegeven) -> bool:
    verwacht = getattr(request.state, "csrf", "")
    return bool(verwacht) and secrets.compare_digest(str(gegeven or "").encode(), verwacht.encode())


def _is_sessie(waarde: str) -> bool:
    return 20 <= len(waarde) <= 64 and all(c.isalnum() or c in "-_" for c in waarde)
