// What the API server's validation refuses beyond types and fields (schema/api-rules.ts) and
// what Pod Security refuses (schema/pod-security.ts): the schema line's messages.
import type { Catalogue } from './types.ts';
import { code, maybe } from './format.ts';

const list = (v: unknown) => (Array.isArray(v) ? v.map(code).join(', ') : '');
const NAME_RULES: Record<string, string> = {
  label: 'minúsculas, dígitos y `-`, empezando y acabando en letra o dígito, como mucho 63 caracteres (un nombre DNS-1123)',
  subdomain: 'minúsculas, dígitos, `-` y `.`, empezando y acabando en letra o dígito (un subdominio DNS-1123)',
  pathSegment: 'cualquier texto sin `/` ni `%` que no sea `.` ni `..`',
};
const WHAT: Record<string, string> = {
  container: 'El nombre del contenedor',
  volume: 'El nombre del volumen',
  servicePort: 'El nombre del puerto del Service',
  'port name': 'el nombre de puerto',
  mountPath: 'la ruta de montaje',
  port: 'el puerto (con su protocolo)',
  topologySpreadConstraint: 'la pareja `topologyKey` + `whenUnsatisfiable`',
  key: 'la clave',
};
const CONTROLS: Record<string, string> = {
  hostNamespaces: 'compartir la red, los procesos o el IPC del nodo',
  hostPath: 'un volumen `hostPath` (una carpeta del nodo)',
  volumeTypes: 'un tipo de volumen que `restricted` no admite',
  privileged: 'un contenedor privilegiado',
  capabilities: 'capacidades de Linux que el nivel no admite',
  hostPorts: 'un `hostPort` (un puerto del nodo)',
  seccompProfile: 'un perfil seccomp que el nivel no admite',
  appArmorProfile: 'el perfil AppArmor `Unconfined`',
  seLinuxOptions: 'opciones de SELinux que el nivel no admite',
  procMount: 'un `procMount` distinto de `Default`',
  sysctls: 'un sysctl que no es seguro',
  hostProcess: 'un contenedor `hostProcess` de Windows',
  allowPrivilegeEscalation: 'permitir la escalada de privilegios',
  runAsNonRoot: 'ejecutar como root (falta `runAsNonRoot: true`)',
  runAsUser: '`runAsUser: 0` (root)',
};

