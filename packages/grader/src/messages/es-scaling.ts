// Messages of exercise 10 (scaling and availability): rolling updates, spreading over nodes,
// the HorizontalPodAutoscaler and the PodDisruptionBudget, static and live.
import type { Catalogue, Params } from './types.ts';
import { code, esEvidence as evidence, esStopped as stopped } from './format.ts';

const plural = (n: unknown, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

const SOURCES: Record<string, string> = {
  replicas: '`spec.replicas` del Deployment',
  default: 'sin `spec.replicas`, Kubernetes pone 1',
  hpaMin: 'el mínimo del HPA',
  hpaMinDefault: 'sin `minReplicas`, el HPA baja hasta 1',
  hpaMax: 'el máximo del HPA',
};
/** «con 10 réplicas (el máximo del HPA)». */
const withReplicas = (p: Params) => `con ${plural(p.replicas, 'réplica', 'réplicas')} (${SOURCES[String(p.source)] ?? String(p.source)})`;

export const esScaling: Catalogue = {
  'scaling.amount': {
    what: (p) => `${code(p.value)} no vale para \`${String(p.field)}\`: tiene que ser un número entero (\`1\`) o un porcentaje escrito como texto (\`"25%"\`).`,
    fix: (p) => `Escribe, por ejemplo, \`${String(p.field)}: 1\`.`,
  },
  // Rolling updates
  'rolling.notRolling': {
    what: (p) => `La estrategia es ${code(p.actual)}: al actualizar, Kubernetes borraría todos los Pods antes de crear los nuevos y el servicio se quedaría sin réplicas.`,
    fix: () => 'Usa `strategy.type: RollingUpdate` con `rollingUpdate.maxUnavailable: 0` y `maxSurge: 1`.',
  },
  'rolling.maxUnavailableMissing': {
    what: (p) =>
      p.resolved === 0
        ? `Falta \`maxUnavailable\`: Kubernetes usa un 25 % por defecto, que ${withReplicas(p)} aún se redondea a 0, pero desde 4 réplicas deja retirar Pods antes de que sus sustitutos estén preparados.`
        : `Falta \`maxUnavailable\`: Kubernetes usa un 25 % por defecto, que ${withReplicas(p)} deja retirar ${plural(p.resolved, 'réplica', 'réplicas')} antes de que sus sustitutas estén preparadas.`,
    fix: () => 'Escribe `strategy.rollingUpdate.maxUnavailable: 0`: un Pod viejo solo se retira cuando el nuevo está preparado.',
  },
  'rolling.maxUnavailable': {
    what: (p) =>
      `\`maxUnavailable: ${String(p.value)}\` ${withReplicas(p)} son ${plural(p.resolved, 'réplica', 'réplicas')} que pueden faltar durante la actualización.`,
    fix: () => 'Usa `maxUnavailable: 0`.',
    hint: 'Los porcentajes se calculan sobre las réplicas deseadas y `maxUnavailable` se redondea hacia abajo: con un HPA, piensa también en su máximo.',
  },
  'rolling.maxSurge': {
    what: (p) =>
      `\`maxSurge\` ${p.value === undefined ? '' : `(${code(p.value)}) `}no deja crear ninguna réplica de más ${withReplicas(p)}: con \`maxUnavailable: 0\` el despliegue no podría avanzar.`,
    fix: () => 'Usa `maxSurge: 1` (o más): el Pod nuevo se crea antes de retirar uno viejo.',
    hint: 'Con `maxSurge` y `maxUnavailable` a 0, la API rechaza el Deployment: alguno de los dos tiene que dejar margen.',
  },
  // Spreading over nodes
  'spread.required': {
    what: (p) =>
      `La antiafinidad obligatoria (\`requiredDuringSchedulingIgnoredDuringExecution\`) sobre ${code(p.key)} prohíbe dos réplicas en el mismo nodo. En un clúster de un solo nodo (kind o minikube tal como los crea el taller) la segunda réplica se queda en \`Pending\` para siempre, y con \`maxUnavailable: 0\` ninguna actualización termina.`,
    fix: () =>
      'Pídelo como preferencia: `preferredDuringSchedulingIgnoredDuringExecution` (con `weight` y `podAffinityTerm`), o una `topologySpreadConstraint` con `whenUnsatisfiable: ScheduleAnyway`.',
    hint: 'Una preferencia reparte las réplicas cuando hay varios nodos y las junta cuando solo hay uno.',
  },
  'spread.doNotSchedule': {
    what: () =>
      '`whenUnsatisfiable: DoNotSchedule` sin `nodeTaintsPolicy: Honor` cuenta también los nodos con taints donde tus Pods no pueden ir (el plano de control de un kind con varios nodos, nodos reservados) como nodos vacíos: al no poder repartir con ellos, las réplicas de más se quedan en `Pending`.',
    fix: () => 'Usa `whenUnsatisfiable: ScheduleAnyway`, o añade `nodeTaintsPolicy: Honor` para que solo cuenten los nodos que tus Pods pueden usar.',
  },
  'spread.doNotScheduleKey': {
    what: (p) =>
      `\`whenUnsatisfiable: DoNotSchedule\` sobre ${code(p.key)} deja en \`Pending\` los Pods en los nodos sin esa etiqueta (los de kind y minikube no tienen zona), y no reparte entre nodos.`,
    fix: () => 'Reparte sobre `topologyKey: kubernetes.io/hostname` con `whenUnsatisfiable: ScheduleAnyway`.',
  },
  'spread.minDomains': {
    what: (p) => `\`minDomains: ${String(p.minDomains)}\` exige ${String(p.minDomains)} nodos: en un clúster de un solo nodo, las réplicas de más se quedan en \`Pending\`.`,
    fix: () => 'Quita `minDomains` (o usa `whenUnsatisfiable: ScheduleAnyway`).',
  },
  'spread.key': {
    what: (p) => `Esta regla reparte sobre ${code(p.actual)}; para repartir entre nodos, la clave es \`kubernetes.io/hostname\`.`,
    fix: () => 'Usa `topologyKey: kubernetes.io/hostname`.',
  },
  'spread.selector': {
    what: (p) =>
      `El \`labelSelector\` de esta regla ${p.selector ? `(${String(p.selector)}) ` : ''}no elige los Pods del Deployment (${String(p.labels)}): no los repartiría.`,
    fix: () => 'Pon en `labelSelector.matchLabels` las etiquetas de la plantilla (`app: api-escalable`).',
  },
  'spread.missing': {
    what: () => 'La plantilla no pide repartir las réplicas entre nodos: todas podrían caer en el mismo nodo y caer con él.',
    fix: (p) =>
      `Añade en la plantilla de Pod una \`topologySpreadConstraint\` (\`maxSkew: 1\`, \`topologyKey: kubernetes.io/hostname\`, \`whenUnsatisfiable: ScheduleAnyway\`, \`labelSelector\` con ${String(p.labels)}) o una antiafinidad preferida.`,
  },
  // HorizontalPodAutoscaler
  'hpa.apiVersion': {
    what: (p) => `El HPA usa ${code(p.actual)}; se espera \`autoscaling/v2\`, la versión que describe las métricas en \`spec.metrics\`.`,
    fix: () => 'Usa `apiVersion: autoscaling/v2` y la CPU como métrica `Resource` en `spec.metrics`.',
  },
  'hpa.replicasSet': {
    what: (p) =>
      `El Deployment fija \`replicas: ${String(p.replicas)}\`, pero las réplicas las gestiona el HPA ${code(p.hpa)} (mínimo ${String(p.min)}): cada vez que apliques el archivo, Kubernetes volverá a ${String(p.replicas)} réplicas y deshará lo que el HPA haya decidido.`,
    fix: () => 'Quita `spec.replicas`: el HPA gestiona las réplicas. Sin ese campo, el Deployment empieza con 1 y el HPA lo sube a su mínimo en cuanto actúa.',
  },
  'hpa.target': {
    what: (p) =>
      `\`scaleTargetRef.${String(p.field)}\` ${p.actual === undefined ? 'falta' : `vale ${code(p.actual)}`}; para escalar el ${String(p.kind)} ${code(p.name)} se espera ${code(p.expected)}.`,
    fix: () => 'El HPA encuentra su objetivo por grupo y versión (`apps/v1`), tipo (`Deployment`) y nombre: los tres tienen que coincidir, con mayúsculas.',
  },
  'hpa.noMetrics': {
    what: (p) => `El HPA no tiene \`spec.metrics\`: Kubernetes le pondría un objetivo del 80 % de CPU, no del ${String(p.percent)} %.`,
    fix: (p) => `Añade en \`metrics\` una métrica \`type: Resource\` de \`cpu\` con \`target.type: Utilization\` y \`averageUtilization: ${String(p.percent)}\`.`,
  },
  'hpa.noCpu': {
    what: (p) => `Las métricas del HPA (${String(p.found)}) no incluyen la CPU.`,
    fix: (p) => `Añade una métrica \`type: Resource\` con \`resource.name: cpu\` y \`target\` \`Utilization\` del ${String(p.percent)} %.`,
  },
  'hpa.cpuType': {
    what: (p) =>
      `El objetivo de CPU es de tipo ${code(p.actual)}; se espera \`Utilization\`, un porcentaje de lo que pide cada Pod (\`requests.cpu\`).`,
    fix: (p) => `Usa \`target.type: Utilization\` con \`averageUtilization: ${String(p.percent)}\`.`,
    hint: '`AverageValue` es una cantidad absoluta (`100m`); `Utilization`, un porcentaje de la petición.',
  },
  'hpa.cpuValue': {
    what: (p) => `El objetivo de CPU es ${p.actual === undefined ? '(sin `averageUtilization`)' : `${code(p.actual)} %`}; se espera ${String(p.percent)} %.`,
    fix: (p) => `Pon \`averageUtilization: ${String(p.percent)}\` (un número, sin \`%\`).`,
  },
  'hpa.cpuContainer': {
    what: (p) => `La métrica \`ContainerResource\` mide el contenedor ${p.actual === undefined ? '(sin `container`)' : code(p.actual)}, y el de la plantilla es ${code(p.container)}: el HPA no encontraría sus métricas.`,
    fix: (p) => `Pon \`container: ${String(p.container)}\`, o usa \`type: Resource\` (la CPU de todo el Pod).`,
  },
  // PodDisruptionBudget
  'pdb.noSelector': {
    what: (p) => `El PDB no tiene \`spec.selector\`: no protege ningún Pod (los de ${code(p.workload)} llevan ${String(p.labels)}).`,
    fix: () => 'Añade `spec.selector.matchLabels` con las etiquetas de la plantilla del Deployment.',
  },
  'pdb.selectsAll': {
    what: () => 'El selector del PDB está vacío: en `policy/v1` eso elige todos los Pods del namespace, también los de otras aplicaciones.',
    fix: (p) => `Pon en \`matchLabels\` las etiquetas de los Pods de ${code(p.workload)} (${String(p.labels)}).`,
  },
  'pdb.selectsOther': {
    what: (p) => `El selector del PDB (${String(p.selector)}) no elige los Pods de ${code(p.workload)} (${String(p.labels)}).`,
    fix: () => 'Usa el mismo selector que el Deployment (`spec.selector.matchLabels`).',
  },
  'pdb.both': {
    what: () => 'El PDB tiene `minAvailable` y `maxUnavailable` a la vez; la API solo admite uno de los dos.',
    fix: () => 'Deja uno: por ejemplo `minAvailable: 1`.',
  },
  'pdb.noBudget': {
    what: () => 'El PDB no tiene `minAvailable` ni `maxUnavailable`: no limita ninguna interrupción.',
    fix: () => 'Añade `minAvailable: 1` (o `maxUnavailable: 1`).',
  },
  'pdb.noDisruption': {
    what: (p) =>
      `\`${String(p.field)}: ${String(p.value)}\` ${withReplicas(p)} exige ${plural(p.healthy, 'Pod sano', 'Pods sanos')}: no queda ninguna interrupción permitida, y un \`kubectl drain\` del nodo se quedaría esperando para siempre.`,
    fix: () => 'Usa un `minAvailable` menor que el mínimo de réplicas (por ejemplo `1`) o `maxUnavailable: 1`.',
    hint: '`kubectl get pdb` muestra `ALLOWED DISRUPTIONS`: tiene que ser al menos 1.',
  },
  // Live
  'live.hpaAbleToScale': {
    what: (p) => `El HPA \`${String(p.name)}\` no informa de \`AbleToScale=True\`: no consigue leer ni cambiar las réplicas de su objetivo.` + evidence(p.evidence),
    fix: (p) => `Revisa \`scaleTargetRef\` y míralo tú con \`kubectl -n ${String(p.namespace)} describe hpa ${String(p.name)}\` mientras corre la corrección.`,
  },
  'live.pdbBudget': {
    what: (p) => `El PDB \`${String(p.name)}\` no cuenta los Pods sanos o no permite ninguna interrupción.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `\`currentHealthy\` tiene que llegar a \`desiredHealthy\` y \`disruptionsAllowed\` ser al menos 1. Míralo con \`kubectl -n ${String(p.namespace)} get pdb ${String(p.name)}\`.`,
  },
  'live.updateBelowDesired': {
    what: (p) =>
      `Durante la actualización, las réplicas disponibles bajaron a ${String(p.lowest)} de ${String(p.desired)} deseadas (a los ${String(p.seconds)} s).` + evidence(p.evidence),
    fix: () => 'Con `maxUnavailable: 0` y una sonda de preparación, un Pod viejo solo se retira cuando su sustituto está preparado.',
  },
  'live.updateStalled': {
    what: (p) =>
      `La actualización de \`${String(p.name)}\` no terminó; mientras duró, las réplicas disponibles no bajaron de ${String(p.lowest)} (deseadas: ${String(p.desired)}).` + evidence(p.evidence),
    fix: (p) =>
      `Con \`maxUnavailable: 0\` el despliegue necesita sitio para el Pod de más (\`maxSurge\`): CPU y memoria libres en el nodo y margen en la cuota del namespace. Míralo con \`kubectl -n ${String(p.namespace)} describe deployment ${String(p.name)}\`.`,
  },
  'live.hpaNoScaleUp': {
    what: (p) => `Con carga de CPU durante ${String(p.seconds)} s, el HPA \`${String(p.name)}\` no pidió más réplicas.` + evidence(p.evidence),
    fix: () => 'El HPA necesita `requests.cpu` en el contenedor y metrics-server en marcha (`kubectl top pods` debe dar cifras).',
  },
};
