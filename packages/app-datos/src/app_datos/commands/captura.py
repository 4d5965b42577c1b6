"""captura: saves Wikipedia pages through the MediaWiki REST API, one file per title and day."""

import argparse
import datetime
import os
from pathlib import Path
from urllib.parse import quote

from app_datos import __version__, cliargs
from app_datos.errors import AppError, os_reason
from app_datos.files import write_atomic
from app_datos.httpclient import HttpFailure, request
from app_datos.jsonlog import log

DEFAULT_BASE_URL = "https://es.wikipedia.org"
# Wikimedia asks every client for a descriptive User-Agent with a way to contact its owner.
USER_AGENT = (
    f"taller-contenedores/{__version__} (https://github.com/taller-contenedores; "
    "taller@example.org) app-datos"
)
TIMEOUT_SECONDS = 20.0

# Exit codes: a scheduler (Job backoffLimit, CronJob) retries 3; retrying 2 cannot help.
EXIT_PERMANENT = 2
EXIT_RETRYABLE = 3

DESCRIPTION = """\
Descarga páginas de Wikipedia con la API REST de MediaWiki
(GET {base}/w/rest.php/v1/page/{titulo}/html) y guarda cada una en
<salida>/<Titulo>/<AAAA-MM-DD>.html (fecha UTC), escribiendo un temporal y renombrándolo para que
nadie lea una página a medias. Los espacios de los títulos pasan a ser "_". Registra una línea
JSON por página. No reintenta por su cuenta: eso le toca al Job o CronJob que la lanza.

variables de entorno (si no se pasa la opción):
  TITULOS              títulos separados por comas
  WIKIPEDIA_BASE_URL   URL base (por defecto https://es.wikipedia.org)
  DATA_DIR             carpeta de salida

códigos de salida:
  0  todas las páginas guardadas
  1  no se pudo escribir en la carpeta de salida
  2  error que no se arregla reintentando: título no válido, página inexistente (404) u otro 4xx
  3  error pasajero (429, 5xx, red o tiempo agotado): conviene reintentar más tarde
  Si fallan varias páginas, manda el 2 sobre el 3."""


def register(subcommands: cliargs.Subcommands) -> None:
    parser = subcommands.add_parser(
        "captura", help="guarda páginas de Wikipedia en DATA_DIR", description=DESCRIPTION
    )
    parser.add_argument(
        "--titulo",
        action="append",
        dest="titles",
        metavar="TITULO",
        help="título de la página; repítelo para varias (por defecto, TITULOS)",
    )
    parser.add_argument(
        "--base-url",
        type=cliargs.http_url,
        default=os.environ.get("WIKIPEDIA_BASE_URL") or DEFAULT_BASE_URL,
        metavar="URL",
        help=f"Wikipedia a consultar (por defecto, WIKIPEDIA_BASE_URL o {DEFAULT_BASE_URL})",
    )
    parser.add_argument(
        "--salida",
        dest="output_dir",
        type=Path,
        default=os.environ.get("DATA_DIR") or None,
        metavar="CARPETA",
        help="carpeta donde guardar las páginas (por defecto, DATA_DIR)",
    )
    parser.add_argument(
        "--fecha",
        dest="date",
        type=cliargs.iso_date,
        metavar="AAAA-MM-DD",
        help="fecha del nombre de archivo (por defecto, hoy en UTC)",
    )
    parser.set_defaults(run=run)


def normalize_title(raw: str) -> str:
    title = raw.strip().replace(" ", "_")
    # The title becomes a directory name: nothing may climb out of the output folder.
    if not title or "/" in title or ".." in title or title.startswith(".") or "\0" in title:
        raise AppError(
            f"título no válido: {raw!r} (no puede estar vacío, contener «/» o «..» ni empezar por «.»)",
            EXIT_PERMANENT,
        )
    return title


def run(args: argparse.Namespace) -> int:
    raw_titles = args.titles if args.titles is not None else os.environ.get("TITULOS", "").split(",")
    if not any(raw.strip() for raw in raw_titles):
        raise AppError("no hay títulos: usa --titulo o la variable TITULOS", EXIT_PERMANENT)
    titles = [normalize_title(raw) for raw in raw_titles]
    if args.output_dir is None:
        raise AppError("falta la carpeta de salida: usa --salida o la variable DATA_DIR", EXIT_PERMANENT)
    day = args.date or datetime.datetime.now(datetime.UTC).date().isoformat()
    results = [_capture(title, args.base_url, args.output_dir, day) for title in titles]
    failed = [code for code in results if code]
    log("capturas", correctas=len(results) - len(failed), fallidas=len(failed))
    if EXIT_PERMANENT in failed:
        return EXIT_PERMANENT
    return EXIT_RETRYABLE if failed else 0


def _capture(title: str, base_url: str, output_dir: Path, day: str) -> int:
    """Fetch and save one page; log the outcome and return 0 or the exit code it deserves."""
    url = f"{base_url.rstrip('/')}/w/rest.php/v1/page/{quote(title, safe='')}/html"
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html"}
    try:
        result = request(url, headers=headers, timeout=TIMEOUT_SECONDS, follow_redirects=True)
    except HttpFailure as exc:
        log("captura_fallida", titulo=title, url=url, error=str(exc), reintentable=True)
        return EXIT_RETRYABLE
    if result.status != 200:
        retryable = result.status == 429 or result.status >= 500
        reason = (
            f"la página «{title}» no existe en {base_url}"
            if result.status == 404
            else f"Wikipedia respondió con el código HTTP {result.status}"
        )
        log(
            "captura_fallida",
            titulo=title,
            url=url,
            codigo=result.status,
            error=reason,
            reintentable=retryable,
        )
        return EXIT_RETRYABLE if retryable else EXIT_PERMANENT
    target = output_dir / title / f"{day}.html"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, result.body)
    except OSError as exc:
        raise AppError(f"no se puede escribir {target}: {os_reason(exc)}", archivo=str(target)) from None
    log("captura", titulo=title, url=url, codigo=result.status, archivo=str(target), bytes=len(result.body))
    return 0
