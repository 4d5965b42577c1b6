"""Command line: builds the Spanish parser and runs the chosen subcommand."""

from collections.abc import Sequence

from app_datos import __version__, cliargs
from app_datos.commands import captura, etl, pedir, serve, tail, wikipedia_falsa
from app_datos.errors import AppError
from app_datos.jsonlog import log
from app_datos.lifecycle import exit_on_signal

# Order of the subcommand list in --help.
COMMANDS = (serve, etl, captura, wikipedia_falsa, pedir, tail)

DESCRIPTION = """\
Programa de la imagen del taller (taller/app-datos:1.0). Cada subcomando es una pieza que
usan los ejercicios de Kubernetes: un servidor HTTP, un proceso por lotes, un capturador de
páginas de Wikipedia, un servidor de pruebas, un cliente HTTP para comprobaciones y un tail.
Los registros son líneas JSON en la salida estándar (y en LOG_FILE si está definida)."""

EPILOG = """\
ejemplos:
  app-datos serve
  app-datos etl --entrada /datos --salida /salida
  app-datos serve --help"""


def build_parser() -> cliargs.Parser:
    cliargs.use_spanish()
    parser = cliargs.Parser(prog="app-datos", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument(
        "--version", action="version", version=f"app-datos {__version__}", help="muestra la versión y sale"
    )
    subcommands = parser.add_subparsers(
        title="subcomandos", metavar="SUBCOMANDO", dest="command", required=True
    )
    for command in COMMANDS:
        command.register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    exit_on_signal()
    args = build_parser().parse_args(argv)
    try:
        exit_code: int = args.run(args)
    except AppError as exc:
        log("error", error=str(exc), **exc.fields)
        return exc.exit_code
    return exit_code
