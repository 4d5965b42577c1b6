// The Spanish message catalogue: every text a learner reads comes from here. Each entry says
// what is wrong, and optionally what to do and a hint.
import type { Catalogue } from './types.ts';
import { code, maybe } from './format.ts';
import { esCompose } from './es-compose.ts';
import { esConfig } from './es-config.ts';
import { esDag } from './es-dag.ts';
import { esDocker } from './es-docker.ts';
import { esDockerfile } from './es-dockerfile.ts';
import { esGuestbook } from './es-guestbook.ts';
import { esKind } from './es-kind.ts';
import { esLive } from './es-live.ts';
import { esObservability } from './es-observability.ts';
import { esPipeline } from './es-pipeline.ts';
import { esQuiz } from './es-quiz.ts';
import { esScaling } from './es-scaling.ts';
import { esSchema } from './es-schema.ts';
import { esSecurity } from './es-security.ts';

const TYPE_NAMES: Record<string, string> = {
  string: 'un texto',
  integer: 'un número entero',
  number: 'un número',
  boolean: 'un booleano (true/false)',
  object: 'un objeto (clave: valor)',
  array: 'una lista',
  list: 'una lista',
  intOrString: 'un número o un nombre de puerto',
  quantity: 'una cantidad como `250m` o `128Mi`',
  undefined: 'nada',
};
const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

