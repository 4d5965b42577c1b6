"""argparse in Spanish: a catalogue for argparse's own messages, the parser class and value types."""

import argparse
import datetime
import json
import re
from typing import TypeAlias
from urllib.parse import urlsplit

# argparse looks these msgids up through its module-level gettext function at call time. Only
# the messages this program can trigger are listed; any other one stays in English.
_MESSAGES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionales",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y sale",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opción no válida: %(value)r (elige entre %(choices)s)"
    ),
    "expected one argument": "falta su valor",
    "ignored explicit argument %r": "no admite el valor %r",
}


def use_spanish() -> None:
    """Translate argparse's built-in texts. Must run before any parser is built."""
    argparse._ = lambda message: _MESSAGES.get(message, message)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """ArgumentParser with the program's defaults; subcommand parsers inherit the class."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Exact option names only: "--sal" silently meaning "--salida" surprises in manifests.
        kwargs.setdefault("allow_abbrev", False)
        # Keep the hand-written line breaks of descriptions and examples.
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


# What each command's register() receives; a string because argparse's class is not generic at run time.
Subcommands: TypeAlias = "argparse._SubParsersAction[Parser]"


def port(text: str) -> int:
    if re.fullmatch(r"[0-9]{1,5}", text) and 1 <= int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"«{text}» no es un puerto válido (un entero de 1 a 65535)")


def non_negative_int(text: str) -> int:
    if re.fullmatch(r"[0-9]+", text):
        return int(text)
    raise argparse.ArgumentTypeError(f"«{text}» no es un entero mayor o igual que 0")


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if 0 < value < float("inf"):
        return value
    raise argparse.ArgumentTypeError(f"«{text}» no es un número de segundos mayor que 0")


def status_code(text: str) -> int:
    if re.fullmatch(r"[1-5][0-9]{2}", text):
        return int(text)
    raise argparse.ArgumentTypeError(f"«{text}» no es un código HTTP (de 100 a 599)")


def iso_date(text: str) -> str:
    try:
        # fromisoformat alone would also accept "20250115"; the regex keeps the documented form.
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"«{text}» no es una fecha válida con el formato AAAA-MM-DD")


def http_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.hostname:
        return text
    raise argparse.ArgumentTypeError(f"«{text}» no es una URL http:// o https:// válida")


def json_text(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"no es JSON válido (error en la posición {exc.pos})") from None
    return text
