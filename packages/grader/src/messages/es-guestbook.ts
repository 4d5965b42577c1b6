// Messages of the guest book (exercise 13): Redis leader and followers, Services that select one
// role only, a Service reachable from outside the cluster; and its live checks.
import type { Catalogue } from './types.ts';
import { code, esEvidence as evidence, esStopped as stopped } from './format.ts';

const list = (v: unknown) => `[${(Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)).join(', ')}]`;
const replicaArgs = (p: Record<string, unknown>) => `\`args: ${list(p.expected)}\``;

export const esGuestbook: Catalogue = {
  // Redis: one leader, followers that replicate it
  'redis.leaderReplicas': {
    what: (p) =>
      `El Deployment ${code(p.name)} pide ${code(p.actual)} réplicas: serían varios Redis independientes, cada uno con sus propios datos, y su Service repartiría los mensajes entre ellos.`,
    fix: () => 'Deja `replicas: 1` (o quita el campo): hay un solo líder. Para atender más lecturas, añade seguidores.',
    hint: 'Las réplicas de un Deployment son copias intercambiables; un Redis no comparte sus datos con otro Redis salvo que uno replique al otro.',
  },
  'redis.replicaOfMissing': {
    what: (p) =>
      `El contenedor no arranca Redis como réplica: ${Array.isArray(p.actual) && p.actual.length ? `sus argumentos (\`${list(p.actual)}\`) no incluyen \`--replicaof\`` : 'no tiene `args`'}. Así, cada seguidor sería un Redis vacío que no sabe nada del líder.`,
    fix: (p) => `Usa ${replicaArgs(p)}: la imagen de Redis pasa a \`redis-server\` las opciones que empiezan por \`--\`.`,
  },
  'redis.replicaOfJoined': {
    what: (p) => `${code(p.actual)} junta en un solo elemento de la lista lo que Redis espera por separado.`,
    fix: (p) => `Pon cada palabra en su propio elemento: ${replicaArgs(p)}.`,
  },
  'redis.slaveof': {
    what: () => '`--slaveof` es el nombre antiguo de `--replicaof`.',
    fix: (p) => `Usa ${replicaArgs(p)} (Redis 5 cambió el nombre; el antiguo queda solo por compatibilidad).`,
  },
  'redis.replicaOfHost': {
    what: (p) => `Los seguidores replicarían de ${code(p.actual)}; deben hacerlo del líder, a través de su Service ${code(p.host)}.`,
    fix: (p) => `Usa ${replicaArgs(p)}.`,
    hint: 'Dentro del mismo namespace basta el nombre del Service: el DNS del clúster lo resuelve a una IP virtual que no cambia aunque el Pod del líder se recree.',
  },
  'redis.replicaOfPort': {
    what: (p) => `\`--replicaof\` usa el puerto ${code(p.actual)}; el Service del líder atiende en el ${p.port}.`,
    fix: (p) => `Usa ${replicaArgs(p)}.`,
  },
  // The frontend: writes to the leader, reads from the followers (or the leader)
  'redis.writeHostMissing': {
    what: () => 'El contenedor no define `REDIS_HOST`: `/visitas` respondería 503 («el libro de visitas necesita Redis»).',
    fix: (p) => `Añade en \`env\`: \`- name: REDIS_HOST\` con \`value: ${p.leader}\` (el nombre del Service del líder).`,
  },
  'redis.writeHost': {
    what: (p) =>
      p.actual === p.followers
        ? `\`REDIS_HOST\` apunta a ${code(p.actual)}: los seguidores son réplicas de solo lectura y rechazarían cada mensaje («READONLY You can't write against a read only replica»).`
        : `\`REDIS_HOST\` vale ${code(p.actual)}; las escrituras deben ir al líder, a través de su Service ${code(p.leader)}.`,
    fix: (p) => `Usa \`value: ${p.leader}\`. Para leer de los seguidores está \`REDIS_HOST_LECTURA\`.`,
  },
  'redis.readHost': {
    what: (p) => `\`REDIS_HOST_LECTURA\` vale ${code(p.actual)}; si la defines, debe nombrar el Service ${code(p.followers)} (o ${code(p.leader)}).`,
    fix: (p) => `Usa \`value: ${p.followers}\` para leer de los seguidores, o quita la variable y se leerá del líder.`,
  },
  // Selectors that tell the roles apart
  'service.selectsOthers': {
    what: (p) =>
      `El selector del Service ${code(p.service)} (${p.selector}) elige también los Pods de ${code(p.other)} (${p.labels}): repartiría las conexiones entre ${code(p.workload)} y ${code(p.other)}.`,
    fix: (p) => `Añade al selector una etiqueta que solo lleven los Pods de ${code(p.workload)} (por ejemplo \`rol\`), y ponla en su plantilla.`,
    hint: 'Un Service reparte las conexiones entre todos los Pods que elige: si el del líder elige también a los seguidores, parte de las escrituras llega a una réplica y falla con «READONLY».',
  },
  'selector.overlaps': {
    what: (p) =>
      `El selector de ${code(p.workload)} coincide también con las etiquetas de los Pods de ${code(p.other)} (${p.labels}): los dos Deployments se disputarían esos Pods.`,
    fix: () => 'Distingue las plantillas con una etiqueta más (por ejemplo `rol: lider` y `rol: seguidor`) y ponla también en cada selector.',
    hint: 'Kubernetes no impide que dos selectores se solapen, pero su documentación lo desaconseja: cada controlador cuenta como suyos los Pods del otro.',
  },
  // Exposing a Service outside the cluster
  'service.notExposed': {
    what: (p) => `El Service es de tipo ${code(p.actual)}: no se puede llegar a él desde fuera del clúster.`,
    fix: (p) => `Usa \`type: NodePort\` con \`nodePort: ${p.nodePort}\` en su puerto, o \`type: LoadBalancer\`.`,
    hint: 'NodePort abre el mismo puerto (30000-32767) en cada nodo; LoadBalancer, además, pide una IP externa al proveedor (en kind o minikube, con cloud-provider-kind o `minikube tunnel`).',
  },
  'service.nodePortMissing': {
    what: (p) => `El Service es NodePort, pero ningún puerto fija \`nodePort: ${p.nodePort}\`: Kubernetes elegiría uno libre al azar entre 30000 y 32767.`,
    fix: (p) => `Añade \`nodePort: ${p.nodePort}\` junto a \`port\` y \`targetPort\`.`,
    hint: 'El clúster del ejercicio 05 lleva el puerto 30080 del nodo a tu máquina: con otro número no llegarías.',
  },
  'service.nodePortValue': {
    what: (p) =>
      p.outOfRange
        ? `\`nodePort: ${String(p.actual)}\` está fuera del rango de los NodePort (30000-32767): el servidor lo rechazaría.`
        : `\`nodePort\` vale ${code(p.actual)}; se espera \`${p.nodePort}\`.`,
    fix: (p) => `Usa \`nodePort: ${p.nodePort}\`.`,
    hint: '`port` es el del Service, `targetPort` el del contenedor y `nodePort` el de cada nodo.',
  },
  // Live: replication and the guest book end to end
  'live.replication': {
    what: (p) => `El seguidor \`${p.pod}\` no replica del líder: \`redis-cli info replication\` dice ${p.summary}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `Comprueba que \`--replicaof\` nombra el Service \`redis-lider\` y el puerto 6379, que ese Service tiene endpoints y que el líder acepta conexiones sin contraseña. Para verlo tú: \`kubectl -n ${p.namespace} exec deploy/redis-seguidor -- redis-cli info replication\` y \`kubectl -n ${p.namespace} logs deploy/redis-seguidor\`.`,
  },
  'live.exec': {
    what: (p) => `No se pudo ejecutar ${code(p.command)} en el Pod \`${p.pod}\`: ${p.error}.`,
    fix: () => '¿Usa el contenedor la imagen `redis:7.0-bookworm`, que trae `redis-cli`?',
  },
  'live.guestbookWrite': {
    what: (p) => `Un mensaje enviado con POST a \`${p.url}\` no se guardó: respondió ${p.got}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `El frontend escribe en \`REDIS_HOST\`: debe ser \`redis-lider\`, un Service con endpoints. Mira su registro: \`kubectl -n ${p.namespace} logs deploy/frontend\`.`,
  },
  'live.guestbookRead': {
    what: (p) =>
      `El mensaje ${code(p.message)} se guardó (POST respondió 201), pero \`GET ${p.url}\` no lo devuelve tras ${p.seconds} s; respondió ${p.got}.`,
    fix: () =>
      'Si lees de los seguidores (`REDIS_HOST_LECTURA=redis-seguidor`), comprueba que replican del líder; si no, que `REDIS_HOST_LECTURA` no apunta a otro Redis.',
  },
};
