// Messages of the guest book (exercise 13): Redis leader and followers, Services that select one
// role only, a Service reachable from outside the cluster; and its live checks.
import type { Catalogue } from './types.ts';
import { code, enEvidence as evidence, enStopped as stopped } from './format.ts';

const list = (v: unknown) => `[${(Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)).join(', ')}]`;
const replicaArgs = (p: Record<string, unknown>) => `\`args: ${list(p.expected)}\``;

export const enGuestbook: Catalogue = {
  // Redis: one leader, followers that replicate it
  'redis.leaderReplicas': {
    what: (p) =>
      `The Deployment ${code(p.name)} asks for ${code(p.actual)} replicas: they would be several independent Redis servers, each with its own data, and their Service would spread the messages across them.`,
    fix: () => 'Keep `replicas: 1` (or remove the field): there is a single leader. To serve more reads, add followers.',
    hint: 'The replicas of a Deployment are interchangeable copies; one Redis does not share its data with another unless one replicates the other.',
  },
  'redis.replicaOfMissing': {
    what: (p) =>
      `The container does not start Redis as a replica: ${Array.isArray(p.actual) && p.actual.length ? `its arguments (\`${list(p.actual)}\`) do not include \`--replicaof\`` : 'it has no `args`'}. So each follower would be an empty Redis that knows nothing about the leader.`,
    fix: (p) => `Use ${replicaArgs(p)}: the Redis image passes the options that start with \`--\` on to \`redis-server\`.`,
  },
  'redis.replicaOfJoined': {
    what: (p) => `${code(p.actual)} puts into a single list item what Redis expects as separate items.`,
    fix: (p) => `Put each word in its own item: ${replicaArgs(p)}.`,
  },
  'redis.slaveof': {
    what: () => '`--slaveof` is the old name of `--replicaof`.',
    fix: (p) => `Use ${replicaArgs(p)} (Redis 5 renamed it; the old name is kept only for compatibility).`,
  },
  'redis.replicaOfHost': {
    what: (p) => `The followers would replicate from ${code(p.actual)}; they must replicate from the leader, through its Service ${code(p.host)}.`,
    fix: (p) => `Use ${replicaArgs(p)}.`,
    hint: 'Within the same namespace the Service name is enough: the cluster DNS resolves it to a virtual IP that does not change even when the leader\'s Pod is recreated.',
  },
  'redis.replicaOfPort': {
    what: (p) => `\`--replicaof\` uses port ${code(p.actual)}; the leader's Service listens on port ${p.port}.`,
    fix: (p) => `Use ${replicaArgs(p)}.`,
  },
  // The frontend: writes to the leader, reads from the followers (or the leader)
  'redis.writeHostMissing': {
    what: () => 'The container does not define `REDIS_HOST`: `/visitas` would answer 503 (“el libro de visitas necesita Redis”).',
    fix: (p) => `Add to \`env\`: \`- name: REDIS_HOST\` with \`value: ${p.leader}\` (the name of the leader's Service).`,
  },
  'redis.writeHost': {
    what: (p) =>
      p.actual === p.followers
        ? `\`REDIS_HOST\` points to ${code(p.actual)}: the followers are read-only replicas and would reject every message (“READONLY You can't write against a read only replica”).`
        : `\`REDIS_HOST\` is ${code(p.actual)}; writes must go to the leader, through its Service ${code(p.leader)}.`,
    fix: (p) => `Use \`value: ${p.leader}\`. To read from the followers there is \`REDIS_HOST_LECTURA\`.`,
  },
  'redis.readHost': {
    what: (p) => `\`REDIS_HOST_LECTURA\` is ${code(p.actual)}; if you define it, it must name the Service ${code(p.followers)} (or ${code(p.leader)}).`,
    fix: (p) => `Use \`value: ${p.followers}\` to read from the followers, or remove the variable and reads will go to the leader.`,
  },
  // Selectors that tell the roles apart
  'service.selectsOthers': {
    what: (p) =>
      `The selector of the Service ${code(p.service)} (${p.selector}) also picks the Pods of ${code(p.other)} (${p.labels}): it would spread connections across ${code(p.workload)} and ${code(p.other)}.`,
    fix: (p) => `Add to the selector a label that only the Pods of ${code(p.workload)} carry (for example \`rol\`), and set it in their template.`,
    hint: 'A Service spreads connections across every Pod it picks: if the leader\'s Service also picks the followers, some writes reach a replica and fail with “READONLY”.',
  },
  'selector.overlaps': {
    what: (p) =>
      `The selector of ${code(p.workload)} also matches the labels of the Pods of ${code(p.other)} (${p.labels}): the two Deployments would fight over those Pods.`,
    fix: () => 'Tell the templates apart with one more label (for example `rol: lider` and `rol: seguidor`) and add it to each selector too.',
    hint: 'Kubernetes does not stop two selectors from overlapping, but its documentation advises against it: each controller counts the other\'s Pods as its own.',
  },
  // Exposing a Service outside the cluster
  'service.notExposed': {
    what: (p) => `The Service has type ${code(p.actual)}: it cannot be reached from outside the cluster.`,
    fix: (p) => `Use \`type: NodePort\` with \`nodePort: ${p.nodePort}\` on its port, or \`type: LoadBalancer\`.`,
    hint: 'NodePort opens the same port (30000-32767) on every node; LoadBalancer also asks the provider for an external IP (on kind or minikube, with cloud-provider-kind or `minikube tunnel`).',
  },
  'service.nodePortMissing': {
    what: (p) => `The Service is a NodePort, but no port sets \`nodePort: ${p.nodePort}\`: Kubernetes would pick a random free one between 30000 and 32767.`,
    fix: (p) => `Add \`nodePort: ${p.nodePort}\` next to \`port\` and \`targetPort\`.`,
    hint: 'The cluster from exercise 05 forwards node port 30080 to your machine: with any other number you would not get through.',
  },
  'service.nodePortValue': {
    what: (p) =>
      p.outOfRange
        ? `\`nodePort: ${String(p.actual)}\` is outside the NodePort range (30000-32767): the API server would reject it.`
        : `\`nodePort\` is ${code(p.actual)}; expected \`${p.nodePort}\`.`,
    fix: (p) => `Use \`nodePort: ${p.nodePort}\`.`,
    hint: '`port` is the Service\'s port, `targetPort` the container\'s and `nodePort` the one on each node.',
  },
  // Live: replication and the guest book end to end
  'live.replication': {
    what: (p) => `The follower \`${p.pod}\` is not replicating from the leader: \`redis-cli info replication\` says ${p.summary}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `Check that \`--replicaof\` names the Service \`redis-lider\` and port 6379, that this Service has endpoints and that the leader accepts connections without a password. To see it yourself: \`kubectl -n ${p.namespace} exec deploy/redis-seguidor -- redis-cli info replication\` and \`kubectl -n ${p.namespace} logs deploy/redis-seguidor\`.`,
  },
  'live.exec': {
    what: (p) => `Could not run ${code(p.command)} in the Pod \`${p.pod}\`: ${p.error}.`,
    fix: () => 'Does the container use the `redis:7.0-bookworm` image, which ships `redis-cli`?',
  },
  'live.guestbookWrite': {
    what: (p) => `A message sent with POST to \`${p.url}\` was not saved: the answer was ${p.got}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `The frontend writes to \`REDIS_HOST\`: it must be \`redis-lider\`, a Service with endpoints. Look at its log: \`kubectl -n ${p.namespace} logs deploy/frontend\`.`,
  },
  'live.guestbookRead': {
    what: (p) =>
      `The message ${code(p.message)} was saved (POST answered 201), but \`GET ${p.url}\` does not return it after ${p.seconds} s; it answered ${p.got}.`,
    fix: () =>
      'If you read from the followers (`REDIS_HOST_LECTURA=redis-seguidor`), check that they replicate from the leader; otherwise, check that `REDIS_HOST_LECTURA` does not point to another Redis.',
  },
};
