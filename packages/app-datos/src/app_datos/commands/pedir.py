"""pedir: an HTTP check for Jobs and probes; one JSON line with the status and the body's sha256."""

import argparse
import hashlib

from app_datos import __version__, cliargs
from app_datos.errors import AppError
from app_datos.httpclient import HttpFailure, request
from app_datos.jsonlog import log

EXCERPT_CHARS = 200

DESCRIPTION = """\
Hace una petición HTTP y escribe una sola línea JSON con el código recibido ("codigo"), el
sha256 del cuerpo ("sha256"), su tamaño y el principio del cuerpo ("cuerpo"). No sigue
redirecciones: informa de la que reciba.

códigos de salida: 0 si llega el código esperado; 1 si llega otro o no hay respuesta (en ese
caso la línea JSON lleva "error")."""

EPILOG = """\
ejemplos:
  app-datos pedir http://api-datos/healthz
  app-datos pedir http://api-datos/visitas --metodo POST --datos '{"mensaje": "hola"}' --esperar-codigo 201"""


def register(subcommands: cliargs.Subcommands) -> None:
    parser = subcommands.add_parser(
        "pedir",
        help="cliente HTTP para comprobaciones dentro del clúster",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    parser.add_argument("url", type=cliargs.http_url, metavar="URL", help="URL http:// o https:// a pedir")
    parser.add_argument(
        "--metodo",
        dest="method",
        choices=("GET", "POST"),
        default="GET",
        help="método HTTP (por defecto GET)",
    )
    parser.add_argument(
        "--datos",
        dest="data",
        type=cliargs.json_text,
        metavar="JSON",
        help="cuerpo JSON que enviar (con Content-Type: application/json)",
    )
    parser.add_argument(
        "--timeout",
        type=cliargs.positive_seconds,
        default=5.0,
        metavar="S",
        help="segundos máximos de espera (por defecto 5)",
    )
    parser.add_argument(
        "--esperar-codigo",
        dest="expected_status",
        type=cliargs.status_code,
        default=200,
        metavar="N",
        help="código HTTP que cuenta como éxito (por defecto 200)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    body = args.data.encode("utf-8") if args.data is not None else None
    headers = {"User-Agent": f"app-datos/{__version__}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        result = request(
            args.url,
            method=args.method,
            body=body,
            headers=headers,
            timeout=args.timeout,
            follow_redirects=False,
        )
    except HttpFailure as exc:
        raise AppError(str(exc), url=args.url, metodo=args.method) from None
    log(
        "respuesta",
        url=args.url,
        metodo=args.method,
        codigo=result.status,
        esperado=args.expected_status,
        sha256=hashlib.sha256(result.body).hexdigest(),
        bytes=len(result.body),
        cuerpo=result.body.decode("utf-8", "replace")[:EXCERPT_CHARS],
    )
    return 0 if result.status == args.expected_status else 1
