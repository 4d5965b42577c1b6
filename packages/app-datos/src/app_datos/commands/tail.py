"""tail: follows a file by name, like `tail -F`, surviving truncation and rotation."""

import argparse
import os
import sys
from pathlib import Path
from typing import BinaryIO

from app_datos import cliargs
from app_datos.errors import AppError, os_reason
from app_datos.lifecycle import stop_event

POLL_SECONDS = 0.2

DESCRIPTION = """\
Espera a que exista ARCHIVO y escribe en la salida estándar cada línea que se le añada, desde el
principio. Lo sigue por su nombre: si lo vacían (truncado) vuelve a leer desde el inicio y si lo
sustituyen por otro (rotación) termina de leer el antiguo y pasa al nuevo. Pensado para un
contenedor auxiliar (sidecar) que muestra el LOG_FILE de otro. Termina con código 0 al recibir
SIGTERM."""


def register(subcommands: cliargs.Subcommands) -> None:
    parser = subcommands.add_parser(
        "tail", help="sigue un archivo aunque lo trunquen o roten", description=DESCRIPTION
    )
    parser.add_argument("path", type=Path, metavar="ARCHIVO", help="archivo que seguir")
    parser.set_defaults(run=run)


class Follower:
    def __init__(self, path: Path, out: BinaryIO) -> None:
        self.path = path
        self.out = out
        self.handle: BinaryIO | None = None
        self.identity: tuple[int, int] | None = None
        self.partial = b""

    def poll(self) -> None:
        if self.handle is not None:
            self._follow_name(self.handle)
        if self.handle is None:
            self.handle = self._open()
        if self.handle is not None:
            self._drain(self.handle)

    def close(self) -> None:
        self._emit_partial()
        if self.handle is not None:
            self.handle.close()

    def _open(self) -> BinaryIO | None:
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            return None  # not there yet: keep waiting
        except OSError as exc:
            raise AppError(f"no se puede leer {self.path}: {os_reason(exc)}") from None
        info = os.fstat(handle.fileno())
        self.identity = (info.st_dev, info.st_ino)
        return handle

    def _follow_name(self, handle: BinaryIO) -> None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return  # rotated away and not recreated yet: keep reading the old file
        if (info.st_dev, info.st_ino) != self.identity:
            # Rotation: what was appended to the old file before the rename still counts.
            self._drain(handle)
            self._emit_partial()
            handle.close()
            self.handle = None
        elif info.st_size < handle.tell():
            # Truncation (or a new file that reused the inode): start again from the top.
            self._emit_partial()
            handle.seek(0)

    def _drain(self, handle: BinaryIO) -> None:
        data = handle.read()
        if not data:
            return
        *lines, self.partial = (self.partial + data).split(b"\n")
        for line in lines:
            self.out.write(line + b"\n")
            self.out.flush()

    def _emit_partial(self) -> None:
        # A last line without "\n" must not be glued to the first line of the next file.
        if self.partial:
            self.out.write(self.partial + b"\n")
            self.out.flush()
            self.partial = b""


def run(args: argparse.Namespace) -> int:
    stop = stop_event()
    follower = Follower(args.path, sys.stdout.buffer)
    try:
        while True:
            follower.poll()
            if stop.wait(POLL_SECONDS):
                return 0
    finally:
        follower.close()
