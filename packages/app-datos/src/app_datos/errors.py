"""The one exception type that becomes a Spanish error line and an exit code, and OS errors in Spanish."""

import errno

_OS_REASONS = {
    errno.EACCES: "permiso denegado",
    errno.EPERM: "operación no permitida",
    errno.EROFS: "el sistema de archivos es de solo lectura",
    errno.ENOENT: "no existe",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EEXIST: "ya existe un archivo con ese nombre",
    errno.EISDIR: "es una carpeta",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EADDRINUSE: "la dirección ya está en uso",
}


class AppError(Exception):
    """A failure explained to the user. `fields` are extra keys for the JSON error line."""

    def __init__(self, message: str, exit_code: int = 1, **fields: object) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.fields = fields


def os_reason(exc: OSError) -> str:
    """Spanish for the usual errno values; the system's (English) text otherwise."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
