"""wikipedia-falsa: a stand-in for the MediaWiki REST API, so captura can be tested offline."""

import argparse
import html
import threading
from dataclasses import dataclass, field
from urllib.parse import unquote

from app_datos import cliargs
from app_datos.httpbase import (
    Handler,
    Response,
    add_port_argument,
    error_response,
    json_response,
    method_not_allowed,
    not_found,
    run_server,
)

PAGE_PREFIX = "/w/rest.php/v1/page/"
PAGE_SUFFIX = "/html"
REQUESTS_PATH = "/_peticiones"
ALWAYS_MISSING = "No_Existe"

DESCRIPTION = f"""\
Servidor de pruebas que contesta como la API REST de MediaWiki, sin salir a Internet:

  GET {PAGE_PREFIX}<titulo>{PAGE_SUFFIX}   una página HTML pequeña y siempre igual que contiene el título
                                     (404 para {ALWAYS_MISSING} y los títulos de --inexistente)
  GET {REQUESTS_PATH}                     lista JSON de las peticiones recibidas: ruta, metodo, user_agent

Escribe la misma línea {{"evento":"escuchando","puerto":N}} que serve y termina con SIGTERM."""


def register(subcommands: cliargs.Subcommands) -> None:
    parser = subcommands.add_parser(
        "wikipedia-falsa", help="imita la API de Wikipedia para pruebas", description=DESCRIPTION
    )
    add_port_argument(parser)
    parser.add_argument(
        "--fallar",
        dest="fail_first",
        type=cliargs.non_negative_int,
        default=0,
        metavar="N",
        help="responde 503 a las N primeras peticiones de páginas (por defecto 0)",
    )
    parser.add_argument(
        "--inexistente",
        dest="missing_titles",
        action="append",
        default=[],
        metavar="TITULO",
        help=f"otro título que responde 404 además de {ALWAYS_MISSING}; se puede repetir",
    )
    parser.set_defaults(run=run)


@dataclass
class Context:
    failures_left: int
    missing: set[str]
    received: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, request: dict[str, str]) -> None:
        with self.lock:
            self.received.append(request)

    def history(self) -> list[dict[str, str]]:
        with self.lock:
            return list(self.received)

    def take_failure(self) -> bool:
        """True while --fallar still has simulated failures to hand out."""
        with self.lock:
            if self.failures_left == 0:
                return False
            self.failures_left -= 1
            return True


def run(args: argparse.Namespace) -> int:
    missing = {ALWAYS_MISSING, *(title.replace(" ", "_") for title in args.missing_titles)}
    return run_server(FakeWikipediaHandler, args.port, Context(args.fail_first, missing))


class FakeWikipediaHandler(Handler):
    def respond(self, method: str, path: str) -> Response:
        ctx: Context = self.context
        if path == REQUESTS_PATH:
            return json_response(200, ctx.history())
        ctx.record({"ruta": self.path, "metodo": method, "user_agent": self.headers.get("User-Agent", "")})
        if not (path.startswith(PAGE_PREFIX) and path.endswith(PAGE_SUFFIX)):
            return not_found(path)
        if method != "GET":
            return method_not_allowed(method, ["GET"])
        if ctx.take_failure():
            return error_response(503, "fallo simulado (--fallar)", {"Retry-After": "1"})
        title = unquote(path[len(PAGE_PREFIX) : -len(PAGE_SUFFIX)])
        if not title or title in ctx.missing:
            return error_response(404, f"la página «{title}» no existe")
        return Response(200, page(title).encode("utf-8"), "text/html; charset=utf-8")


def page(title: str) -> str:
    """Deterministic HTML holding the title as requested ("_") and as read (spaces)."""
    raw, spaced = html.escape(title), html.escape(title.replace("_", " "))
    return (
        f'<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>{raw}</title></head>'
        f"<body><h1>{raw}</h1><p>Página de prueba sobre {spaced}, servida por wikipedia-falsa.</p>"
        "</body></html>\n"
    )
