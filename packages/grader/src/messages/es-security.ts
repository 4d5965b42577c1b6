// Messages of exercise 12 (security): Pod Security labels and security contexts, RBAC,
// NetworkPolicy, and their live checks.
import type { Catalogue } from './types.ts';
import { code, esEvidence as evidence, maybe } from './format.ts';

const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => code(String(x))).join(', ') : code(v));
const inContainer = (p: Record<string, unknown>) => maybe(p.container, (c) => ` del contenedor ${code(c)}`);

export const esSecurity: Catalogue = {
  // Pod Security Admission labels on the Namespace
  'psa.labelMissing': {
    what: (p) =>
      `Falta la etiqueta ${code(p.key)}.` +
      (p.inAnnotations ? ' Está en `metadata.annotations`, pero Pod Security solo lee `metadata.labels`.' : ''),
    fix: (p) => `Añade en \`metadata.labels\`: \`${p.key}: ${p.level}\`.`,
    hint: '`enforce` rechaza los Pods que no cumplen el nivel, `warn` avisa a quien los aplica y `audit` lo anota en el registro de auditoría: las tres juntas dan la misma regla en todas partes.',
  },
  'psa.labelValue': {
    what: (p) => `${code(p.key)} vale ${code(p.actual)}; se espera ${code(p.level)}.`,
    fix: (p) => `Usa \`${p.key}: ${p.level}\`. Los niveles son \`privileged\`, \`baseline\` y \`restricted\`, en minúsculas.`,
  },
  'psa.version': {
    what: (p) => `${code(p.key)} vale ${code(p.actual)}; se espera ${code(p.versions)}.`,
    fix: () => 'Quita la etiqueta de versión (por defecto es `latest`) o fíjala a la versión del clúster del taller, `v1.34`.',
    hint: 'Una versión antigua aplica las reglas de entonces, que comprueban menos cosas.',
  },
  'psa.labelUnknown': {
    what: (p) => `Pod Security no conoce la etiqueta ${code(p.key)}.${maybe(p.suggestion, (s) => ` ¿Quisiste decir ${code(s)}?`)}`,
    fix: () => 'Las etiquetas válidas son `pod-security.kubernetes.io/enforce`, `warn` y `audit`, y sus `-version`. Una etiqueta mal escrita se ignora sin avisar.',
  },
  // The restricted security context
  'security.runAsNonRoot': {
    what: (p) =>
      p.overridden
        ? `El contenedor ${code(p.container)} pone \`runAsNonRoot: false\` y anula el \`true\` del Pod.`
        : `El contenedor ${code(p.container)} podría ejecutarse como root: falta \`runAsNonRoot: true\`${p.actual === false ? ' (vale `false`)' : ''}.`,
    fix: () => 'Pon `runAsNonRoot: true` en el `securityContext` del Pod (vale para todos sus contenedores) y no lo anules en ningún contenedor.',
    hint: 'Con `runAsNonRoot` el kubelet se niega a arrancar un contenedor cuyo usuario sea root; la imagen del taller ya usa el uid 10001.',
  },
  'security.runAsRoot': {
    what: (p) => `\`runAsUser: 0\`${inContainer(p)} es root.`,
    fix: () => 'Quita `runAsUser` (la imagen ya usa el uid 10001) o pon un uid distinto de 0, por ejemplo `10001`.',
  },
  'security.seccomp': {
    what: (p) =>
      p.actual === undefined
        ? `El contenedor ${code(p.container)} no tiene perfil seccomp (falta \`seccompProfile.type: RuntimeDefault\`).`
        : `El perfil seccomp${inContainer(p)} es ${code(p.actual)}; se espera \`RuntimeDefault\`.`,
    fix: () => 'Pon en el `securityContext` del Pod `seccompProfile: {type: RuntimeDefault}`.',
    hint: 'seccomp filtra las llamadas al sistema que un contenedor no necesita; `RuntimeDefault` es el filtro del motor de contenedores.',
  },
  'security.privileged': {
    what: (p) => `El contenedor ${code(p.container)} es privilegiado (\`privileged: true\`): tendría casi todo el poder del nodo.`,
    fix: () => 'Quita `privileged: true`; ninguna aplicación de datos lo necesita.',
  },
  'security.privilegeEscalation': {
    what: (p) =>
      `El contenedor ${code(p.container)} ${p.actual === undefined ? 'no fija' : `pone ${code(`allowPrivilegeEscalation: ${String(p.actual)}`)} en lugar de`} \`allowPrivilegeEscalation: false\`.`,
    fix: () => 'Añade `allowPrivilegeEscalation: false` en el `securityContext` del contenedor (no existe en el del Pod).',
    hint: 'Sin él, un programa con setuid dentro del contenedor podría ganar más privilegios que su proceso padre.',
  },
  'security.capabilitiesDrop': {
    what: (p) =>
      p.lower
        ? `El contenedor ${code(p.container)} suelta ${code(p.lower)}: Kubernetes distingue mayúsculas y solo entiende \`ALL\`.`
        : `El contenedor ${code(p.container)} no suelta todas las capacidades de Linux${maybe(Array.isArray(p.actual) ? (p.actual as unknown[]).join(', ') : undefined, (s) => ` (suelta solo ${code(s)})`)}.`,
    fix: () => 'En el `securityContext` del contenedor: `capabilities: {drop: ["ALL"]}`.',
    hint: 'Las capacidades trocean los poderes de root (abrir puertos bajos, cambiar permisos…); la API del taller no necesita ninguna.',
  },
  'security.capabilitiesAdd': {
    what: (p) => `El contenedor ${code(p.container)} añade capacidades: ${list(p.added)}. El nivel \`restricted\` solo admite añadir \`NET_BIND_SERVICE\`.`,
    fix: () => 'Quita `capabilities.add` (o deja solo `NET_BIND_SERVICE` si de verdad necesitas un puerto por debajo de 1024).',
  },
  'security.readOnlyRoot': {
    what: (p) =>
      `El sistema de archivos raíz del contenedor ${code(p.container)} ${p.actual === false ? 'es escribible (`readOnlyRootFilesystem: false`)' : 'es escribible: falta `readOnlyRootFilesystem: true`'}.`,
    fix: () => 'Añade `readOnlyRootFilesystem: true` en el `securityContext` del contenedor; si el programa necesita escribir, monta un volumen `emptyDir` en esa carpeta.',
    hint: 'Con la raíz de solo lectura, quien entre en el contenedor no puede cambiar sus programas.',
  },
  // RBAC
  'rbac.noRules': {
    what: () => 'El Role no tiene reglas (`rules`): no concede nada.',
    fix: (p) => `Añade una regla con \`apiGroups: [""]\`, \`resources: ["${p.resource}"]\` y \`verbs: ${JSON.stringify(p.verbs ?? [])}\`.`,
  },
  'rbac.wildcard': {
    what: (p) => `La regla usa \`*\` en ${code(p.field)}: concede todo lo que exista, hoy y en el futuro.`,
    fix: () => 'Enumera solo lo necesario: `apiGroups: [""]`, `resources: ["configmaps"]`, `verbs: ["get", "list", "watch"]`.',
    hint: 'Mínimo privilegio: cada permiso de más es algo que un atacante podría usar con el token de la ServiceAccount.',
  },
  'rbac.apiGroup': {
    what: (p) => `${code(p.resource)} está en el grupo principal de la API (\`""\`), y la regla ${p.actual ? `pide ${p.actual}` : 'no nombra ningún grupo'}: no concede nada sobre ${code(p.resource)}.`,
    fix: () => 'Usa `apiGroups: [""]` (una cadena vacía: el grupo de Pods, ConfigMaps y Secrets).',
  },
  'rbac.extraResource': {
    what: (p) => `La regla concede también ${p.extra}; solo se necesita ${code(p.resource)}.`,
    fix: (p) => `Deja \`resources: ["${p.resource}"]\`.`,
    hint: 'Leer `secrets` daría a la aplicación todas las credenciales del namespace.',
  },
  'rbac.extraVerb': {
    what: (p) => `La regla concede también ${p.extra}; solo se necesitan ${p.verbs}.`,
    fix: () => 'Deja `verbs: ["get", "list", "watch"]`: leer, sin crear, cambiar ni borrar.',
  },
  'rbac.resourceNames': {
    what: () => 'La regla limita los objetos con `resourceNames`: así `list` y `watch` no funcionan (no se pueden limitar por nombre).',
    fix: () => 'Quita `resourceNames`.',
  },
  'rbac.missingVerb': {
    what: (p) => `El Role no concede ${p.missing} sobre ${code(p.resource)}.`,
    fix: () => 'Pon `verbs: ["get", "list", "watch"]` en la regla de `configmaps` (grupo `""`).',
  },
  'rbac.roleRef': {
    what: (p) => `El RoleBinding apunta a ${p.kind ?? '(sin tipo)'} ${code(p.name ?? '')}; se espera el Role ${code(p.role)}.`,
    fix: (p) => `Usa \`roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${p.role}}\`.`,
    hint: 'Un ClusterRole como `view` o `edit` concede mucho más que leer ConfigMaps.',
  },
  'rbac.subjectMissing': {
    what: (p) => `El RoleBinding no concede el Role a la ServiceAccount ${code(p.serviceAccount)}${maybe(p.found, (s) => ` (lo concede a: ${s})`)}.`,
    fix: (p) => `Añade en \`subjects\`: \`- kind: ServiceAccount\` con \`name: ${p.serviceAccount}\` (el namespace puede omitirse).`,
  },
  'rbac.subjectNamespace': {
    what: (p) => `La ServiceAccount ${code(p.serviceAccount)} del RoleBinding está en el namespace ${code(p.actual)}; se espera ${code(p.namespace)} (o ninguno).`,
    fix: () => 'Quita `namespace` del sujeto (vale el del RoleBinding) o pon el del ejercicio.',
  },
  'rbac.extraSubject': {
    what: (p) => `El RoleBinding concede el Role también a ${p.kind ?? '(sin tipo)'} ${code(p.name ?? '')}.`,
    fix: (p) => `Deja como único sujeto la ServiceAccount ${code(p.serviceAccount)}.`,
  },
  // NetworkPolicy
  'netpol.noIngressType': {
    what: (p) => `\`policyTypes\` es ${code(p.actual)} y no incluye \`Ingress\`: la política no filtra la entrada.`,
    fix: () => 'Pon `policyTypes: ["Ingress"]`.',
  },
  'netpol.notAllPods': {
    what: (p) => `La política solo elige los Pods con ${p.selector}; debe elegirlos todos.`,
    fix: () => 'Usa `podSelector: {}`: un selector vacío elige todos los Pods del namespace.',
  },
  'netpol.egress': {
    what: () => 'La política corta también la salida (`Egress`): bloquearía al frontend y las consultas DNS de todos los Pods.',
    fix: () => 'Esta política es solo de entrada: `policyTypes: ["Ingress"]` y sin `egress`.',
  },
  'netpol.ingressRules': {
    what: (p) =>
      p.allowsAll
        ? 'La política tiene una regla de entrada vacía (`- {}`), que deja entrar todo el tráfico.'
        : `La política tiene ${p.count === 1 ? 'una regla' : `${p.count} reglas`} de entrada: ya no deniega todo.`,
    fix: () => 'Quita `ingress`: una política que elige los Pods, con tipo `Ingress` y sin reglas, lo deniega todo. Lo que haya que abrir va en otra política.',
  },
  'netpol.selectsAll': {
    what: (p) => `La política elige todos los Pods del namespace; debe elegir solo los de ${code(p.workload)}.`,
    fix: (p) => `Pon en \`podSelector.matchLabels\` las etiquetas de los Pods de ${code(p.workload)}.`,
  },
  'netpol.notSelecting': {
    what: (p) => `El selector de la política (${p.selector}) no elige los Pods de ${code(p.workload)} (${p.labels}).`,
    fix: () => 'Copia en `podSelector.matchLabels` las etiquetas de la plantilla de Pod del Deployment.',
  },
  'netpol.fromAnyone': {
    what: () => 'Una regla de entrada no tiene `from`: deja entrar a cualquiera.',
    fix: (p) => `Añade \`from: [{podSelector: {matchLabels: {…}}}]\` con ${p.from}.`,
  },
  'netpol.peerIpBlock': {
    what: () => 'La regla deja entrar por direcciones IP (`ipBlock`); las IP de los Pods cambian a cada reinicio.',
    fix: (p) => `Elige a los clientes por etiquetas: \`podSelector\` con ${p.from}.`,
  },
  'netpol.peerNamespaces': {
    what: () => 'La regla usa `namespaceSelector`: deja entrar Pods de otros namespaces.',
    fix: () => 'Quita `namespaceSelector`: un `podSelector` solo elige Pods del mismo namespace.',
  },
  'netpol.peerAllPods': {
    what: (p) => `La regla deja entrar a cualquier Pod, no solo a los que llevan ${p.from}.`,
    fix: (p) => `Usa \`podSelector.matchLabels\` con ${p.from}.`,
  },
  'netpol.peerOther': {
    what: (p) => `La regla deja entrar a los Pods con ${p.selector}; se esperaban solo los que llevan ${p.from}.`,
    fix: (p) => `Usa \`podSelector.matchLabels\` con ${p.from}.`,
  },
  'netpol.allPorts': {
    what: (p) => `Una regla de entrada no tiene \`ports\`: abre todos los puertos, no solo el ${p.port}.`,
    fix: (p) => `Añade \`ports: [{protocol: TCP, port: ${p.port}}]\`.`,
  },
  'netpol.otherPort': {
    what: (p) =>
      `La regla abre ${p.actual === undefined ? 'todos los puertos' : `el puerto ${code(p.actual)}`}${maybe(p.protocol === 'TCP' ? undefined : p.protocol, (s) => ` (${s})`)}${p.endPort !== undefined ? ` hasta el ${code(p.endPort)}` : ''}; se espera solo el ${p.port}/TCP.`,
    fix: (p) => `Deja \`ports: [{protocol: TCP, port: ${p.port}}]\` (o el nombre del puerto del contenedor, si es el ${p.port}).`,
  },
  'netpol.noRule': {
    what: (p) => `Ninguna regla de entrada deja llegar a los Pods ${p.from} al puerto ${p.port} de ${code(p.workload)}.`,
    fix: (p) => `Añade en \`ingress\`: \`- from: [{podSelector: {matchLabels: {app: frontend}}}]\` y \`ports: [{protocol: TCP, port: ${p.port}}]\`.`,
  },
  // Live
  'live.foreignNamespace': {
    what: (p) =>
      `El corrector no crea el Namespace ${code(p.name ?? '')}: aplica tus objetos en un namespace propio de cada ejecución${maybe(p.standIn, (s) => `, que hace las veces de ${code(s)}`)}.`,
    fix: (p) => (p.standIn ? `Quita ese Namespace o llámalo ${code(p.standIn)}.` : 'Quita ese Namespace.'),
  },
  'security.live.warnings': {
    what: (p) => `El *dry-run* en el servidor del ${p.kind} ${code(p.name ?? '')} da avisos:${evidence(p.warnings)}`,
    fix: (p) =>
      `«would violate PodSecurity "restricted"» dice qué falta en el \`securityContext\`: corrígelo hasta que no haya avisos. Para verlo tú: \`kubectl apply --dry-run=server -n <namespace> -f k8s/\` en un namespace con la etiqueta \`pod-security.kubernetes.io/warn: restricted\` (aquí, ${code(p.namespace ?? '')}).`,
    hint: 'Un Deployment que incumple el nivel se crea sin error: son sus Pods los que se rechazan después. Estos avisos son la única señal al aplicarlo.',
  },
  'security.live.privilegedAdmitted': {
    what: (p) => `El namespace ${code(p.namespace ?? '')} admitió un Pod privilegiado: Pod Security no está aplicando \`restricted\`.`,
    fix: () => 'El corrector etiqueta su namespace con `pod-security.kubernetes.io/enforce: restricted`; si aun así lo admite, el clúster tiene desactivado el controlador de admisión PodSecurity.',
  },
  'security.live.privilegedOther': {
    what: (p) => `El clúster rechazó un Pod privilegiado, pero no por Pod Security: ${p.message}`,
    fix: () => 'Revisa qué objeto tuyo rechaza Pods en el namespace (una ResourceQuota o un LimitRange, por ejemplo).',
  },
  'rbac.live.access': {
    what: (p) => `Preguntado al servidor como la ServiceAccount ${code(p.serviceAccount)}:${evidence(p.wrong)}`,
    fix: (p) =>
      `Revisa el Role, el RoleBinding y cualquier otro RoleBinding que nombre a la ServiceAccount. Para verlo tú: \`kubectl auth can-i list configmaps --as=system:serviceaccount:${p.namespace ?? '<namespace>'}:${p.serviceAccount ?? ''} -n ${p.namespace ?? '<namespace>'}\`.`,
  },
  'security.live.failedCreate': {
    what: (p) => `El ReplicaSet de ${code(p.name ?? '')} creó ${p.created ?? 0} de ${p.expected ?? '?'} Pods.` + evidence(p.evidence),
    fix: (p) =>
      `«violates PodSecurity» dice qué le falta al \`securityContext\`; «serviceaccount … not found», que la ServiceAccount no existe. Para verlo tú: \`kubectl -n ${p.namespace ?? '<namespace>'} describe replicaset\` (evento FailedCreate).`,
  },
  'netpol.live.noPods': {
    what: (p) => `No hay ningún Pod preparado de ${code(p.workload ?? '')} con el que probar las NetworkPolicy.`,
    fix: () => 'Corrige primero las líneas anteriores: los Pods deben crearse y estar preparados.',
  },
  'netpol.live.allowedBlocked': {
    what: (p) => `Un Pod con ${code(p.from ?? '')} no llega a ${code(p.url ?? '')}: ${p.got}.`,
    fix: () => 'La política que abre el paso debe elegir los Pods de la API (`podSelector`), dejar entrar a los del frontend (`from`) y abrir el 8080 (`ports`).',
  },
  'netpol.live.clientFailed': {
    what: (p) => `El Pod cliente que debía quedarse sin respuesta de ${code(p.url ?? '')} no llegó a preguntar: ${p.got}.`,
    fix: () => 'No depende de tus manifiestos: vuelve a corregir; si se repite, mira los eventos del namespace (`kubectl get events`).',
  },
  'netpol.live.notBlocked': {
    what: (p) => `Un Pod sin la etiqueta del frontend llegó a ${code(p.url ?? '')} (${p.got}): debería quedarse ${p.seconds} s sin respuesta.`,
    fix: () => 'Revisa que la política que lo deniega todo elija todos los Pods y no tenga reglas, y que ninguna otra política abra la API a cualquiera.',
  },
};
