"""serve: the workshop's web application (probes, configuration, data, metrics, guest book)."""

import argparse
import json
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from mimetypes import MimeTypes
from pathlib import Path
from urllib.parse import quote, unquote

from app_datos import cliargs, resp
from app_datos.errors import AppError
from app_datos.files import iter_files
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
from app_datos.jsonlog import log
from app_datos.resp import RedisAddress, RedisError

DEFAULT_CONFIG_DIR = "/etc/app-datos"
VISITS_KEY = "visitas"
MAX_MESSAGE_CHARS = 500
CAPTURES_PREFIX = "/capturas/"
CAPTURE_NAME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\.html")

DESCRIPTION = """\
Servidor HTTP de la aplicación del taller. Escucha en 0.0.0.0 y, antes de aceptar conexiones,
escribe una sola línea {"evento":"escuchando","puerto":8080} con el puerto real. Registra cada
petición como una línea JSON y se detiene limpiamente (código 0) al recibir SIGTERM.

rutas:
  GET  /healthz                        200 mientras el proceso vive
  GET  /readyz                         503 hasta que pasan READY_DELAY segundos; después, 200
  GET  /config                         variables APP_* y archivos de CONFIG_DIR
  GET  /datos                          el archivo más reciente de DATA_DIR
  GET  /capturas/                      índice de DATA_DIR/<Titulo>/<AAAA-MM-DD>.html
  GET  /capturas/<Titulo>/<fecha>.html una captura
  GET  /metrics                        métricas en formato de texto de Prometheus
  GET  /visitas                        mensajes del libro de visitas (Redis)
  POST /visitas                        añade {"mensaje": "..."}

variables de entorno:
  PORT                puerto de escucha (por defecto 8080)
  READY_DELAY         segundos hasta estar preparado (por defecto 0)
  CONFIG_DIR          carpeta de configuración (por defecto /etc/app-datos)
  DATA_DIR            carpeta de datos de /datos y /capturas/
  REDIS_HOST          Redis donde se escriben las visitas; REDIS_PORT (por defecto 6379)
  REDIS_HOST_LECTURA  Redis de donde se leen (por defecto, REDIS_HOST)
  LOG_FILE            copia también aquí las líneas de registro"""


def register(subcommands: cliargs.Subcommands) -> None:
    parser = subcommands.add_parser("serve", help="servidor HTTP de la aplicación", description=DESCRIPTION)
    add_port_argument(parser)
    parser.set_defaults(run=run)


@dataclass
class Context:
    ready_delay: float
    app_env: dict[str, str]
    config_dir: Path
    data_dir: Path | None
    redis_write: RedisAddress | None
    redis_read: RedisAddress | None
    started: float = field(default_factory=time.monotonic)
    started_wall: float = field(default_factory=time.time)
    requests: Counter[tuple[str, int]] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run(args: argparse.Namespace) -> int:
    return run_server(ServeHandler, args.port, context_from_env(os.environ))


def context_from_env(env: Mapping[str, str]) -> Context:
    delay_text = env.get("READY_DELAY", "0")
    try:
        ready_delay = float(delay_text)
    except ValueError:
        ready_delay = -1.0
    if not 0 <= ready_delay < float("inf"):
        raise AppError(f"READY_DELAY={delay_text!r} no es un número de segundos mayor o igual que 0")
    data_dir = env.get("DATA_DIR")
    # Kubernetes injects REDIS_PORT=tcp://10.0.0.1:6379 for a Service called "redis": ignore it.
    redis_port = env.get("REDIS_PORT", "")
    valid_port = re.fullmatch(r"[0-9]{1,5}", redis_port) and 0 < int(redis_port) < 65536
    port = int(redis_port) if valid_port else resp.DEFAULT_PORT
    write_host = env.get("REDIS_HOST")
    read_host = env.get("REDIS_HOST_LECTURA") or write_host
    return Context(
        ready_delay=ready_delay,
        app_env={name: value for name, value in sorted(env.items()) if name.startswith("APP_")},
        config_dir=Path(env.get("CONFIG_DIR") or DEFAULT_CONFIG_DIR),
        data_dir=Path(data_dir) if data_dir else None,
        redis_write=RedisAddress(write_host, port) if write_host else None,
        redis_read=RedisAddress(read_host, port) if read_host else None,
    )


