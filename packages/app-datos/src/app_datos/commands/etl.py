"""etl: adds up the sales CSV files of a folder into resumen.json."""

import argparse
import csv
import json
import os
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from app_datos import cliargs
from app_datos.errors import AppError, os_reason
from app_datos.files import write_atomic
from app_datos.jsonlog import log

COLUMNS = ("fecha", "producto", "cantidad", "precio_unitario")
OUTPUT_NAME = "resumen.json"
CENT = Decimal("0.01")

DESCRIPTION = f"""\
Lee los archivos *.csv de la carpeta de entrada (sin entrar en subcarpetas, en orden alfabético,
ignorando los nombres que empiezan por ".") y escribe {OUTPUT_NAME} en la carpeta de salida, de
forma atómica. Termina con una línea de registro {{"evento":"resumen",...}} con los mismos datos.

formato de los CSV (UTF-8, separados por comas, con cabecera):
  fecha,producto,cantidad,precio_unitario
  2025-03-03,pan de centeno,30,2.40

  importe = cantidad × precio_unitario. Los números usan punto decimal. Las filas con un número
  no válido o sin producto se descartan (y se cuentan); las columnas de más se ignoran.

códigos de salida: 0 bien; 1 sin entrada, sin CSV, cabecera incorrecta o salida no escribible."""


def register(subcommands: cliargs.Subcommands) -> None:
    parser = subcommands.add_parser(
        "etl", help="resume archivos CSV de ventas en resumen.json", description=DESCRIPTION
    )
    parser.add_argument(
        "--entrada",
        dest="input_dir",
        required=True,
        type=Path,
        metavar="CARPETA",
        help="carpeta con los archivos CSV (por ejemplo, un ConfigMap montado)",
    )
    parser.add_argument(
        "--salida",
        dest="output_dir",
        required=True,
        type=Path,
        metavar="CARPETA",
        help=f"carpeta donde escribir {OUTPUT_NAME} (se crea si no existe)",
    )
    parser.set_defaults(run=run)


class Totals:
    def __init__(self) -> None:
        self.rows = 0
        self.discarded = 0
        self.by_product: defaultdict[str, Decimal] = defaultdict(Decimal)

    def add_file(self, path: Path) -> None:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                self._add_rows(path.name, handle)
        except UnicodeDecodeError:
            raise AppError(f"{path} no está en UTF-8") from None
        except csv.Error as exc:
            raise AppError(f"{path} no es un CSV válido: {exc}") from None
        except OSError as exc:
            raise AppError(f"no se puede leer {path}: {os_reason(exc)}") from None

    def _add_rows(self, name: str, handle: TextIO) -> None:
        reader = csv.reader(handle)
        header = [column.strip().lower() for column in next(reader, [])]
        if not header:
            return  # an empty file: nothing to add
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            raise AppError(
                f"{name}: faltan las columnas {', '.join(missing)} en la cabecera "
                f"(se espera {','.join(COLUMNS)})",
                archivo=name,
            )
        index = {column: header.index(column) for column in COLUMNS}
        for row in reader:
            if not any(field.strip() for field in row):
                continue  # blank lines are not rows
            values = {column: row[i].strip() if i < len(row) else "" for column, i in index.items()}
            try:
                amount = _amount(values)
            except ValueError as exc:
                self.discarded += 1
                log("fila_descartada", archivo=name, linea=reader.line_num, motivo=str(exc))
                continue
            self.rows += 1
            self.by_product[values["producto"]] += amount

    def summary(self, files: list[str]) -> dict[str, object]:
        return {
            "archivos": files,
            "filas": self.rows,
            "filas_descartadas": self.discarded,
            "total": _money(sum(self.by_product.values(), Decimal(0))),
            "por_producto": {product: _money(amount) for product, amount in sorted(self.by_product.items())},
        }


def _amount(values: dict[str, str]) -> Decimal:
    """The row's importe; ValueError with the (Spanish) reason when the row must be discarded."""
    if not values["producto"]:
        raise ValueError("falta el producto")
    return _number(values, "cantidad") * _number(values, "precio_unitario")


def _number(values: dict[str, str], column: str) -> Decimal:
    try:
        number = Decimal(values[column])
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():  # also rejects "NaN" and "Infinity", which Decimal accepts
        raise ValueError(f"{column} no es un número: {values[column]!r}")
    return number


def _money(amount: Decimal) -> float:
    return float(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def _input_names(source: Path) -> list[str]:
    try:
        # is_file() follows symlinks: ConfigMap keys are symlinks to files, "..data" is a hidden dir.
        names = sorted(
            entry.name
            for entry in os.scandir(source)
            if entry.name.endswith(".csv") and not entry.name.startswith(".") and entry.is_file()
        )
    except OSError as exc:
        raise AppError(f"no se puede leer la carpeta de entrada {source}: {os_reason(exc)}") from None
    if not names:
        raise AppError(f"no hay archivos .csv en la carpeta de entrada {source}")
    return names


def run(args: argparse.Namespace) -> int:
    source: Path = args.input_dir
    inputs = _input_names(source)
    totals = Totals()
    for name in inputs:
        totals.add_file(source / name)
    summary = totals.summary(inputs)
    output = args.output_dir / OUTPUT_NAME
    try:
        args.output_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(output, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except OSError as exc:
        raise AppError(
            f"no se puede escribir en la carpeta de salida {args.output_dir}: {os_reason(exc)}"
        ) from None
    log("resumen", **summary, salida=str(output))
    return 0
