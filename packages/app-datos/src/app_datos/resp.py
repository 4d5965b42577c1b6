"""A minimal Redis client (RESP2 over a socket): one connection per command, with timeouts."""

import socket
from typing import BinaryIO, NamedTuple

from app_datos.errors import os_reason

DEFAULT_PORT = 6379
TIMEOUT_SECONDS = 2.0

Reply = bytes | int | list["Reply"] | None


class RedisAddress(NamedTuple):
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


class RedisError(Exception):
    """Redis could not be reached or refused the command; the message is Spanish."""


def rpush(address: RedisAddress, key: str, value: str) -> int:
    """Append value to the list at key; returns the list's new length."""
    length = _command(address, "RPUSH", key, value)
    if not isinstance(length, int):
        raise RedisError(_unexpected(address))
    return length


def lrange(address: RedisAddress, key: str) -> list[bytes]:
    """The whole list at key (empty if it does not exist)."""
    items = _command(address, "LRANGE", key, "0", "-1")
    if isinstance(items, list):
        values = [item for item in items if isinstance(item, bytes)]
        if len(values) == len(items):
            return values
    raise RedisError(_unexpected(address))


def _command(address: RedisAddress, *args: str) -> Reply:
    """Send one command and return its reply."""
    try:
        with socket.create_connection(address, timeout=TIMEOUT_SECONDS) as sock:
            sock.sendall(_encode(args))
            with sock.makefile("rb") as stream:
                return _read_reply(stream, address)
    except socket.gaierror:
        raise RedisError(f"no se pudo resolver el nombre de Redis «{address.host}»") from None
    except ConnectionRefusedError:
        raise RedisError(f"Redis en {address} rechazó la conexión (¿está arrancado?)") from None
    except TimeoutError:
        raise RedisError(f"Redis en {address} no respondió en {TIMEOUT_SECONDS:g} s") from None
    except OSError as exc:
        raise RedisError(f"error de red hablando con Redis en {address}: {os_reason(exc)}") from None
    except ValueError:
        raise RedisError(_unexpected(address)) from None


def _encode(args: tuple[str, ...]) -> bytes:
    parts = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        data = arg.encode("utf-8")
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def _read_reply(stream: BinaryIO, address: RedisAddress) -> Reply:
    line = stream.readline()
    if not line.endswith(b"\r\n"):
        raise RedisError(f"Redis en {address} cerró la conexión sin responder")
    kind, payload = line[:1], line[1:-2]
    if kind == b"+":
        return payload
    if kind == b"-":
        raise RedisError(_explain_error(payload.decode("utf-8", "replace"), address))
    if kind == b":":
        return int(payload)
    if kind == b"$":
        size = int(payload)
        if size < 0:
            return None
        data = stream.read(size + 2)
        if len(data) != size + 2:
            raise RedisError(f"Redis en {address} cortó una respuesta a medias")
        return data[:-2]
    if kind == b"*":
        count = int(payload)
        return None if count < 0 else [_read_reply(stream, address) for _ in range(count)]
    raise ValueError(f"unknown RESP type {kind!r}")


def _unexpected(address: RedisAddress) -> str:
    return f"respuesta inesperada de {address}; ¿es de verdad un servidor Redis?"


def _explain_error(message: str, address: RedisAddress) -> str:
    if message.startswith("READONLY"):
        return (
            f"Redis en {address} es una réplica de solo lectura: las escrituras deben ir al "
            f"primario (REDIS_HOST). Redis dijo: {message}"
        )
    return f"Redis en {address} devolvió un error: {message}"
