// Recognises the usual causes in a build or container log, with the E-code of
// docs/solucion-de-problemas.md when the cause is the learner's machine rather than their files.
export interface Cause {
  text: string;
  code?: string;
}

const CAUSES: { re: RegExp; cause: Cause }[] = [
  { re: /no space left on device/i, cause: { code: 'E07', text: 'el disco de Docker está lleno (E07): `docker system df` y `docker system prune`.' } },
  { re: /toomanyrequests|rate limit/i, cause: { code: 'E14', text: 'Docker Hub limita las descargas anónimas (E14): `docker login`, o descarga la imagen base antes.' } },
  { re: /exec format error/i, cause: { code: 'E13', text: 'un programa o imagen de otra arquitectura (E13).' } },
  {
    re: /proxyconnect|TLS handshake timeout|i\/o timeout|no such host|dial tcp/i,
    cause: { code: 'E15', text: 'Docker no pudo descargar la imagen base: sin red o con un proxy mal configurado (E15).' },
  },
  { re: /\\r': command not found|\$'\\r'|bash\\r|\r: not found/i, cause: { code: 'E08', text: 'un script con finales de línea de Windows (CRLF, E08).' } },
  {
    re: /pull access denied|manifest unknown|not found: manifest|repository does not exist/i,
    cause: { text: 'la imagen base no existe con ese nombre y etiqueta: revisa la línea `FROM`.' },
  },
  {
    re: /not found in build context|excluded by \.dockerignore|failed to compute cache key|no such file or directory.*(COPY|ADD)|COPY failed/i,
    cause: { text: 'un `COPY` nombra un archivo que no existe en el contexto, o que `.dockerignore` deja fuera.' },
  },
  {
    re: /externally-managed-environment/i,
    cause: { text: 'pip se niega a instalar en el Python del sistema de esta imagen base (PEP 668): usa `python:3.12-slim`, o un entorno virtual.' },
  },
  { re: /No matching distribution found|Could not find a version that satisfies/i, cause: { text: 'pip no encuentra un paquete de `requirements.txt` con esa versión.' } },
  { re: /ModuleNotFoundError|No module named/i, cause: { text: 'falta un módulo de Python: ¿está en `requirements.txt` y se instala antes de usarlo?' } },
  {
    re: /Permission denied/i,
    cause: { text: 'el usuario de la imagen no puede leer o ejecutar un archivo: deja el código de root y legible para todos (no uses `chmod 600` ni `chmod 700`).' },
  },
  { re: /executable file not found|not found in \$PATH/i, cause: { text: 'la orden nombra un programa que no está en la imagen.' } },
  { re: /Read-only file system/i, cause: { text: 'el programa escribe en una carpeta de solo lectura: la salida debe ir a `/salida`.' } },
  {
    re: /can't open file|No such file or directory|Could not open requirements file/i,
    cause: { text: 'un archivo que se nombra ahí no existe en la imagen: ¿lo copiaste con otro nombre o a otra carpeta (mira `WORKDIR` y el destino de `COPY`)?' },
  },
];

export function likelyCause(log: string): Cause | undefined {
  return CAUSES.find((c) => c.re.test(log))?.cause;
}
