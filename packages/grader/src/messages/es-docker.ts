// Spanish messages of the Docker live tier (exercise 02; later 03 and 04): why a live check was
// skipped, and what failed with the evidence the grader collected. Spread into `es`.
import type { Catalogue } from './types.ts';
import { block, codeText as code, lines, maybe, mb } from './format.ts';

export const esDocker: Catalogue = {
  // Why the live Docker checks are skipped (skip reasons, one line each).
  'docker.unavailable.disabled': {
    what: () => 'las comprobaciones con Docker están desactivadas (`TALLER_DOCKER=0`)',
  },
  'docker.unavailable.missing': {
    what: () =>
      'necesita Docker y no encuentro la orden `docker`: instala Docker Desktop o Docker Engine (docs/instalacion.md) y vuelve a corregir; si ya lo tienes, abre una terminal nueva para que `docker` esté en el PATH (en WSL2, E03)',
  },
  'docker.unavailable.cannotRun': {
    what: (p) => `necesita Docker y no se pudo ejecutar \`docker\`${maybe(p.detail, (s) => `: ${s}`)}`,
  },
  'docker.unavailable.timeout': {
    what: (p) => `necesita Docker y el motor no responde: \`docker info\` no contestó en ${p.seconds ?? 10} s (E01: ¿Docker Desktop aún está arrancando?)`,
  },
  'docker.unavailable.daemon': {
    what: (p) =>
      `necesita Docker y el motor no está en marcha (E01: abre Docker Desktop y espera a que diga *running*, o en Linux \`sudo systemctl start docker\`)${maybe(p.detail, (s) => `; \`docker info\` dice: «${s}»`)}`,
  },
  'docker.unavailable.permission': {
    what: (p) =>
      `necesita Docker y tu usuario no puede usarlo (E02: permiso denegado en docker.sock; \`sudo usermod -aG docker "$USER"\` y vuelve a iniciar sesión)${maybe(p.detail, (s) => `; \`docker info\` dice: «${s}»`)}`,
  },
  'docker.unavailable.windows': {
    what: () => 'necesita Docker con contenedores Linux, y Docker Desktop está en modo contenedores Windows (E03: *Switch to Linux containers*)',
  },
  'docker.skip.staticFailed': {
    what: () => 'el nivel estático tiene fallos: corrígelos primero',
  },
  'docker.skip.notBuilt': {
    what: () => 'la imagen no se construyó: corrige primero «la imagen se construye»',
  },
  'docker.skip.lockTimeout': {
    what: (p) =>
      `otra corrección lleva ${p.minutes ?? '?'} min usando Docker${maybe(p.holder, (s) => ` (${s})`)}; espera a que termine, o borra ${code(p.file ?? 'taller-docker.lock')} si ese proceso ya no existe`,
  },
  'docker.skip.noPython': {
    what: () => 'necesita `python3` (3.10 o posterior) en tu máquina para calcular el resultado esperado con `procesador/etl.py`',
  },
  'docker.skip.referenceFailed': {
    what: (p) =>
      `\`procesador/etl.py\` no funciona en tu máquina con estos datos (código ${p.exitCode ?? '?'}), así que no hay resultado con el que comparar${maybe(p.last, (s) => `: «${s}»`)}`,
  },

  // Failures, with the evidence collected.
  'docker.build.failed': {
    what: (p) =>
      `La imagen no se construye: \`docker build\` terminó con código ${p.exitCode ?? '?'}` +
      (p.step ? ` en el paso ${p.stepNumber ? `${p.stepNumber} ` : ''}(\`${p.step}\`).` : '.') +
      maybe(p.cause, (s) => `\n    Causa probable: ${s}`) +
      block('Últimas líneas de la construcción', p.tail),
    fix: (p) =>
      `Corrige esa instrucción y prueba a mano desde la carpeta del ejercicio: \`docker build -t procesador:1.0 .\`${maybe(p.code, (s) => ` (si el error es del entorno, busca ${s} en docs/solucion-de-problemas.md)`)}.`,
    hint: 'El paso que falla es el último `Step N/M` (o `[n/m]`) del registro; las líneas de debajo son lo que escribió esa instrucción. Un `COPY` falla si el archivo no existe o si `.dockerignore` lo deja fuera del contexto.',
  },
  'docker.build.timeout': {
    what: (p) => `La construcción de la imagen no terminó en ${p.minutes ?? '?'} minutos y se canceló.${block('Últimas líneas de la construcción', p.tail)}`,
    fix: () => 'Mira en qué paso se quedó: una descarga lenta, o un `RUN` que espera una respuesta (usa `apt-get install -y`).',
  },
  'docker.cmd.argv': {
    what: (p) => `La orden por defecto de la imagen (\`ENTRYPOINT\` + \`CMD\`, tal como la guardó Docker) es \`${p.argv ?? '[]'}\`: ${p.reason ?? 'no es la esperada'}. Se espera el equivalente de \`${p.expected ?? ''}\`.`,
    fix: () => 'Revisa las últimas `ENTRYPOINT` y `CMD` del Dockerfile (y las que hereda de la imagen base).',
  },
  'docker.run.timeout': {
    what: (p) => `El contenedor no terminó en ${p.seconds ?? '?'} s y se detuvo.${block('Últimas líneas de su registro', p.tail)}`,
    fix: () => 'La orden por defecto debe procesar los datos y terminar: ¿arranca otro programa, o espera algo por la entrada estándar?',
  },
  'docker.run.failed': {
    what: (p) =>
      `Con \`datos/\` montada en ${code(p.input ?? '/datos')} (solo lectura) y una carpeta nueva en ${code(p.output ?? '/salida')}, el contenedor terminó con código ${p.exitCode ?? '?'} (se espera 0).` +
      maybe(p.cause, (s) => `\n    Causa probable: ${s}`) +
      block('Últimas líneas de su registro', p.tail),
    fix: () => 'Ejecútalo a mano desde la carpeta del ejercicio y mira su salida: `docker build -t procesador:1.0 . && docker run --rm -v "$PWD/datos:/datos:ro" -v "$PWD/salida:/salida" procesador:1.0`.',
  },
  'docker.run.noOutput': {
    what: (p) =>
      `El contenedor terminó bien, pero no escribió ${code(p.file ?? 'resumen.json')} en ${code(p.output ?? '/salida')}${lines(p.found).length ? ` (allí hay: ${lines(p.found).map(code).join(', ')})` : ' (la carpeta quedó vacía)'}.` +
      block('Últimas líneas de su registro', p.tail),
    fix: () => 'La orden por defecto debe llevar `--salida /salida`: es la carpeta que se monta al ejecutar; lo que se escribe en otra ruta se pierde con el contenedor.',
  },
  'docker.run.badJson': {
    what: (p) => `${code(p.file ?? 'resumen.json')} no es JSON válido: ${p.detail ?? ''}`,
  },
  'docker.run.mismatch': {
    what: (p) =>
      `${code(p.file ?? 'resumen.json')} no coincide con lo que da \`procesador/etl.py\` con los mismos datos (números con tolerancia ${p.tolerance ?? 0.005}):` +
      lines(p.differences)
        .map((d) => `\n    - ${d}`)
        .join(''),
    fix: () => 'La imagen debe ejecutar el `procesador/etl.py` del ejercicio sobre los CSV de `/datos`: comprueba qué archivo copias y con qué opciones lo arrancas.',
  },
  'docker.user.unset': {
    what: () => 'La imagen no tiene usuario configurado (`Config.User` está vacío): sus contenedores se ejecutan como root.',
    fix: (p) =>
      p.variable
        ? `\`USER ${p.variable}\` quedó vacío al construir. Un \`ARG\` declarado antes de \`FROM\` solo vale en las líneas \`FROM\`: dentro de la etapa hay que declararlo otra vez (\`ARG ${String(p.name ?? 'UID')}\`) o escribir el uid directamente, \`USER 10001:10001\`.`
        : 'Añade `USER 10001:10001` en la última etapa, antes de `ENTRYPOINT`/`CMD`.',
  },
  'docker.user.notNumeric': {
    what: (p) => `El usuario configurado en la imagen es ${code(p.user ?? '')}, un nombre y no un uid numérico: Kubernetes, con \`runAsNonRoot: true\`, no puede comprobar que no sea root.`,
    fix: () => 'Usa `USER 10001:10001`.',
  },
  'docker.user.root': {
    what: (p) => `El usuario configurado en la imagen es ${code(p.user ?? '0')}: uid 0, root.`,
    fix: () => 'Usa un uid distinto de 0: `USER 10001:10001`.',
  },
  'docker.user.runsAsRoot': {
    what: (p) => `\`${p.via ?? 'id -u'}\` dentro del contenedor da 0: el programa se ejecuta como root.`,
    fix: () => 'Comprueba la última `USER` de la imagen: `docker run --rm --entrypoint id <imagen>` debe mostrar `uid=10001`.',
  },
  'docker.user.unknown': {
    what: (p) => `No se pudo leer el uid dentro del contenedor (\`${p.via ?? 'id -u'}\` terminó con código ${p.exitCode ?? '?'}).${block('Últimas líneas', p.tail)}`,
    fix: () => 'La imagen debe tener `id` o Python; prueba `docker run --rm --entrypoint id <imagen> -u`.',
  },
  'docker.image.tooLarge': {
    what: (p) =>
      `La imagen ocupa ${mb(p.size)}; el límite es ${p.limit ?? '?'} MB.` +
      (lines(p.layers).length ? `\n    Las capas más grandes:${lines(p.layers).map((l) => `\n      │ ${l}`).join('')}` : ''),
    fix: () => 'Parte de una base reducida (`python:3.12-slim`), instala con `pip install --no-cache-dir`, deja los datos fuera (`.dockerignore`) y no copies lo que el programa no necesita.',
    hint: 'Cada instrucción añade una capa: borrar un archivo en un `RUN` posterior no reduce la imagen, porque sigue en la capa que lo creó. Limpia en el mismo `RUN` que lo crea.',
  },
};
