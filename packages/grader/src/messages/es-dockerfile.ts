// Spanish messages for Dockerfiles and .dockerignore (exercise 02). Spread into `es`.
import type { Catalogue } from './types.ts';
import { codeText as code } from './format.ts';

export const esDockerfile: Catalogue = {
  // Reading
  'dockerfile.missing': {
    what: (p) => `No existe ${code(p.file)} en la carpeta que se corrige.`,
    fix: (p) => `Crea ${code(p.file)} (sin extensión, con D mayúscula) junto a \`procesador/\` y \`datos/\`.`,
  },
  'dockerfile.empty': {
    what: () => 'El Dockerfile está vacío o solo tiene comentarios: no tiene ninguna instrucción.',
    fix: () => 'Empieza por `FROM` con la imagen base y añade las instrucciones del ejercicio.',
  },
  'textfile.tooLarge': {
    what: (p) => `El archivo ocupa ${((p.size as number) / 1048576).toFixed(1)} MB; el corrector no lee archivos de más de ${((p.max as number) / 1048576).toFixed(0)} MB.`,
    fix: () => 'Un Dockerfile o un `.dockerignore` ocupa unos pocos KB: revisa que no hayas guardado ahí otra cosa.',
  },
  'textfile.binary': {
    what: () => 'El archivo no es de texto (contiene bytes nulos).',
    fix: () => 'Guárdalo como texto UTF-8; Docker no puede leerlo tal como está.',
  },
  'textfile.notUtf8': {
    what: () => 'El archivo no está en UTF-8.',
    fix: () => 'Guárdalo con la codificación UTF-8 (tu editor lo permite en «Guardar como»).',
  },
  'dockerfile.noFrom': {
    what: () => 'El Dockerfile no tiene ninguna instrucción `FROM`.',
    fix: () => 'La primera instrucción (tras los `ARG` globales, si los hay) es `FROM <imagen>:<etiqueta>`.',
  },
  'dockerfile.beforeFrom': {
    what: (p) => `\`${p.keyword}\` aparece antes del primer \`FROM\`; \`docker build\` se detiene ahí.`,
    fix: () => 'Antes de `FROM` solo puede ir `ARG`. Mueve esta instrucción después de `FROM`.',
  },
  'dockerfile.unknownInstruction': {
    what: (p) => `\`${p.keyword}\` no es una instrucción de Dockerfile${p.suggestion ? `. ¿Quisiste decir \`${p.suggestion}\`?` : '.'}`,
    fix: () => 'Corrige la palabra clave: `docker build` falla con «unknown instruction».',
    hint: 'Si es la continuación de la línea anterior, a esa le falta la `\\` final.',
  },
  // Base image
  'dockerfile.base.latest': {
    what: (p) => `La imagen base ${code(p.image)} usa la etiqueta \`latest\`, que cambia sin avisar.`,
    fix: () => 'Fija una versión concreta, por ejemplo `FROM python:3.12-slim`.',
    hint: 'Con `latest`, el mismo Dockerfile da imágenes distintas según el día; con una etiqueta fija (o un digest `@sha256:…`) la construcción es reproducible.',
  },
  'dockerfile.base.floating': {
    what: (p) =>
      p.python && p.major
        ? `La etiqueta \`${p.tag}\` de ${code(p.image)} solo fija la versión mayor (${p.major}): pasa de Python 3.12 a 3.13 sin avisar.`
        : `La etiqueta \`${p.tag}\` de ${code(p.image)} no nombra ninguna versión: apunta a otra imagen cada vez que sale una nueva.`,
    fix: () => 'Fija la versión en la etiqueta, con mayor y menor: `FROM python:3.12-slim` (o añade el digest `@sha256:…`).',
    hint: 'Una etiqueta sin versión cambia sin avisar, igual que `latest`: el mismo Dockerfile da imágenes distintas según el día.',
  },
  'dockerfile.base.untagged': {
    what: (p) => `La imagen base ${code(p.image)} no lleva etiqueta: Docker usa \`latest\`, que cambia sin avisar.`,
    fix: (p) => `Añade una versión concreta: \`FROM ${p.image}:3.12-slim\` (o un digest \`@sha256:…\`).`,
    hint: 'Sin etiqueta, el mismo Dockerfile da imágenes distintas según el día.',
  },
  'dockerfile.base.unresolved': {
    what: (p) => `La imagen base ${code(p.image)} depende de ${code(p.variables)}, que no tiene valor por defecto.`,
    fix: () => 'Da un valor por defecto al `ARG` antes de `FROM` (`ARG PYTHON_VERSION=3.12`) o escribe la etiqueta directamente.',
  },
  'dockerfile.base.notSlim': {
    what: (p) => `La imagen base ${code(p.image)} no es una imagen reducida${p.digestOnly ? ' (o no se sabe: solo lleva digest)' : ''}.`,
    fix: (p) => `Usa una variante pequeña: \`${p.name}:3.12-slim\`, \`-alpine\` o una imagen *distroless*.`,
    hint: 'Cuentan como reducidas las etiquetas con `slim`, `alpine`, `minimal` o `micro`, y las imágenes `alpine`, `busybox`, *distroless* (`gcr.io/distroless/…`) y Chainguard (`cgr.dev/…`). `python:3.12` pesa unos 1000 MB; `python:3.12-slim`, unos 130 MB. Con digest, escribe también la etiqueta: `python:3.12-slim@sha256:…`.',
  },
  // Layout
  'dockerfile.workdir.missing': {
    what: () => 'La imagen no define `WORKDIR`: los archivos y la orden acaban en `/`, mezclados con el sistema.',
    fix: () => 'Añade `WORKDIR /app` (u otra carpeta absoluta) después de `FROM` y antes de los `COPY`.',
    hint: '`WORKDIR` crea la carpeta si no existe y hace que las rutas relativas de `COPY`, `RUN` y `CMD` partan de ella.',
  },
  'dockerfile.deps.afterCode': {
    what: (p) => `Este \`COPY ${p.copy}\` copia el código antes de instalar las dependencias (línea ${p.installLine}): cada cambio en el código invalida la caché y repite la instalación.`,
    fix: () => 'Copia primero solo `requirements.txt`, instala con `RUN pip install --no-cache-dir -r requirements.txt` y copia el código después.',
    hint: 'Docker reutiliza una capa mientras no cambie nada de lo que la produjo; si el `COPY` del código va antes, cualquier cambio en `etl.py` rehace todas las capas siguientes.',
  },
  'dockerfile.deps.notInstalled': {
    what: (p) => `${code(p.manifest)} declara dependencias, pero el Dockerfile no las instala.`,
    fix: () => 'Copia `requirements.txt` y añade `RUN pip install --no-cache-dir -r requirements.txt` antes de copiar el código.',
  },
  // User
  'dockerfile.user.missing': {
    what: () => 'La imagen no cambia de usuario (`USER`): el programa se ejecuta como root.',
    fix: () => 'Añade `USER 10001:10001` antes de `ENTRYPOINT`/`CMD`.',
    hint: 'Un uid numérico no necesita existir en `/etc/passwd`. Si el programa escribe en una carpeta de la imagen, dásela antes con `chown 10001:10001`.',
  },
  'dockerfile.user.root': {
    what: (p) => `\`USER ${p.user}\` es root (uid 0).`,
    fix: () => 'Usa un uid numérico distinto de 0, por ejemplo `USER 10001:10001`.',
    hint: 'Si alguien escapa del contenedor, un proceso root tiene mucho más alcance; Kubernetes con `runAsNonRoot: true` no arrancaría este contenedor.',
  },
  'dockerfile.user.name': {
    what: (p) => `\`USER ${p.user}\` da un nombre (${code(p.name)}), no un uid numérico.`,
    fix: (p) => `Usa el número: \`USER 10001:10001\` (si creaste \`${p.name}\` con \`useradd\`, dale ese uid con \`-u 10001\`).`,
    hint: 'Kubernetes, con `runAsNonRoot: true`, no puede comprobar que un nombre no sea root (tendría que leer el `/etc/passwd` de la imagen) y se niega a arrancar el contenedor; con un número sí puede.',
  },
  'dockerfile.user.unresolved': {
    what: (p) => `\`USER ${p.user}\` depende de ${code(p.variables)}, que no tiene valor por defecto.`,
    fix: () => 'Escribe el uid directamente (`USER 10001:10001`) o da un valor por defecto al `ARG`.',
  },
  // Command
  'dockerfile.cmd.missing': {
    what: (p) => `La imagen no tiene orden por defecto (ni \`ENTRYPOINT\` ni \`CMD\`); se espera \`${p.expected}\`.`,
    fix: () => 'Añade, por ejemplo, `ENTRYPOINT ["python", "etl.py"]` y `CMD ["--entrada", "/datos", "--salida", "/salida"]`.',
  },
  'dockerfile.cmd.shellForm': {
    what: (p) => `\`${p.keyword} ${p.text}\` está en forma *shell*: Docker la ejecuta como \`/bin/sh -c "…"\`.`,
    fix: (p) => `Escríbela en forma *exec* (una lista JSON): \`${p.keyword} ${p.suggestion}\`.`,
    hint: 'En forma shell el proceso 1 es `sh`, que no reenvía `SIGTERM` al programa (`docker stop` espera 10 s y lo mata), y con `ENTRYPOINT` en forma shell se ignoran `CMD` y los argumentos de `docker run`.',
  },
  'dockerfile.cmd.badJson': {
    what: (p) => `\`${p.keyword} ${p.text}\` parece una lista, pero no es JSON válido: Docker la ejecuta en forma *shell*.`,
    fix: (p) => `Usa comillas dobles y comas, como en JSON: \`${p.keyword} ${p.suggestion}\`.`,
    hint: 'Las comillas simples no valen en JSON: `["python", "etl.py"]`, no `[\'python\', \'etl.py\']`.',
  },
  'dockerfile.cmd.argv': {
    what: (p) => `La orden por defecto (\`ENTRYPOINT\` + \`CMD\`) es \`${p.argv}\`: ${p.reason}. Se espera el equivalente de \`${p.expected}\`.`,
    fix: () => 'Por ejemplo `ENTRYPOINT ["python", "etl.py"]` y `CMD ["--entrada", "/datos", "--salida", "/salida"]` (o todo en `CMD`).',
    hint: 'Vale `python`, `python3` o `python3.12` con la ruta de `etl.py` (o `python -m etl`, o `etl.py` si es ejecutable), y las opciones en cualquier orden, como `--opcion valor` o `--opcion=valor`. Con `ENTRYPOINT`, `CMD` solo aporta los argumentos que `docker run imagen …` puede sustituir.',
  },
  'dockerfile.cmd.notCopied': {
    what: (p) => {
      const copied = p.copied ? `el Dockerfile copia \`${p.source}\` a \`${p.copied}\`` : `el Dockerfile no copia \`${p.source}\` a la imagen`;
      if (p.module) return `\`python -m ${p.program}\` busca \`${p.program}.py\` en la carpeta de trabajo (\`WORKDIR ${p.workdir}\`), pero ${copied}.`;
      return `La orden ejecuta \`${p.runs}\`${p.relative ? ` (su ruta parte de \`WORKDIR ${p.workdir}\`)` : ''}, pero ${copied}.`;
    },
    fix: (p) => `Haz que coincidan: \`WORKDIR\` con la carpeta donde copias \`${p.program}.py\` (\`WORKDIR /app\` y \`COPY ${p.source} .\`) y la orden con esa ruta, absoluta o relativa a \`WORKDIR\`: \`ENTRYPOINT ["python", "/app/${p.program}.py"]\`.`,
    hint: 'Las rutas relativas de `COPY` y de la orden parten de `WORKDIR`; `python -m` busca el módulo en la carpeta de trabajo.',
  },
  // ADD and secrets
  'dockerfile.add.remote': {
    what: (p) => `\`ADD\` descarga ${code(p.url)} al construir: no se puede verificar ni se aprovecha bien la caché.`,
    fix: () => 'Copia archivos locales con `COPY`; si necesitas descargar algo, hazlo en un `RUN` con `curl -fsSL` y comprueba su suma (`sha256sum -c`).',
    hint: '`COPY` solo copia del contexto de construcción y no hace nada más; `ADD` además descarga URL y descomprime archivos, lo que sorprende.',
  },
  'dockerfile.secret': {
    what: (p) => `\`${p.keyword} ${p.name}\` parece un secreto y tiene valor: quedaría guardado en la imagen (\`docker history\` y \`docker inspect\` lo muestran).`,
    fix: () => 'Quita el valor del Dockerfile: pásalo al ejecutar (`docker run -e`, un Secret de Kubernetes) o, si hace falta al construir, con `RUN --mount=type=secret`.',
    hint: 'Cuentan como secretos los nombres con PASSWORD, SECRET, TOKEN, CLAVE, CREDENTIAL, APIKEY, o KEY/PASS/PWD/AUTH como palabra (`API_KEY`, `DB_PASS`).',
  },
  // .dockerignore
  'dockerignore.missing': {
    what: (p) => `No existe ${code(p.file)}: Docker envía toda la carpeta (\`.git\`, los datos, las cachés…) al construir.`,
    fix: () => 'Crea `.dockerignore` junto al Dockerfile, con un patrón por línea (`.git`, `datos/`, `**/__pycache__`).',
  },
  'dockerignore.notExcluded': {
    what: (p) => `\`.dockerignore\` no deja fuera ${code(p.path)} del contexto de construcción.`,
    fix: (p) =>
      p.rootOnly
        ? `\`${p.name}\` solo coincide en la raíz del contexto; para cualquier carpeta escribe \`**/${p.name}\`.`
        : `Añade una línea que lo excluya, por ejemplo \`${p.suggestion}\`.`,
    hint: 'Los patrones se comparan con rutas relativas a la carpeta del Dockerfile; `**` equivale a cualquier número de carpetas y `!` reincluye. Lo que no excluyes viaja a Docker en cada construcción y un `COPY . .` lo mete en la imagen.',
  },
};