export const es: Catalogue = {
  ...esQuiz,
  ...esLive,
  ...esDockerfile,
  ...esDocker,
  ...esCompose,
  ...esConfig,
  ...esDag,
  ...esGuestbook,
  ...esObservability,
  ...esSecurity,
  ...esScaling,
  ...esKind,
  ...esPipeline,
  ...esSchema,
  // Files and folders
  'submission.missing': {
    what: (p) => `La carpeta a corregir no existe: ${code(p.dir)}.`,
    fix: () => '`TALLER_SUBMISSION` debe apuntar a una carpeta con la misma estructura que el ejercicio (por ejemplo `solutions/07-deployment-service`).',
  },
  'folder.missing': {
    what: (p) => `No existe la carpeta ${code(p.folder)} en ${code(p.dir)}.`,
    fix: () => 'Crea esa carpeta y pon en ella tus manifiestos (`.yaml`, `.yml` o `.json`).',
  },
  'folder.noManifests': {
    what: (p) => `La carpeta ${code(p.folder)} no tiene ningún archivo \`.yaml\`, \`.yml\` ni \`.json\`.`,
    fix: () => 'Escribe tus manifiestos en esa carpeta.',
  },
  'file.tooLarge': {
    what: (p) => `El archivo ocupa ${((p.size as number) / 1048576).toFixed(1)} MB; el corrector no lee archivos de más de ${((p.max as number) / 1048576).toFixed(0)} MB.`,
    fix: () => 'Un manifiesto ocupa unos pocos KB: revisa que no hayas guardado ahí otra cosa.',
  },
  'file.unreadable': {
    what: () => 'No se puede leer el archivo (¿es un enlace simbólico roto o faltan permisos?).',
    fix: () => 'Sustitúyelo por un archivo normal con tus manifiestos, o quítalo de la carpeta.',
  },
  'file.noPermission': {
    what: (p) => `No tienes permiso para leer ${code(p.file)} (${p.errno}): suele pasar cuando lo creó \`sudo\` o un contenedor, que lo dejan a nombre de root. El resto de la carpeta se corrige igual.`,
    fix: (p) => `Recupera la propiedad de tus archivos: \`sudo chown -R $(id -u) ${p.dir}\`.`,
  },
  'file.outsideSubmission': {
    what: (p) => `${code(p.file)} es un enlace simbólico que sale de la carpeta que se corrige (lleva a ${code(p.target)}); el corrector no lo sigue.`,
    fix: () => 'Pon en su lugar un archivo normal con tu propio contenido: se corrige lo que hay en tu carpeta, no lo que hay fuera. Los enlaces entre archivos de la misma carpeta sí valen.',
  },
  'file.notRegular': {
    what: () => 'No es un archivo normal (es una tubería, un socket o un dispositivo).',
    fix: () => 'Quítalo de la carpeta: el corrector solo lee archivos de texto.',
  },
  'file.binary': {
    what: () => 'El archivo no es de texto (contiene bytes nulos).',
    fix: () => 'Guarda los manifiestos como texto UTF-8, o saca ese archivo de la carpeta.',
  },
  'file.notUtf8': {
    what: () => 'El archivo no está en UTF-8.',
    fix: () => 'Guárdalo con la codificación UTF-8 (tu editor lo permite en «Guardar como»).',
  },
  'file.empty': {
    what: () => 'El archivo está vacío o solo tiene comentarios; no aporta ningún objeto.',
  },
  'yaml.syntax': {
    what: (p) => `El YAML no se puede leer: ${translateYaml(p.yamlCode, p.detail)}`,
    fix: () => 'Revisa la sangría (solo espacios, nunca tabuladores) y los `:` de esa línea y de la anterior.',
    hint: 'Un `clave: valor` por línea; los elementos de una lista empiezan con `- ` y se alinean entre sí.',
  },
  'yaml.duplicateKey': {
    what: () => 'Hay una clave repetida en el mismo objeto; Kubernetes se quedaría solo con una de las dos.',
    fix: () => 'Deja la clave una sola vez y junta ahí su contenido.',
  },
  'yaml.aliasBomb': {
    what: (p) => `El documento usa demasiados alias YAML (\`*ancla\`), más de ${p.max}; el corrector no lo expande para no agotar la memoria.`,
    fix: () => 'Escribe los valores directamente en lugar de encadenar anclas y alias.',
  },
  // Objects
  'object.notMapping': {
    what: () => 'Este documento no es un objeto de Kubernetes (debe ser un mapa con `apiVersion`, `kind` y `metadata`).',
    fix: () => 'Comprueba que no falte la sangría ni sobre un `-` al principio.',
  },
  'object.noKind': {
    what: () => 'Al objeto le falta `kind`.',
    fix: () => 'Añade `kind:` con el tipo de objeto, por ejemplo `kind: Deployment`.',
  },
  'object.noApiVersion': {
    what: (p) => `Al objeto ${code(p.kind)} le falta \`apiVersion\`.`,
    fix: () => 'Añade `apiVersion:` (por ejemplo `v1` para Pod y Service, `apps/v1` para Deployment, `batch/v1` para Job y CronJob).',
  },
  'object.noName': {
    what: (p) => `El ${p.kind} no tiene \`metadata.name\`.`,
    fix: () => 'Dale un nombre en `metadata.name`.',
  },
  'object.unknownKind': {
    what: (p) => `Kubernetes 1.34 no conoce el tipo ${code(p.kind)}.${maybe(p.suggestion, (s) => ` ¿Quisiste decir ${code(s)}?`)}`,
    fix: () => 'Los tipos distinguen mayúsculas y minúsculas: `Deployment`, `Service`, `ConfigMap`…',
  },
  'object.apiVersionRemoved': {
    what: (p) => `\`${p.apiVersion}\` ya no existe para ${p.kind}: Kubernetes lo retiró en la versión ${p.removedIn}.`,
    fix: (p) => `Usa \`apiVersion: ${p.use}\`.`,
    hint: 'Muchos tutoriales antiguos usan apiVersion retiradas; la referencia de la API de Kubernetes 1.34 dice la vigente.',
  },
  'object.apiVersionWrong': {
    what: (p) => `${p.kind} no existe en \`${p.apiVersion}\`.`,
    fix: (p) => `Usa \`apiVersion: ${p.use}\`.`,
  },
  'object.duplicate': {
    what: (p) => `El ${p.kind} ${code(p.name)} está definido dos veces (la otra en ${p.other}).`,
    fix: () => 'Deja una sola definición: al aplicar, la segunda sobrescribiría a la primera.',
  },
  'object.clusterScoped': {
    what: (p) => `${p.kind} es un objeto de todo el clúster, no de un namespace, y este ejercicio no lo admite.`,
    fix: () => 'Quita ese objeto: el ejercicio solo necesita objetos que viven dentro de un namespace.',
  },
  'object.namespaceSet': {
    what: (p) => `\`metadata.namespace: ${p.namespace}\` se ignora: el corrector aplica tus objetos en un namespace propio de cada ejecución.`,
    fix: () => 'Puedes quitar `metadata.namespace`; así tus manifiestos sirven en cualquier namespace.',
  },
  'line.dependsOn': {
    what: (p) => `depende de «${p.line}», que falla: corrige eso primero`,
  },
  'object.missing': {
    what: (p) =>
      `No encuentro el ${p.kind} ${code(p.name)} en ${code(p.folder)}.` +
      maybe(p.suggestion, (s) => ` ¿Quisiste decir ${s}?`) +
      maybe(p.found, (s) => ` Objetos encontrados: ${s}.`) +
      maybe(p.notes, (s) => ` ${s}`),
    fix: (p) => `Crea un objeto con \`kind: ${p.kind}\` y \`metadata.name: ${p.name}\` en cualquier archivo de ${code(p.folder)}.`,
  },
  // Schema
  'schema.unknownField': {
    what: (p) =>
      `El campo ${code(p.field)} no existe${p.type ? ` en ${p.type}` : ''}.` +
      maybe(p.suggestion, (s) => ` ¿Quisiste decir ${code(s)}?`),
    fix: () => 'Kubernetes rechaza los campos desconocidos: corrige el nombre (se distinguen mayúsculas) o la sangría que lo colocó ahí.',
  },
  'schema.required': {
    what: (p) => `Falta el campo obligatorio ${code(p.field)}${p.type ? ` de ${p.type}` : ''}.`,
    fix: (p) => `Añade \`${p.field}:\`.`,
  },
  'schema.type': {
    what: (p) =>
      `Este campo debe ser ${typeName(p.expected)}, pero es ${typeName(p.actual)}${p.value !== undefined && typeof p.value !== 'object' ? ` (${code(p.value)})` : ''}.`,
    fix: (p) =>
      p.expected === 'string' && (p.actual === 'integer' || p.actual === 'number' || p.actual === 'boolean')
        ? 'Ponlo entre comillas para que YAML lo lea como texto (por ejemplo `"1"` o `"true"`).'
        : p.expected === 'integer' && p.actual === 'string'
          ? 'Quita las comillas: es un número.'
          : 'Revisa el valor y la sangría de ese campo.',
  },
  'schema.quantity': {
    what: (p) => `${code(p.value)} no es una cantidad válida de Kubernetes.${maybe(p.suggestion, (s) => ` ¿Quisiste decir ${code(s)}?`)}`,
    fix: () => 'CPU en milicores (`250m`) o núcleos (`0.5`); memoria en `Mi` o `Gi` (`128Mi`).',
  },
  'schema.enum': {
    what: (p) =>
      `${code(p.value)} no es un valor admitido. Valores posibles: ${((p.allowed as unknown[] | undefined) ?? []).map(code).join(', ')}.` +
      maybe(p.suggestion !== p.value ? p.suggestion : undefined, (s) => ` ¿Quisiste decir ${code(s)}?`),
    fix: () => 'Se distinguen mayúsculas y minúsculas: escribe el valor tal como aparece en la lista.',
  },
  // Fields
  'field.missing': {
    what: (p) => `Falta ${code(p.field)}${maybe(p.expected, (s) => ` (se espera ${s})`)}.`,
    fix: (p) => maybe(p.expected, (s) => `Añade ese campo con ${s}.`),
  },
  'field.value': {
    what: (p) => `${code(p.field)} vale ${code(p.actual)}; se espera ${p.expected}.`,
  },
  'field.noKeyMatching': {
    what: (p) => `${code(p.field)} no tiene ninguna clave ${p.description}${maybe(p.keys, (s) => ` (tiene: ${s})`)}.`,
  },
  'container.missing': {
    what: (p) => `El ${p.kind} ${code(p.name)} no tiene un contenedor llamado ${code(p.container)}.${maybe(p.found, (s) => ` Contenedores: ${s}.`)}`,
    fix: (p) => `Nombra el contenedor \`name: ${p.container}\` en la plantilla de Pod.`,
  },
  'env.missing': {
    what: (p) => `El contenedor no define la variable ${code(p.name)}.`,
    fix: (p) => `Añade en \`env\`: \`- name: ${p.name}\` con \`value: "${p.value}"\`.`,
  },
  'env.value': {
    what: (p) => `La variable ${code(p.name)} vale ${code(p.actual)}; se espera ${code(p.value)}.`,
  },
  'port.missing': {
    what: (p) => `El contenedor no declara el puerto ${p.port}${maybe(p.portName, (s) => ` con nombre ${code(s)}`)}.`,
    fix: (p) => `Añade en \`ports\`: \`- containerPort: ${p.port}\`${maybe(p.portName, (s) => ` y \`name: ${s}\``)}.`,
  },
  'port.name': {
    what: (p) => `El puerto ${p.port} se llama ${code(p.actual)}; se espera ${code(p.portName)}.`,
  },
  // Images
  'image.value': {
    what: (p) => `La imagen es ${code(p.actual)}; se espera ${code(p.expected)}.`,
    fix: (p) => `Usa \`image: ${p.expected}\`.`,
  },
  'image.pullAlways': {
    what: (p) => `\`imagePullPolicy: Always\` con ${code(p.image)}: el clúster intentaría descargarla de un registro, y esta imagen solo existe en tu máquina.`,
    fix: () => 'Usa `imagePullPolicy: IfNotPresent` (o no pongas el campo).',
    hint: 'El corrector construye la imagen del taller y la carga en el clúster; no hay registro del que descargarla.',
  },
  'args.value': {
    what: (p) => `El contenedor arranca con ${code(p.actual)}; se espera que \`args\` sea ${code(p.expected)}.`,
    fix: (p) => `Usa \`args: ${JSON.stringify(p.expected)}\`. No sobrescribas \`command\`: la imagen ya sabe arrancar el programa.`,
  },
  'args.subcommand': {
    what: (p) => `El contenedor no arranca el subcomando ${code(p.subcommand)} (arranca con ${code(p.actual)}).`,
    fix: (p) => `Empieza \`args\` por \`"${p.subcommand}"\` y deja \`command\` sin tocar: la imagen ya sabe arrancar el programa.`,
  },
  // Selectors and Services
  'selector.missing': {
    what: () => 'El Deployment no tiene `spec.selector`.',
    fix: () => 'Añade `spec.selector.matchLabels` con las mismas etiquetas que `spec.template.metadata.labels`.',
  },
  'selector.mismatch': {
    what: (p) => `El selector pide ${p.selector}, pero la plantilla etiqueta sus Pods con ${p.labels}: el Deployment no reconocería sus propios Pods.`,
    fix: () => 'Haz que cada etiqueta de `spec.selector.matchLabels` esté también, con el mismo valor, en `spec.template.metadata.labels`.',
    hint: 'La API rechaza un Deployment cuyo selector no coincide con su plantilla («selector does not match template labels»).',
  },
  'service.noSelector': {
    what: () => 'El Service no tiene `spec.selector`: no enviaría tráfico a ningún Pod.',
    fix: (p) => `Añade \`spec.selector\` con las etiquetas de los Pods de ${code(p.workload)}.`,
  },
  'service.selectsNothing': {
    what: (p) => `El selector del Service (${p.selector}) no coincide con las etiquetas de los Pods de ${code(p.workload)} (${p.labels}).`,
    fix: () => 'Copia en `spec.selector` las etiquetas de la plantilla de Pod (basta con un subconjunto que las identifique).',
    hint: 'Un Service sin Pods que coincidan no tiene endpoints: las peticiones fallan con «connection refused».',
  },
  'service.type': {
    what: (p) => `El Service es de tipo ${code(p.actual)}; se espera ${code(p.expected)}.`,
  },
  'service.portMissing': {
    what: (p) => `El Service no expone el puerto ${p.port}.`,
    fix: (p) => `Añade en \`spec.ports\`: \`- port: ${p.port}\` con su \`targetPort\`.`,
  },
  'service.targetPort': {
    what: (p) => `El \`targetPort\` ${code(p.target)} no corresponde a ningún puerto del contenedor de ${code(p.workload)}${maybe(p.ports, (s) => ` (declara: ${s})`)}.`,
    fix: () => 'Usa el nombre del puerto del contenedor (`http`) o su número (`containerPort`).',
    hint: 'Sin `targetPort`, Kubernetes usa el mismo número que `port`: un Service en el 80 buscaría el 80 del contenedor.',
  },
  // Probes and resources
  'probe.missing': {
    what: (p) => `El contenedor no tiene \`${p.probe}\`.`,
    fix: (p) => `Añade \`${p.probe}\` con \`httpGet\` en la ruta ${code(p.path)}.`,
    hint: 'Una sonda de preparación evita que el Service mande tráfico a un Pod que aún no puede atenderlo.',
  },
  'probe.wrong': {
    what: (p) => `\`${p.probe}\` comprueba ${p.actual}; se espera ${p.expected}.`,
  },
  'resources.requestMissing': {
    what: (p) => `El contenedor ${code(p.container)} no pide ${p.resource === 'cpu' ? 'CPU' : 'memoria'} (\`resources.requests.${p.resource}\`).`,
    fix: () => 'Añade `resources.requests` con `cpu` (por ejemplo `100m`) y `memory` (por ejemplo `64Mi`).',
    hint: 'El planificador reparte los Pods entre nodos según lo que piden: sin requests, un nodo puede llenarse sin que nadie lo sepa.',
  },
  'resources.limitMissing': {
    what: (p) => `El contenedor ${code(p.container)} no tiene límite de ${p.resource === 'cpu' ? 'CPU' : 'memoria'} (\`resources.limits.${p.resource}\`).`,
    fix: (p) => `Añade \`resources.limits.${p.resource ?? 'memory'}\` igual o mayor que lo que pide.`,
  },
  'resources.limitBelowRequest': {
    what: (p) => `El límite de ${p.resource === 'cpu' ? 'CPU' : 'memoria'} (${code(p.limit)}) es menor que lo que pide (${code(p.request)}).`,
    fix: () => 'El límite debe ser mayor o igual que la petición; la API rechaza lo contrario.',
  },
  // Jobs and CronJobs
  'job.restartPolicy': {
    what: (p) => `\`restartPolicy: ${p.actual ?? 'Always'}\` no vale para un Job.`,
    fix: () => 'Un Job termina: usa `restartPolicy: Never` o `OnFailure`.',
  },
  'job.bound': {
    what: (p) => `${code(p.field)} ${p.actual === undefined ? 'no está definido' : `vale ${code(p.actual)}`}; se espera ${p.expected}.`,
    fix: (p) => `Pon \`${p.leaf}\` con un valor ${p.expected}.`,
    hint: 'Sin estos límites, un Job roto reintenta sin fin y sus Pods terminados se acumulan.',
  },
  'job.argsMissing': {
    what: (p) => `Los argumentos no incluyen ${code(p.flag)}.`,
    fix: (p) => `Añade \`${p.flag}\` seguido de una ruta a \`args\`.`,
  },
  'job.mountMismatch': {
    what: (p) => `${code(p.flag)} apunta a ${code(p.path)}, pero ningún volumen ${p.volume} está montado ahí${maybe(p.mounts, (s) => ` (montajes: ${s})`)}.`,
    fix: (p) => `Monta ${p.volume} en ${code(p.path)} o cambia \`${p.flag}\` para que apunte a su \`mountPath\`.`,
  },
  'job.configMapName': {
    what: (p) => `El volumen ${code(p.volume)}, que \`--entrada\` lee en ${code(p.path)}, usa el ConfigMap ${code(p.actual)}; se espera ${code(p.expected)}.`,
    fix: (p) => `Pon \`configMap.name: ${String(p.expected)}\` en ese volumen: un ConfigMap que no existe deja el Pod en \`ContainerCreating\` para siempre.`,
  },
  'job.salidaReadOnly': {
    what: (p) => `\`--salida\` (${code(p.path)}) está dentro de un montaje de solo lectura (${code(p.mount)}): el programa no podría escribir.`,
    fix: (p) =>
      p.readOnlyMount
        ? `Quita \`readOnly: true\` del montaje ${code(p.mount)}: \`--salida\` necesita escribir ahí.`
        : 'Monta un volumen escribible (por ejemplo un `emptyDir`) fuera del ConfigMap y apunta `--salida` a él.',
  },
  'cron.invalid': {
    what: (p) =>
      String(p.schedule ?? '').trim() === ''
        ? 'El campo `schedule` está vacío: falta la expresión cron de cinco campos.'
        : `${code(p.schedule)} no es una expresión cron válida de cinco campos: ${p.reason}.`,
    fix: () => 'Formato: `minuto hora día-del-mes mes día-de-la-semana`, por ejemplo `0 2 * * *`.',
  },
  'cron.tzPrefix': {
    what: () => 'El `schedule` lleva un prefijo `CRON_TZ=` o `TZ=`, que Kubernetes no admite.',
    fix: () => 'Quita el prefijo y pon la zona horaria en `spec.timeZone`.',
  },
  'cron.notDaily': {
    what: (p) => `${code(p.schedule)} no se ejecuta cada día a las ${p.expected}.`,
    fix: (p) => `Para cada día a las ${p.expected ?? '02:00'} usa ${code(p.example ?? '0 2 * * *')}.`,
  },
  'cron.timeZone': {
    what: (p) => (p.actual === undefined ? 'Falta `spec.timeZone`.' : `${code(p.actual)} no es una zona horaria IANA válida.`),
    fix: () => 'Usa un nombre IANA como `Europe/Madrid` o `America/Bogota`; sin él, la hora depende del reloj del controlador.',
  },
  'cron.notOnceADay': {
    what: (p) => `${code(p.schedule)} no se ejecuta una vez al día.`,
    fix: () => 'Fija un minuto y una hora, y deja el resto con `*`: `0 6 * * *` es cada día a las 06:00 (o `@daily`, a las 00:00).',
  },
};

