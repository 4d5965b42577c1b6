// Messages of the live tier (a real cluster).
import type { Catalogue } from './types.ts';
import { esEvidence as evidence, esStopped as stopped, lines } from './format.ts';

export const esLive: Catalogue = {
  'live.rejected': {
    what: (p) => `El servidor de Kubernetes rechaza el ${p.kind} \`${p.name}\`: ${p.message}`,
    fix: () => 'Corrige lo que dice el servidor: valida más que el esquema (rangos, campos inmutables, coherencia entre campos).',
  },
  'live.notFound': {
    what: (p) => `El ${p.kind} \`${p.name}\` no está en tus manifiestos, así que no se puede comprobar en el clúster.`,
  },
  'live.mismatch': {
    what: (p) => `El ${p.kind} \`${p.name}\` del clúster no llegó al estado esperado:${evidence(p.diff)}`,
    fix: (p) => `Míralo tú con \`kubectl -n ${p.namespace} get ${String(p.kind).toLowerCase()} ${p.name} -o yaml\` mientras corre la corrección.`,
  },
  'live.notReady': {
    what: (p) => `Se esperaban ${p.expected} Pod${p.expected === 1 ? '' : 's'} de ${p.kind} \`${p.name}\` preparados (Ready); hay ${p.ready}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `Mira el motivo: CrashLoopBackOff (el programa termina: revisa \`args\`), ImagePullBackOff o ErrImagePull (la imagen no está en el clúster: E23), o una sonda que falla (ruta o puerto). Para verlo tú: \`kubectl -n ${p.namespace} describe pod\` y \`kubectl -n ${p.namespace} logs <pod>\`.`,
  },
  'live.logMissing': {
    what: (p) =>
      (p.container
        ? `El registro del contenedor \`${p.container}\` (Pod \`${p.pod}\`) no tiene ninguna línea con ${JSON.stringify(p.text)}${Array.isArray(p.evidence) && p.evidence.length ? '.' : ': está vacío.'}`
        : `El registro del Pod \`${p.pod}\` no tiene ninguna línea con ${JSON.stringify(p.text)}.`) + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      p.container
        ? `Si el contenedor sigue un archivo, ¿es el mismo que escribe la aplicación, en el mismo volumen? Para verlo tú: \`kubectl -n ${p.namespace} logs ${p.pod} -c ${p.container}\`.`
        : '¿Arranca el subcomando correcto? El servidor del taller escribe `{"evento":"escuchando",…}` antes de aceptar conexiones.',
  },
  'live.http': {
    what: (p) => `Desde dentro del clúster, \`${p.url}\` no respondió lo esperado (${p.expected}); respondió: ${p.got}.` + stopped(p.final),
    fix: () => 'Comprueba que el Service selecciona los Pods, que `targetPort` llega al puerto del contenedor y que el Pod está preparado.',
  },
  'live.rollout': {
    what: (p) => `El despliegue de \`${p.name}\` no terminó con ${p.replicas} réplica${p.replicas === 1 ? '' : 's'} disponible${p.replicas === 1 ? '' : 's'}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) => `Para verlo tú: \`kubectl -n ${p.namespace} rollout status deployment/${p.name}\`.`,
  },
  'live.endpoints': {
    what: (p) => `El Service \`${p.service}\` tiene ${p.ready} endpoint${p.ready === 1 ? '' : 's'} preparado${p.ready === 1 ? '' : 's'}; se esperaban ${p.expected}.` + stopped(p.final),
    fix: () => 'Un endpoint aparece cuando un Pod que el Service selecciona está preparado: revisa el selector y la sonda de preparación.',
  },
  'live.jobIncomplete': {
    what: (p) => `El Job \`${p.name}\` no terminó con éxito.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) => `Revisa los argumentos y los montajes, y el registro: \`kubectl -n ${p.namespace} logs job/${p.name}\`.`,
  },
  'live.logValues': {
    what: (p) => `El registro de \`etl\` dice ${p.actual}; con el CSV del ConfigMap se esperaba ${p.expected}.` + evidence(p.evidence),
    fix: () => '¿Lee `--entrada` la carpeta donde está montado el ConfigMap, con todos sus archivos `.csv`?',
  },
  'live.lost': {
    what: (p) => `Se perdió la conexión con el clúster mientras se comprobaba (${p.error}).`,
    fix: () => '¿Se ha parado el clúster o Docker? Compruébalo con `kubectl get nodes` (E25 en docs/solucion-de-problemas.md) y vuelve a corregir.',
  },
  'live.notScheduled': {
    what: (p) =>
      `Se esperaban ${p.expected} Pod${p.expected === 1 ? '' : 's'} de ${p.kind} \`${p.name}\` asignados a un nodo; hay ${p.created} creado${p.created === 1 ? '' : 's'} y ${p.scheduled} asignado${p.scheduled === 1 ? '' : 's'} (${p.chain}).` +
      evidence(p.evidence),
    fix: (p) =>
      `Lee el motivo del planificador: «Insufficient cpu» o «Insufficient memory» significa que pides (requests) más de lo que tiene un nodo; bájalo. Para verlo tú: \`kubectl -n ${p.namespace} describe pod\` (el namespace se borra al terminar la corrección).`,
  },
  // TALLER_REQUIRE: the tiers that must run here (CI sets it for every tier it sets up).
  'require.invalid': {
    what: (p) =>
      `TALLER_REQUIRE=${p.value} no es válido: ${lines(p.unknown).map((n) => `\`${n}\``).join(', ')} no es ninguno de los niveles que se pueden exigir. Valores válidos, separados por comas: ${lines(p.valid).join(', ')}.`,
  },
  'require.skipped': {
    what: (p) => `Esta comprobación se habría omitido, pero TALLER_REQUIRE=${p.setting} exige \`${p.need}\`: ${String(p.reason).replace(/\.$/, '')}.`,
    fix: (p) => `Prepara \`${p.need}\` en esta máquina (lo explica el motivo) o quítalo de TALLER_REQUIRE.`,
  },
};