class ServeHandler(Handler):
    def respond(self, method: str, path: str) -> Response:
        methods = ROUTES.get(path) or (CAPTURE_FILE if path.startswith(CAPTURES_PREFIX) else None)
        if methods is None:
            return not_found(path)
        endpoint = methods.get(method)
        if endpoint is None:
            return method_not_allowed(method, list(methods))
        return endpoint(self.context, self)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        super().log_request(code, size)
        ctx: Context = self.context
        with ctx.lock:
            ctx.requests[(_route_label(self.route), int(code))] += 1


Endpoint = Callable[[Context, ServeHandler], Response]


def healthz(_ctx: Context, _request: ServeHandler) -> Response:
    return json_response(200, {"estado": "ok"})


def readyz(ctx: Context, _request: ServeHandler) -> Response:
    remaining = ctx.ready_delay - (time.monotonic() - ctx.started)
    if remaining > 0:
        return json_response(503, {"estado": "arrancando", "faltan_segundos": round(remaining, 1)})
    return json_response(200, {"estado": "listo"})


def configuration(ctx: Context, _request: ServeHandler) -> Response:
    files = {}
    # Read on every request: a mounted ConfigMap changes without restarting the Pod.
    for path in iter_files(ctx.config_dir):
        try:
            files[path.relative_to(ctx.config_dir).as_posix()] = path.read_text("utf-8", errors="replace")
        except OSError:
            continue  # swapped while we walked (ConfigMap update); the next request sees it
    return json_response(200, {"entorno": ctx.app_env, "archivos": files})


def newest_data(ctx: Context, _request: ServeHandler) -> Response:
    if ctx.data_dir is None:
        return error_response(404, "no hay datos: la variable DATA_DIR no está definida")
    candidates = []
    for path in iter_files(ctx.data_dir):
        try:
            candidates.append((path.stat().st_mtime, path))
        except OSError:
            continue  # removed while we walked
    if not candidates:
        return error_response(404, f"no hay ningún archivo en DATA_DIR ({ctx.data_dir})")
    _mtime, path = max(candidates)
    body = path.read_bytes()
    relative = path.relative_to(ctx.data_dir).as_posix()
    return Response(200, body, _content_type(path, body), {"X-Archivo": quote(relative)})


def captures_index(ctx: Context, _request: ServeHandler) -> Response:
    if ctx.data_dir is None:
        return error_response(404, "no hay capturas: la variable DATA_DIR no está definida")
    captures = []
    for path in iter_files(ctx.data_dir):
        parts = path.relative_to(ctx.data_dir).parts
        if len(parts) == 2 and CAPTURE_NAME.fullmatch(parts[1]):
            title, name = parts
            captures.append(
                {
                    "titulo": title,
                    "fecha": name.removesuffix(".html"),
                    "ruta": f"{CAPTURES_PREFIX}{quote(title, safe='')}/{name}",
                }
            )
    return json_response(200, {"capturas": captures})


def capture_file(ctx: Context, request: ServeHandler) -> Response:
    segments = [unquote(segment) for segment in request.route.removeprefix(CAPTURES_PREFIX).split("/")]
    # "..", hidden names, empty segments (absolute paths) and encoded slashes never reach the disk.
    if any(not s or s.startswith(".") or "/" in s or "\0" in s for s in segments):
        return error_response(400, "ruta de captura no válida")
    if ctx.data_dir is None:
        return error_response(404, "no hay capturas: la variable DATA_DIR no está definida")
    missing = error_response(404, f"no existe la captura {'/'.join(segments)}")
    if len(segments) != 2 or not CAPTURE_NAME.fullmatch(segments[1]):
        return missing
    root = ctx.data_dir.resolve()
    target = root.joinpath(*segments).resolve()
    # A symlink inside DATA_DIR must not lead outside it either.
    if not target.is_relative_to(root) or not target.is_file():
        return missing
    return Response(200, target.read_bytes(), "text/html; charset=utf-8")


