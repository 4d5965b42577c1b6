"""A small HTTP client for captura and pedir: statuses are results, only transport problems raise."""

import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException


@dataclass
class HttpResult:
    status: int
    body: bytes


class HttpFailure(Exception):
    """No HTTP answer at all (refused, unresolvable, timed out...); the message is Spanish."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def request(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float,
    follow_redirects: bool,
) -> HttpResult:
    handlers = [] if follow_redirects else [_NoRedirects()]
    opener = urllib.request.build_opener(*handlers)
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as response:
            return HttpResult(response.status, response.read())
    except urllib.error.HTTPError as exc:
        # A 4xx/5xx is still an answer: callers decide what it means.
        with exc:
            return HttpResult(exc.code, exc.read())
    except urllib.error.URLError as exc:
        raise HttpFailure(_describe(exc.reason, url, timeout)) from None
    except (OSError, HTTPException) as exc:
        raise HttpFailure(_describe(exc, url, timeout)) from None


def _describe(reason: object, url: str, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        detail = "conexión rechazada (¿está arrancado el servidor y es el puerto correcto?)"
    elif isinstance(reason, socket.gaierror):
        detail = "no se pudo resolver el nombre del servidor"
    elif isinstance(reason, TimeoutError):
        detail = f"sin respuesta en {timeout:g} s"
    elif isinstance(reason, ssl.SSLCertVerificationError):
        detail = f"certificado TLS no válido ({reason.verify_message})"
    elif isinstance(reason, ConnectionError | HTTPException):
        detail = "la conexión se cortó antes de terminar la respuesta"
    else:
        detail = str(reason)
    return f"no se pudo completar la petición a {url}: {detail}"
