#!/usr/bin/env python3
"""etl.py: suma las ventas de los CSV de una carpeta y escribe resumen.json.

Es el subcomando `etl` de la imagen del taller (taller/app-datos) convertido en un solo script
que solo usa la biblioteca estándar de Python 3.10 o posterior. Uso:

    python etl.py --entrada CARPETA --salida CARPETA

Lee los archivos *.csv de la carpeta de entrada (sin entrar en subcarpetas, en orden alfabético,
ignorando los nombres que empiezan por ".") y escribe resumen.json en la de salida, de forma
atómica. Termina con una línea de registro JSON {"evento":"resumen",...} con los mismos datos.

Formato de los CSV (UTF-8, separados por comas, con cabecera):

    fecha,producto,cantidad,precio_unitario
    2025-03-03,pan de centeno,30,2.40

importe = cantidad × precio_unitario, con punto decimal. Las filas con un número no válido o
sin producto se descartan (y se cuentan); las columnas de más se ignoran.

Códigos de salida: 0 bien; 1 sin entrada, sin CSV, cabecera incorrecta o salida no escribible;
2 argumentos incorrectos.
"""

import argparse
import contextlib
import csv
import errno
import json
import os
import signal
import sys
import tempfile
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

COLUMNS = ("fecha", "producto", "cantidad", "precio_unitario")
OUTPUT_NAME = "resumen.json"
CENT = Decimal("0.01")

_OS_REASONS = {
    errno.EACCES: "permiso denegado",
    errno.EPERM: "operación no permitida",
    errno.EROFS: "el sistema de archivos es de solo lectura",
    errno.ENOENT: "no existe",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.ENOSPC: "no queda espacio en el disco",
}


class EtlError(Exception):
    """Un fallo explicado al usuario: se registra como {"evento":"error",...} y sale con 1."""

    def __init__(self, message: str, **fields: object) -> None:
        super().__init__(message)
        self.fields = fields


def os_reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def log(event: str, **fields: object) -> None:
    """Una línea JSON por evento en la salida estándar, en bytes UTF-8 (no depende del locale)."""
    line = json.dumps({"evento": event, **fields}, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.buffer.write((line + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


class Totals:
    def __init__(self) -> None:
        self.rows = 0
        self.discarded = 0
        self.by_product: defaultdict[str, Decimal] = defaultdict(Decimal)

    def add_file(self, path: Path) -> None:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                self._add_rows(path.name, csv.reader(handle))
        except UnicodeDecodeError:
            raise EtlError(f"{path} no está en UTF-8") from None
        except csv.Error as exc:
            raise EtlError(f"{path} no es un CSV válido: {exc}") from None
        except OSError as exc:
            raise EtlError(f"no se puede leer {path}: {os_reason(exc)}") from None

    def _add_rows(self, name: str, reader) -> None:
        header = [column.strip().lower() for column in next(reader, [])]
        if not header:
            return  # un archivo vacío no aporta nada
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            raise EtlError(f"{name}: faltan las columnas {', '.join(missing)} en la cabecera "
                           f"(se espera {','.join(COLUMNS)})", archivo=name)
        index = {column: header.index(column) for column in COLUMNS}
        for row in reader:
            if not any(field.strip() for field in row):
                continue  # las líneas en blanco no son filas
            values = {column: row[i].strip() if i < len(row) else "" for column, i in index.items()}
            problem, amount = amount_of(values)
            if problem:
                self.discarded += 1
                log("fila_descartada", archivo=name, linea=reader.line_num, motivo=problem)
                continue
            self.rows += 1
            self.by_product[values["producto"]] += amount

    def summary(self, files: list[str]) -> dict[str, object]:
        return {
            "archivos": files,
            "filas": self.rows,
            "filas_descartadas": self.discarded,
            "total": money(sum(self.by_product.values(), Decimal(0))),
            "por_producto": {product: money(amount) for product, amount in sorted(self.by_product.items())},
        }


def amount_of(values: dict[str, str]) -> tuple[str | None, Decimal]:
    """(motivo para descartar la fila, o None; el importe de la fila)."""
    if not values["producto"]:
        return "falta el producto", Decimal(0)
    numbers = []
    for column in ("cantidad", "precio_unitario"):
        try:
            number = Decimal(values[column])
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():  # Decimal acepta "NaN" e "Infinity": aquí no valen
            return f"{column} no es un número: {values[column]!r}", Decimal(0)
        numbers.append(number)
    quantity, price = numbers
    return None, quantity * price


def money(amount: Decimal) -> float:
    return float(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def input_names(source: Path) -> list[str]:
    try:
        names = sorted(entry.name for entry in os.scandir(source)
                       if entry.name.endswith(".csv") and not entry.name.startswith(".") and entry.is_file())
    except OSError as exc:
        raise EtlError(f"no se puede leer la carpeta de entrada {source}: {os_reason(exc)}") from None
    if not names:
        raise EtlError(f"no hay archivos .csv en la carpeta de entrada {source}")
    return names


def write_atomic(path: Path, data: bytes) -> None:
    """Sustituye path por data: quien lo lea ve el archivo viejo o el nuevo, nunca medio."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)  # mkstemp crea 0600; otros usuarios deben poder leerlo
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def run(entrada: Path, salida: Path) -> int:
    inputs = input_names(entrada)
    totals = Totals()
    for name in inputs:
        totals.add_file(entrada / name)
    summary = totals.summary(inputs)
    output = salida / OUTPUT_NAME
    try:
        salida.mkdir(parents=True, exist_ok=True)
        write_atomic(output, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except OSError as exc:
        raise EtlError(f"no se puede escribir en la carpeta de salida {salida}: {os_reason(exc)}") from None
    log("resumen", **summary, salida=str(output))
    return 0


def main(argv: list[str] | None = None) -> int:
    # `docker stop` envía SIGTERM; como proceso 1 del contenedor hay que atenderlo explícitamente.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    parser = argparse.ArgumentParser(
        prog="etl.py", description="Resume archivos CSV de ventas en resumen.json.")
    parser.add_argument("--entrada", required=True, type=Path, metavar="CARPETA",
                        help="carpeta con los archivos CSV (por ejemplo, datos/ montado en /datos)")
    parser.add_argument("--salida", required=True, type=Path, metavar="CARPETA",
                        help=f"carpeta donde escribir {OUTPUT_NAME} (se crea si no existe)")
    args = parser.parse_args(argv)
    try:
        return run(args.entrada, args.salida)
    except EtlError as exc:
        log("error", error=str(exc), **exc.fields)
        return 1


if __name__ == "__main__":
    sys.exit(main())