export const esSchema: Catalogue = {
  'schema.name': {
    what: (p) =>
      `${code(p.value)} no vale como nombre de ${p.kind ?? 'objeto'}: ${NAME_RULES[String(p.rule)] ?? ''}${maybe(p.max === undefined ? undefined : String(p.max), (m) => `, y como mucho ${m} caracteres`)}.`,
    fix: () => 'Usa un nombre como `api-datos`: sin mayúsculas, espacios ni `_`.',
  },
  'schema.labelKey': {
    what: (p) => `${code(p.key)} no vale como clave de etiqueta: letras, dígitos, \`-\`, \`_\` y \`.\` (hasta 63), empezando y acabando en letra o dígito, con un prefijo DNS opcional y \`/\`.`,
    fix: () => 'Por ejemplo `app` o `app.kubernetes.io/name`.',
  },
  'schema.labelValue': {
    what: (p) => `${code(p.value)} no vale como valor de etiqueta: hasta 63 letras, dígitos, \`-\`, \`_\` y \`.\`, empezando y acabando en letra o dígito.`,
    fix: () => 'Quita los espacios, `/` y `:` del valor (por ejemplo `mi-config` en lugar de `Mi Config`).',
  },
  'schema.annotationKey': {
    what: (p) => `${code(p.key)} no vale como clave de anotación (un prefijo DNS opcional, \`/\` y un nombre de hasta 63 caracteres).`,
  },
  'schema.dnsLabel': {
    what: (p) => `${WHAT[String(p.what)] ?? 'El nombre'} ${code(p.value)} no es válido: minúsculas, dígitos y \`-\`, empezando y acabando en letra o dígito, como mucho 63 caracteres.`,
  },
  'schema.portName': {
    what: (p) => `${code(p.value)} no vale como nombre de puerto: como mucho 15 minúsculas, dígitos y \`-\`, con al menos una letra y sin \`-\` al principio, al final ni dos seguidos.`,
    fix: () => 'Por ejemplo `http` o `metricas`; o pon el número del puerto.',
  },
  'schema.range': {
    what: (p) =>
      p.max === undefined || p.max === null
        ? `${code(p.value)} es demasiado pequeño: el mínimo es ${String(p.min)}.`
        : `${code(p.value)} se sale del rango: debe estar entre ${String(p.min)} y ${String(p.max)}.`,
  },
  'schema.duplicate': {
    what: (p) => `${WHAT[String(p.what)] ?? String(p.what)} ${code(p.value)} está repetido en la misma lista.`,
    fix: () => 'Cada elemento necesita uno distinto: cambia o quita el repetido.',
  },
  'schema.selectorValues': {
    what: (p) => (p.needs ? `El operador ${code(p.operator)} necesita una lista \`values\` con algún valor.` : `El operador ${code(p.operator)} no admite \`values\`.`),
  },
  'schema.resourceName': {
    what: (p) => `${code(p.name)} no es un recurso que Kubernetes conozca.`,
    fix: () => 'Los recursos de un contenedor son `cpu`, `memory` y `ephemeral-storage` (en inglés y en minúsculas).',
  },
  'schema.negative': {
    what: (p) => `${code(p.value)} es negativo; una cantidad de recursos no puede serlo.`,
  },
  'schema.positive': {
    what: (p) => `${code(p.value)} debe ser mayor que cero.`,
  },
  'schema.limitBelowRequest': {
    what: (p) => `La petición de ${code(p.resource)} (${code(p.request)}) es mayor que su límite (${code(p.limit)}); Kubernetes lo rechaza.`,
    fix: () => 'Baja `requests` o sube `limits`: la petición debe ser menor o igual que el límite.',
  },
  'schema.oneOf': {
    what: (p) =>
      Array.isArray(p.set) && p.set.length > 1
        ? `Aquí solo puede haber uno de ${list(p.fields)}, y hay ${list(p.set)}.`
        : `Falta uno de ${list(p.fields)}.`,
  },
  'schema.successThreshold': {
    what: (p) => `\`successThreshold\` vale ${String(p.value)}; en una sonda de vida o de arranque debe ser 1.`,
    fix: () => 'Quita `successThreshold` o ponlo a 1.',
  },
  'schema.envName': {
    what: (p) => `${code(p.name)} no vale como nombre de variable de entorno (caracteres ASCII imprimibles, sin \`=\`).`,
  },
  'schema.volumeNotFound': {
    what: (p) => `No hay ningún volumen ${code(p.name)} en la plantilla.${maybe(Array.isArray(p.volumes) && p.volumes.length ? list(p.volumes) : undefined, (s) => ` Volúmenes: ${s}.`)}`,
    fix: () => 'El `name` de `volumeMounts` debe ser el de un volumen declarado en `volumes` del mismo Pod.',
  },
  'schema.subPath': {
    what: (p) => `\`subPath\` ${code(p.value)} debe ser una ruta relativa sin \`..\`.`,
  },
  'schema.forbidden': {
    what: (p) => `El campo ${code(p.field)} no está permitido aquí${maybe(p.when, (w) => ` con ${code(w)}`)}.`,
    fix: (p) => `Quita ${code(p.field)}.`,
  },
  'schema.restartPolicy': {
    what: (p) =>
      `\`restartPolicy\` ${p.value === undefined ? 'no está y vale `Always` por defecto' : `vale ${code(p.value)}`}; aquí solo se admite ${list(p.allowed)}.`,
    fix: (p) => `Pon \`restartPolicy: ${String((p.allowed as string[] | undefined)?.[0] ?? 'Never')}\` en la plantilla del Pod.`,
  },
  'schema.escalation': {
    what: (p) => `${code(p.field)} con \`allowPrivilegeEscalation: false\` se contradice: un contenedor privilegiado (o con \`SYS_ADMIN\`) siempre puede escalar privilegios.`,
    fix: () => 'Quita `privileged: true` (o la capacidad `SYS_ADMIN`).',
  },
  'schema.procMount': {
    what: () => '`procMount: Unmasked` solo se admite con `hostUsers: false` en el Pod.',
    fix: () => 'Quita `procMount` (el valor por defecto es `Default`).',
  },
  'schema.scaleTargetGroup': {
    what: (p) => `\`scaleTargetRef.apiVersion\` ${p.value === undefined ? 'falta' : `vale ${code(p.value)}`}: debe llevar el grupo de la API, como \`apps/v1\`.`,
    fix: () => 'Pon `apiVersion: apps/v1` en `scaleTargetRef` para escalar un Deployment.',
  },
  'schema.headlessType': {
    what: (p) => `\`clusterIP: None\` (un Service sin IP) solo se admite en Services \`ClusterIP\`, y este es \`${String(p.type)}\`.`,
    fix: () => 'Quita `clusterIP: None`.',
  },
  'schema.failIndex': {
    what: () => 'La acción `FailIndex` necesita `backoffLimitPerIndex` en el Job.',
    fix: () => 'Añade `backoffLimitPerIndex` o usa otra acción (`FailJob`, `Ignore`, `Count`).',
  },
  'schema.containerNotFound': {
    what: (p) => `No hay ningún contenedor ${code(p.name)} en la plantilla.${maybe(Array.isArray(p.containers) && p.containers.length ? list(p.containers) : undefined, (s) => ` Contenedores: ${s}.`)}`,
    fix: () => 'Usa el `name` de uno de los contenedores de la plantilla del Pod.',
  },
  'schema.minDomains': {
    what: () => '`minDomains` solo se admite con `whenUnsatisfiable: DoNotSchedule`.',
  },
  'schema.emptySelector': {
    what: () => 'El selector está vacío; un selector vacío no se admite aquí.',
    fix: () => 'Pon en `matchLabels` las etiquetas de la plantilla del Pod.',
  },
  'schema.selectorMismatch': {
    what: (p) => `Las etiquetas de la plantilla no cumplen el selector (${code(p.selector)}); la API \`apps/v1\` rechaza el objeto.`,
    fix: () => 'Las etiquetas de `spec.template.metadata.labels` deben incluir las de `spec.selector.matchLabels`.',
  },
  'schema.progressDeadline': {
    what: (p) => `\`progressDeadlineSeconds\` (${String(p.value)}) debe ser mayor que \`minReadySeconds\` (${String(p.minReadySeconds)}).`,
  },
  'schema.rollingZero': {
    what: () => '`maxSurge` y `maxUnavailable` no pueden ser 0 a la vez: la actualización no podría avanzar.',
  },
  'schema.intOrPercent': {
    what: (p) => `${code(p.value)} no vale: debe ser un entero no negativo o un porcentaje como \`25%\`${p.max ? ' (como mucho `100%`)' : ''}.`,
  },
  'schema.podFailurePolicy': {
    what: (p) => `\`podFailurePolicy\` exige \`restartPolicy: Never\` en la plantilla, y ${p.value === undefined ? 'no está' : `vale ${code(p.value)}`}.`,
    fix: () => 'Pon `restartPolicy: Never` o quita `podFailurePolicy`.',
  },
  'schema.jobSelector': {
    what: () => 'Un Job genera su propio `selector`; escribirlo solo se admite con `manualSelector: true`.',
    fix: () => 'Quita `spec.selector` del Job.',
  },
  'schema.cronTz': {
    what: (p) => `El \`schedule\` ${code(p.value)} lleva \`TZ=\`; Kubernetes no lo admite ahí.`,
    fix: () => 'Pon la zona horaria en `spec.timeZone` (por ejemplo `Europe/Madrid`).',
  },
  'schema.cron': {
    what: (p) => (p.value === '' ? 'El `schedule` está vacío.' : `El \`schedule\` ${code(p.value)} no es una expresión cron válida: ${String(p.reason)}.`),
    fix: () => 'Cinco campos: minuto, hora, día del mes, mes y día de la semana (por ejemplo `0 6 * * *`).',
  },
  'schema.timeZone': {
    what: (p) => `${code(p.value)} no es una zona horaria IANA.`,
    fix: () => 'Usa un nombre como `Europe/Madrid` o `UTC` (se distinguen mayúsculas).',
  },
  'schema.portNameRequired': {
    what: () => 'Un Service con varios puertos necesita un `name` en cada uno.',
    fix: () => 'Añade `name:` (por ejemplo `http`) a cada puerto.',
  },
  'schema.nodePortType': {
    what: (p) => `\`nodePort\` solo se admite en Services \`NodePort\` o \`LoadBalancer\`, y este es \`${String(p.type)}\`.`,
  },
  'schema.externalTrafficPolicy': {
    what: (p) => `\`externalTrafficPolicy\` solo se admite en Services \`NodePort\` o \`LoadBalancer\`, y este es \`${String(p.type)}\`.`,
  },
  'schema.configKey': {
    what: (p) => `${code(p.key)} no vale como clave: letras, dígitos, \`-\`, \`_\` y \`.\` (sin espacios ni \`/\`).`,
  },
  'schema.base64': {
    what: (p) => `El valor de ${code(p.key)} en \`data\` no está en base64.`,
    fix: () => 'En `data` los valores van en base64 (`echo -n valor | base64`); para escribirlos tal cual usa `stringData`.',
  },
  'schema.maxBelowMin': {
    what: (p) => `\`maxReplicas\` (${String(p.max)}) es menor que \`minReplicas\` (${String(p.min)}).`,
  },
  'schema.readWriteOncePod': {
    what: () => '`ReadWriteOncePod` no se puede combinar con otros modos de acceso.',
  },
  'schema.endPort': {
    what: () => '`endPort` solo se admite cuando `port` es un número.',
  },
  'schema.cidr': {
    what: (p) => `${code(p.value)} no es un bloque CIDR válido (por ejemplo \`10.0.0.0/16\`).`,
  },
  'schema.ipBlockAlone': {
    what: () => 'Un `ipBlock` no se puede combinar con `podSelector` ni `namespaceSelector` en el mismo elemento.',
    fix: () => 'Ponlos en elementos distintos de la lista.',
  },
  'schema.podSecurity': {
    what: (p) =>
      `El namespace del ejercicio aplica Pod Security \`${String(p.level)}\`, que no admite ${CONTROLS[String(p.control)] ?? String(p.control)}${maybe(p.field as string | undefined, (f) => ` (${code(f)})`)}: Kubernetes rechazaría los Pods.`,
    fix: () => 'Quita ese campo o ponle un valor que el nivel admita.',
  },
};
