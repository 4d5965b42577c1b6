// Messages of the live tier (a real cluster).
import type { Catalogue } from './types.ts';

const evidence = (lines: unknown) =>
  Array.isArray(lines) && lines.length ? `\n  Lo que se ve en el clúster:\n${lines.map((l) => `    · ${String(l)}`).join('\n')}` : '';

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
};