function translateYaml(yamlCode: unknown, detail: unknown): string {
  const known: Record<string, string> = {
    BAD_INDENT: 'la sangría no es coherente.',
    TAB_AS_INDENT: 'hay un tabulador en la sangría; YAML solo admite espacios.',
    BLOCK_AS_IMPLICIT_KEY: 'hay un mapa anidado donde se esperaba un valor simple (¿falta un salto de línea o sobra un `:`?).',
    MULTILINE_IMPLICIT_KEY: 'una clave ocupa varias líneas (¿falta un `:`?).',
    MISSING_CHAR: 'falta un carácter de cierre (comillas, `]` o `}`).',
    UNEXPECTED_TOKEN: 'hay un símbolo inesperado.',
    BAD_ALIAS: 'un alias (`*nombre`) no es válido.',
    BAD_SCALAR_START: 'un valor empieza con un carácter reservado (ponlo entre comillas).',
    BLOCK_IN_FLOW: 'hay un bloque dentro de una lista o mapa entre corchetes o llaves.',
    UNEXPECTED_SCALAR_AT_NODE_END: 'hay texto de más al final de un valor.',
    BAD_DIRECTIVE: 'una directiva `%` no es válida.',
  };
  const text = known[String(yamlCode)] ?? 'la estructura no es válida.';
  return `${text} (${String(detail)})`;
}
