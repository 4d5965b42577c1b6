// Messages of exercise 11 (probes, log file and sidecar, Prometheus annotations, restarts).
import type { Catalogue } from './types.ts';
import { code, esEvidence as evidence } from './format.ts';

const PROBE_NAMES: Record<string, string> = {
  livenessProbe: 'sonda de vida',
  readinessProbe: 'sonda de preparación',
  startupProbe: 'sonda de arranque',
};
const PROBE_ROLES: Record<string, string> = {
  livenessProbe: 'Si falla varias veces seguidas, Kubernetes reinicia el contenedor: sirve para salir de un proceso colgado.',
  readinessProbe: 'Mientras falla, el Pod no recibe tráfico de los Services, pero no se reinicia.',
  startupProbe: 'Hasta que pasa, las otras dos sondas esperan: un arranque lento no se confunde con un proceso colgado.',
};
// A path written with `$(VAR)`: the expanded path, and how it was written.
const shownPath = (p: Record<string, unknown>) =>
  typeof p.written === 'string' && p.written !== p.file ? `${code(p.written)}, que se expande a ${code(p.file)}` : code(p.file);
const probeName = (p: unknown) => `${PROBE_NAMES[String(p)] ?? String(p)} (\`${String(p)}\`)`;

interface InVolume {
  volume: string;
  inside: string;
}
const place = (v: unknown) => {
  const { volume, inside } = (v ?? {}) as Partial<InVolume>;
  return `\`${String(inside)}\` del volumen \`${String(volume)}\``;
};