def metrics(ctx: Context, _request: ServeHandler) -> Response:
    with ctx.lock:
        counts = sorted(ctx.requests.items())
    lines = [
        "# HELP app_datos_peticiones_total Peticiones HTTP atendidas, por ruta y código de respuesta.",
        "# TYPE app_datos_peticiones_total counter",
        *(
            f'app_datos_peticiones_total{{ruta="{route}",codigo="{code}"}} {count}'
            for (route, code), count in counts
        ),
        "# HELP app_datos_arranque_timestamp_seconds Momento de arranque del proceso, en segundos Unix.",
        "# TYPE app_datos_arranque_timestamp_seconds gauge",
        f"app_datos_arranque_timestamp_seconds {ctx.started_wall:.3f}",
    ]
    return Response(
        200, ("\n".join(lines) + "\n").encode("utf-8"), "text/plain; version=0.0.4; charset=utf-8"
    )


def visits_list(ctx: Context, _request: ServeHandler) -> Response:
    if ctx.redis_read is None:
        return _missing_redis()
    try:
        items = resp.lrange(ctx.redis_read, VISITS_KEY)
    except RedisError as exc:
        return _redis_failure(exc)
    return json_response(200, [item.decode("utf-8", "replace") for item in items])


def visits_add(ctx: Context, request: ServeHandler) -> Response:
    if ctx.redis_write is None:
        return _missing_redis()
    body = request.read_body()
    if isinstance(body, Response):
        return body
    message = _parse_message(body)
    if isinstance(message, Response):
        return message
    try:
        total = resp.rpush(ctx.redis_write, VISITS_KEY, message)
    except RedisError as exc:
        return _redis_failure(exc)
    return json_response(201, {"mensaje": message, "total": total})


def _parse_message(body: bytes) -> str | Response:
    try:
        payload = json.loads(body)
    except ValueError:
        return error_response(400, 'el cuerpo debe ser JSON, por ejemplo {"mensaje": "hola"}')
    message = payload.get("mensaje") if isinstance(payload, dict) else None
    if not isinstance(message, str) or not message.strip():
        return error_response(400, 'falta "mensaje": un texto no vacío')
    if len(message) > MAX_MESSAGE_CHARS:
        return error_response(400, f'"mensaje" supera los {MAX_MESSAGE_CHARS} caracteres')
    return message.strip()


def _missing_redis() -> Response:
    return error_response(503, "el libro de visitas necesita Redis: falta la variable REDIS_HOST")


def _redis_failure(exc: RedisError) -> Response:
    log("error", error=str(exc))
    return error_response(503, str(exc))


ROUTES: dict[str, dict[str, Endpoint]] = {
    "/healthz": {"GET": healthz},
    "/readyz": {"GET": readyz},
    "/config": {"GET": configuration},
    "/datos": {"GET": newest_data},
    "/capturas": {"GET": captures_index},
    CAPTURES_PREFIX: {"GET": captures_index},
    "/metrics": {"GET": metrics},
    "/visitas": {"GET": visits_list, "POST": visits_add},
}
CAPTURE_FILE: dict[str, Endpoint] = {"GET": capture_file}


def _route_label(path: str) -> str:
    # Raw paths as labels would let any scanner create unbounded metric series.
    if path == "/capturas":
        return CAPTURES_PREFIX
    if path in ROUTES:
        return path
    return CAPTURES_PREFIX + "*" if path.startswith(CAPTURES_PREFIX) else "otra"


_MIME = MimeTypes()  # its built-in table, so the answer doesn't depend on the host's mime.types


def _content_type(path: Path, body: bytes) -> str:
    guessed, _encoding = _MIME.guess_type(path.name)
    if guessed is None:
        # Unknown extensions (.log, .jsonl...) are usually text; say so when it decodes.
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
        guessed = "text/plain"
    return (
        f"{guessed}; charset=utf-8"
        if guessed.startswith("text/") or guessed == "application/json"
        else guessed
    )
