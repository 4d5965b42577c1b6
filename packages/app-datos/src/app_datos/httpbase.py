"""What serve and wikipedia-falsa share: JSON responses, request logging and a stoppable server."""

import argparse
import errno
import json
import os
import socketserver
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from app_datos import __version__, cliargs
from app_datos.errors import AppError, os_reason
from app_datos.jsonlog import log
from app_datos.lifecycle import stop_event

MAX_BODY_BYTES = 64 * 1024

# http.server answers these itself (bad request line, unknown method...) in English HTML.
_BUILTIN_ERRORS: dict[int, str] = {
    HTTPStatus.BAD_REQUEST: "petición HTTP mal formada",
    HTTPStatus.EXPECTATION_FAILED: "expectativa no soportada",
    HTTPStatus.REQUEST_URI_TOO_LONG: "la URL es demasiado larga",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "las cabeceras son demasiado grandes",
    HTTPStatus.NOT_IMPLEMENTED: "método HTTP no soportado (solo GET y POST)",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "versión de HTTP no soportada",
}


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: object, headers: dict[str, str] | None = None) -> Response:
    body = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8", headers or {})


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response(status, {"error": message}, headers)


def not_found(path: str) -> Response:
    return error_response(404, f"no existe la ruta {path}")


def method_not_allowed(method: str, allowed: list[str]) -> Response:
    allow = ", ".join(allowed)
    return error_response(405, f"método {method} no permitido; usa {allow}", {"Allow": allow})


class Handler(BaseHTTPRequestHandler):
    """Base handler: subclasses implement respond(method, path); run_server provides self.context."""

    server_version = f"app-datos/{__version__}"

    def version_string(self) -> str:
        # Without the Python version that http.server appends by default.
        return self.server_version

    def respond(self, method: str, path: str) -> Response:
        raise NotImplementedError

    @property
    def context(self) -> Any:
        return self.server.context  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    @property
    def route(self) -> str:
        # The path without the query string; empty when the request line was unreadable.
        return urlsplit(getattr(self, "path", "")).path

    def read_body(self) -> bytes | Response:
        """The request body, or the error response to send instead."""
        length = self.headers.get("Content-Length", "")
        if not length.isascii() or not length.isdigit():
            return error_response(411, "falta la cabecera Content-Length o no es un número")
        if int(length) > MAX_BODY_BYTES:
            return error_response(413, f"el cuerpo supera {MAX_BODY_BYTES} bytes")
        return self.rfile.read(int(length))

    def _dispatch(self) -> None:
        try:
            response = self.respond(self.command, self.route)
        except Exception as exc:  # one bad request must not take the server down
            log("error", error="error interno atendiendo la petición", ruta=self.route, detalle=repr(exc))
            response = error_response(500, "error interno del servidor")
        self._send(response)

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":  # http.server answers HEAD with 501; such an answer has no body
            self.wfile.write(response.body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self.close_connection = True
        self._send(error_response(code, _BUILTIN_ERRORS.get(code, f"error HTTP {code}")))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log("peticion", metodo=self.command or "", ruta=self.route, codigo=int(code))

    def log_message(self, format: str, *args: object) -> None:
        # The default access log is English text on stderr; log_request already wrote JSON.
        pass


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections under the load exercises' traffic.
    request_queue_size = 128

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves its own name (getfqdn), which can stall without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.socket.getsockname()[:2]

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        log(
            "error",
            error="conexión con el cliente interrumpida",
            cliente=client_address[0],
            detalle=repr(sys.exc_info()[1]),
        )


def add_port_argument(parser: argparse.ArgumentParser) -> None:
    # argparse also converts (and so validates) a string default such as PORT's value.
    parser.add_argument(
        "--puerto",
        dest="port",
        type=cliargs.port,
        default=os.environ.get("PORT") or "8080",
        metavar="N",
        help="puerto de escucha (por defecto, la variable PORT o 8080)",
    )


def run_server(handler: type[Handler], port: int, context: object) -> int:
    """Listen on 0.0.0.0:port until SIGTERM/SIGINT; handlers see context as self.context."""
    stop = stop_event()
    try:
        server = _Server(("0.0.0.0", port), handler)
    except OSError as exc:
        raise AppError(_bind_error(port, exc), puerto=port) from None
    server.context = context  # type: ignore[attr-defined]
    # Logged once the socket listens, so whoever waits for this line can connect at once.
    log("escuchando", puerto=server.server_port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    stop.wait()
    server.shutdown()
    server.server_close()
    log("detenido", motivo="señal recibida")
    return 0


def _bind_error(port: int, exc: OSError) -> str:
    if exc.errno == errno.EACCES and port < 1024:
        return f"sin privilegios no se puede escuchar en el puerto {port}: usa uno de 1024 en adelante"
    return f"no se puede escuchar en el puerto {port}: {os_reason(exc)}"