export const esObservability: Catalogue = {
  'observability.probeMissing': {
    what: (p) => `El contenedor ${code(p.container)} no tiene ${probeName(p.probe)}. ${PROBE_ROLES[String(p.probe)] ?? ''}`,
    fix: (p) => `Añade \`${p.probe}\` con \`httpGet\` a ${code(p.path)} en el puerto \`http\`.`,
  },
  'observability.probeHandler': {
    what: (p) =>
      p.handler === 'HTTPS'
        ? `La ${probeName(p.probe)} usa \`scheme: HTTPS\`, pero el servidor del taller habla HTTP sin cifrar: la sonda fallaría siempre.`
        : p.handler === 'nada'
          ? `La ${probeName(p.probe)} no dice cómo comprobar nada (le falta \`httpGet\`).`
          : `La ${probeName(p.probe)} usa \`${p.handler}\`; se espera \`httpGet\` a ${code(p.path)}.` +
            (p.handler === 'exec' ? ' La imagen del taller no trae `curl` ni `wget`, y una petición HTTP de verdad dice más que un proceso que arranca.' : ''),
    fix: (p) => `Usa \`httpGet\` con \`path: ${p.path}\` y \`port: http\`${p.handler === 'HTTPS' ? ', sin `scheme` (HTTP es el valor por defecto)' : ''}.`,
  },
  'observability.probePath': {
    what: (p) =>
      `La ${probeName(p.probe)} pide ${code(p.actual)}; se espera ${((p.paths as string[] | undefined) ?? []).map(code).join(' o ')}.` +
      (p.actual === '/readyz' && p.probe === 'livenessProbe'
        ? ' Si la de vida mirara `/readyz`, un Pod que aún no está preparado se reiniciaría en vez de solo dejar de recibir tráfico.'
        : ''),
    fix: () => 'La de vida pregunta «¿sigue vivo el proceso?» (`/healthz`); la de preparación, «¿puede atender ya?» (`/readyz`).',
    hint: 'Una ruta que el servidor no conoce responde 404: la sonda fallaría siempre.',
  },
  'observability.probePort': {
    what: (p) =>
      p.quoted
        ? `La ${probeName(p.probe)} usa el puerto ${code(p.port)} entre comillas: Kubernetes lo leería como el nombre de un puerto, y ese nombre no existe.`
        : p.unknownName
          ? `La ${probeName(p.probe)} usa el puerto ${code(p.port)}, pero el contenedor no declara ningún puerto con ese nombre (declara: ${p.ports}).`
          : `La ${probeName(p.probe)} llama al puerto ${code(p.port)}${typeof p.port === 'string' ? ` (${String(p.resolved)})` : ''}, pero \`serve\` escucha en el ${p.listen}: la sonda fallaría siempre.`,
    fix: (p) => `Usa el nombre del puerto del contenedor que recibe el ${p.listen} (\`port: http\`) o el número sin comillas (\`port: ${p.listen}\`).`,
  },
  'observability.sidecarMissing': {
    what: (p) => `El ${p.kind} ${code(p.name)} no tiene un contenedor llamado ${code(p.container)}.${p.found ? ` Contenedores: ${p.found}.` : ''}`,
    fix: (p) => `Añade en \`initContainers\` de la plantilla un contenedor \`name: ${p.container}\` con \`restartPolicy: Always\` que ejecute \`tail\`.`,
  },
  'observability.sidecarRegular': {
    what: (p) =>
      `${code(p.name)} está en \`containers\`: es un contenedor más, no un sidecar nativo. Funciona, pero Kubernetes no garantiza que arranque antes que la aplicación (perderías las primeras líneas) ni que se pare después (perderías las últimas), y en un Job impediría que el Pod terminara.`,
    fix: () => 'Muévelo a `spec.template.spec.initContainers` y añádele `restartPolicy: Always`.',
    hint: 'Los sidecars nativos son estables desde Kubernetes 1.33: un initContainer con `restartPolicy: Always`.',
  },
  'observability.sidecarNotRestartable': {
    what: (p) =>
      p.policy === undefined
        ? `${code(p.name)} está en \`initContainers\` sin \`restartPolicy: Always\`: es un contenedor de inicialización normal. Kubernetes espera a que termine antes de arrancar la aplicación, y \`tail\` no termina nunca: el Pod se quedaría en \`Init:0/1\` para siempre.`
        : `${code(p.name)} tiene \`restartPolicy: ${String(p.policy)}\`; en un contenedor, Kubernetes 1.34 solo admite \`Always\` y descarta sin avisar cualquier otro valor: quedaría un initContainer normal, y como \`tail\` no termina nunca, el Pod se quedaría en \`Init:0/1\`.`,
    fix: () => 'Pon `restartPolicy: Always` en ese contenedor (en el contenedor, no en el Pod): así es un sidecar que vive junto a la aplicación.',
  },
  'observability.logFileMissing': {
    what: (p) => `El contenedor ${code(p.container)} no define \`LOG_FILE\`: la aplicación solo escribe su registro en la salida estándar y el sidecar no tendría nada que leer.`,
    fix: () => 'Añade en `env` la variable `LOG_FILE` con la ruta de un archivo dentro del volumen compartido, por ejemplo `/var/log/app/app.log`.',
  },
  'observability.logFileNotLiteral': {
    what: (p) =>
      p.written === undefined
        ? '`LOG_FILE` toma su valor de otro objeto (`valueFrom`), y el corrector no puede saber qué ruta será.'
        : `\`LOG_FILE\` vale ${code(p.written)}, y usa una variable cuyo valor sale de otro objeto (\`valueFrom\` o \`envFrom\`): el corrector no puede saber qué ruta será.`,
    fix: () => 'Escribe la ruta en `value`, directamente o con `$(VARIABLE)` de variables con `value` definidas antes en el mismo `env`.',
  },
  'observability.logFileNotAbsolute': {
    what: (p) =>
      `\`LOG_FILE\` vale ${shownPath(p)}; se espera la ruta absoluta de un archivo (empieza por \`/\` y no acaba en \`/\`).` +
      (/\$\(/.test(String(p.file)) ? ' Una referencia `$(VARIABLE)` solo se expande si esa variable está definida antes, en la misma lista `env` del contenedor; si no, queda tal cual.' : ''),
    fix: () => 'Por ejemplo `/var/log/app/app.log`, dentro de donde montas el `emptyDir`.',
  },
  'observability.logFileNotMounted': {
    what: (p) =>
      p.isMountPath
        ? `\`LOG_FILE\` (${shownPath(p)}) es la carpeta donde montas el volumen, no un archivo dentro de ella.`
        : `\`LOG_FILE\` (${shownPath(p)}) no está dentro de ningún volumen montado en el contenedor${p.mounts ? ` (montajes: ${p.mounts})` : ''}: el archivo quedaría en el sistema de archivos propio del contenedor, que el sidecar no ve.`,
    fix: () => 'Monta el `emptyDir` (`volumeMounts`) en una carpeta y pon `LOG_FILE` a un archivo dentro de ella, por ejemplo `/var/log/app/app.log`.',
  },
  'observability.volumeNotEmptyDir': {
    what: (p) => `El volumen ${code(p.volume)} donde se escribe \`LOG_FILE\` es de tipo ${code(p.type)}; se espera un \`emptyDir\`.`,
    fix: () => 'Usa `emptyDir: {}`: un directorio que nace vacío con el Pod y que comparten todos sus contenedores.',
    hint: 'Un `hostPath` escribiría en el disco del nodo y un ConfigMap es de solo lectura.',
  },
  'observability.logFileReadOnly': {
    what: (p) => `\`LOG_FILE\` (${shownPath(p)}) está en un montaje con \`readOnly: true\` (${code(p.mountPath)}): la aplicación no podría escribir su registro.`,
    fix: () => 'Quita `readOnly: true` del montaje de la aplicación; en el sidecar, que solo lee, sí puedes ponerlo.',
  },
  'observability.tailArgs': {
    what: (p) => `El sidecar arranca con ${code(p.args)}; se espera \`["tail", "<ruta absoluta del archivo>"]\`.` + (p.follow ? ' El `tail` del taller no tiene opciones: siempre sigue el archivo, aunque lo roten.' : ''),
    fix: () => 'Usa `args: ["tail", "/var/log/app/app.log"]` con la misma ruta que `LOG_FILE` (vista desde el montaje del sidecar).',
  },
  'observability.tailWithoutLogFile': {
    what: (p) => `No se puede comprobar qué sigue el sidecar: el contenedor ${code(p.app)} todavía no escribe su registro en \`LOG_FILE\` dentro de un \`emptyDir\`.`,
    fix: () => 'Corrige primero la línea de `LOG_FILE` de la rúbrica.',
  },
  'observability.tailNotMounted': {
    what: (p) => `El sidecar sigue ${shownPath(p)}, pero esa ruta no está en ningún volumen montado en el sidecar: nunca verá lo que escribe la aplicación, que está en el volumen ${code(p.volume)}.`,
    fix: (p) => `Monta también en el sidecar el volumen \`${p.volume}\` (\`volumeMounts\`) y sigue el archivo dentro de ese montaje.`,
  },
  'observability.tailOtherFile': {
    what: (p) =>
      `El sidecar sigue ${shownPath(p)} (${place(p.read)}), pero la aplicación escribe ${place(p.logged)}` +
      (p.sameVolume ? ': es otro archivo del mismo volumen.' : ': son volúmenes distintos, cada contenedor ve el suyo.'),
    fix: () => 'Cada contenedor ve el volumen en su `mountPath`: la ruta de `tail`, descontando el `mountPath` del sidecar, debe ser la de `LOG_FILE` descontando el de la aplicación.',
    hint: '`tail` espera en silencio a que aparezca el archivo: con una ruta equivocada el sidecar no falla, simplemente no muestra nada.',
  },
  'observability.annotationsMissing': {
    what: (p) => `La plantilla de Pod no lleva las anotaciones de Prometheus: no sabría que debe leer ${code(p.path)}.`,
    fix: (p) =>
      `Añade en \`spec.template.metadata.annotations\`: \`prometheus.io/scrape: "true"\`, \`prometheus.io/path: ${p.path}\` y \`prometheus.io/port: "${p.port}"\`.`,
    hint: 'No son parte de Kubernetes sino una convención de Prometheus, muy extendida.',
  },
  'observability.annotationsMisplaced': {
    what: (p) => `Las anotaciones de Prometheus están en los metadatos del ${p.kind}, pero Prometheus descubre Pods y mira las anotaciones de cada Pod.`,
    fix: () => 'Muévelas a `spec.template.metadata.annotations`, junto a las etiquetas de la plantilla.',
  },
  'observability.annotationMissing': {
    what: (p) => `Falta la anotación \`${p.key}\`.`,
    fix: (p) => `Añade \`${p.key}: "${p.value}"\`.`,
  },
  'observability.annotationNotString': {
    what: (p) => `La anotación \`${p.key}\` vale ${code(p.actual)}, que YAML lee como ${typeof p.actual === 'boolean' ? 'un booleano' : typeof p.actual === 'number' ? 'un número' : 'otra cosa'}; las anotaciones son siempre texto y la API rechaza el objeto.`,
    fix: (p) => `Escríbela entre comillas: \`${p.key}: "${p.value}"\`.`,
  },
  'observability.annotationValue': {
    what: (p) =>
      `La anotación \`${p.key}\` vale ${code(p.actual)}; se espera ${code(p.value)}.` +
      (p.isPortName ? ' Prometheus usa este valor tal cual como número de puerto: un nombre como `http` no le sirve.' : ''),
    fix: (p) => `Pon \`${p.key}: "${p.value}"\`.`,
  },
  // Live
  'live.restarted': {
    what: (p) => `El contenedor ${code(p.container)} del Pod \`${p.pod}\` se ha reiniciado ${p.restarts} ${p.restarts === 1 ? 'vez' : 'veces'}; se esperaba que ninguno se reiniciara.` + evidence(p.evidence),
    fix: (p) =>
      `Un reinicio lo provoca una sonda de vida que falla (mira su ruta y su puerto), un programa que termina (mira \`args\`) o la falta de memoria (OOMKilled). Para verlo tú: \`kubectl -n ${p.namespace} describe pod ${p.pod}\` y \`kubectl -n ${p.namespace} logs ${p.pod} -c ${p.container} --previous\`.`,
  },
  'live.livenessFailing': {
    what: (p) => `La sonda de vida del contenedor ${code(p.container)} (Pod \`${p.pod}\`) falla: ${p.message}. Cuando falle ${p.threshold} ${p.threshold === 1 ? 'vez' : 'veces'} seguidas, Kubernetes reiniciará el contenedor, una y otra vez.`,
    fix: (p) => `El servidor responde, pero no con éxito: revisa la ruta de \`livenessProbe\` (\`/healthz\`). Para verlo tú: \`kubectl -n ${p.namespace} get events --field-selector reason=Unhealthy\`.`,
  },
  'live.restartsUnwatched': {
    what: (p) => `No se pudo observar el ${p.kind} \`${p.name}\` el tiempo necesario para que sus sondas de vida se ejecutaran: no se sabe si sus contenedores se reinician.`,
    fix: () => 'Vuelve a corregir; si se repite, mira si el clúster responde con `kubectl get nodes` (E25).',
  },
  'live.containerMissing': {
    what: (p) => `El Pod \`${p.pod}\` no tiene el contenedor ${code(p.container)} (tiene: ${p.names}), así que no hay registro que leer.`,
    fix: (p) => `Declara \`${p.container}\` en la plantilla de Pod (mira las líneas del nivel estático).`,
  },
  'live.scrape': {
    what: (p) => `Pedido como lo haría Prometheus, \`${p.url}\` no respondió lo esperado (${p.expected}); respondió: ${String(p.got).trim()}.`,
    fix: () => 'Prometheus pide la ruta de `prometheus.io/path` en el puerto de `prometheus.io/port`: deben ser `/metrics` y el puerto en el que escucha `serve`.',
  },
};
