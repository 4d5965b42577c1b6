// English messages of exercise 05: the kind cluster configuration (schema, roles, labels, the
// published port) and the live tier that creates a second kind cluster (why it was skipped,
// what failed).
import type { Catalogue } from './types.ts';
import { block, code, lines, maybe } from './format.ts';

const plural = (n: unknown, one: string, many: string) => `${String(n ?? '?')} ${n === 1 ? one : many}`;
const node = (i: unknown) => `\`nodes[${String(i ?? '?')}]\``;

export const enKind: Catalogue = {
  // What kind itself would refuse.
  'kind.notMap': {
    what: (p) => `A kind configuration is a map with \`kind\`, \`apiVersion\` and \`nodes\`; right now the file is ${p.type ?? 'something else'}.`,
    fix: () => 'Start the file with `kind: Cluster` and `apiVersion: kind.x-k8s.io/v1alpha4`, with no indentation and no `-` in front.',
  },
  'kind.apiVersion': {
    what: (p) =>
      p.value === undefined
        ? `\`apiVersion\` is missing: kind needs it to know how to read the file.`
        : String(p.value).startsWith('kind.sigs.k8s.io/')
          ? `${code(p.value)} is the \`apiVersion\` of old kind versions; current ones only read ${code(p.expected ?? 'kind.x-k8s.io/v1alpha4')}.`
          : `kind does not know \`apiVersion: ${String(p.value)}\`; it only reads ${code(p.expected ?? 'kind.x-k8s.io/v1alpha4')}.`,
    fix: () => 'Write `apiVersion: kind.x-k8s.io/v1alpha4` (and `kind: Cluster`).',
    hint: 'This file is not a Kubernetes manifest: it is not applied with `kubectl`, it is passed to `kind create cluster --config`.',
  },
  'kind.kind': {
    what: (p) => (p.value === undefined ? '`kind: Cluster` is missing.' : `\`kind: ${String(p.value)}\` is not a kind configuration: it must be \`kind: Cluster\`.`),
    fix: () => 'Write `kind: Cluster` (capitalized) at the start of the file.',
  },
  'kind.unknownField': {
    what: (p) =>
      `Field ${code(p.field)} does not exist in ${p.type ?? 'this level'} of the kind configuration.` +
      maybe(p.suggestion, (s) => ` Did you mean ${code(s)}?`) +
      maybe(p.belongs, (s) => ` That field belongs in ${s}: check the indentation.`),
    fix: () => 'kind rejects unknown fields ("field … not found in type v1alpha4…"): fix the name (case matters) or the indentation that put it there.',
  },
  'kind.port.range': {
    what: (p) => `${code(p.value)} is not a valid port: kind accepts 1 to 65535 (0 or -1 for a random one).`,
  },
  'kind.name': {
    what: (p) => `${code(p.value)} is not valid as a cluster name: kind only accepts lowercase letters, digits, \`.\` and \`-\`.`,
    fix: () => 'For example `name: taller-05`, or remove `name` and give the name when creating it with `--name`.',
  },
  'kind.listenAddress': {
    what: (p) => `${code(p.value)} is not an IP address: \`listenAddress\` needs an IP such as \`127.0.0.1\`, not a name such as \`localhost\`.`,
  },
  'kind.label.key': {
    what: (p) => `${code(p.key)} is not valid as a label key.`,
    fix: () => 'A key is a name of up to 63 characters (letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit), with an optional domain prefix (`example.com/`).',
  },
  'kind.label.reserved': {
    what: (p) =>
      `${code(p.key)} uses a prefix reserved by Kubernetes (\`kubernetes.io\` or \`k8s.io\`): the kubelet refuses to start with that label in \`--node-labels\` and the node never joins the cluster.`,
    fix: () => 'Use a key of your own, such as `carga: datos`. A role label such as `node-role.kubernetes.io/worker` is set afterwards with `kubectl label node`, not in the kind configuration.',
  },
  'kind.label.value': {
    what: (p) => `${code(p.value)} is not valid as a label value: up to 63 characters (letters, digits, \`-\`, \`_\` and \`.\`), starting and ending with a letter or digit.`,
  },

  // Nodes, roles, labels and the published port.
  'kind.roles': {
    what: (p) => {
      const others = lines(p.others);
      return (
        `Your configuration creates ${plural(p.controlPlanes, 'control-plane', 'control-planes')} and ${plural(p.workers, 'worker', 'workers')}` +
        (others.length ? ` and ${plural(others.length, 'node', 'nodes')} with a role kind does not know (${others.map(code).join(', ')})` : '') +
        `; expected ${plural(p.expectedControlPlanes, 'control-plane', 'control-planes')} and ${plural(p.expectedWorkers, 'worker', 'workers')}.` +
        (p.implicit ? ' Without `nodes`, kind creates a single control-plane node.' : maybe(p.nodes, (s) => ` Nodes: ${s}.`))
      );
    },
    fix: (p) =>
      'Put in `nodes` one `- role: control-plane` item and two `- role: worker` items (a node without `role` is a control-plane).' +
      (Number(p.controlPlanes) > 1 ? ' With more than one control-plane, kind builds a high-availability control plane, with more nodes and a load balancer: that is not what the exercise asks for.' : ''),
  },
  'kind.labels.noWorkers': {
    what: (p) => `There is no worker to put the label ${code(p.labels ?? 'carga: datos')} on.`,
    fix: () => 'First add the two `- role: worker` nodes and, in each one, a `labels` map with the label.',
  },
  'kind.labels.missing': {
    what: (p) =>
      `Worker ${node(p.index)} does not have the label \`${String(p.key ?? 'carga')}: ${String(p.value ?? 'datos')}\`.` +
      (p.notMap ? ' `labels` must be a `key: value` map, not a list or a string (`carga=datos` is the `kubectl` form).' : '') +
      maybe(p.near, (s) => ` It has ${code(s)}: keys must be written exactly, with the same case.`) +
      (p.viaPatch ? ' You set it with `node-labels` in `kubeadmConfigPatches`: that works, but the exercise asks for the node\'s `labels` field, which is shorter and easier to read.' : ''),
    fix: (p) => `Add \`labels:\` to that node and, indented below it, \`${String(p.key ?? 'carga')}: ${String(p.value ?? 'datos')}\`.`,
    hint: 'With the label on the workers, a Pod with `nodeSelector: {carga: datos}` is only scheduled on them.',
  },
  'kind.labels.value': {
    what: (p) => `On worker ${node(p.index)}, the label ${code(p.key ?? 'carga')} is ${code(p.actual)}; expected ${code(p.expected ?? 'datos')}.`,
  },
  'kind.labels.onControlPlane': {
    what: (p) =>
      `The control-plane ${node(p.index)} also has \`${String(p.key ?? 'carga')}: ${String(p.value ?? 'datos')}\`: Pods with that \`nodeSelector\` could end up on it.`,
    fix: () => 'Keep the label only on the two workers.',
  },
  'kind.port.missing': {
    what: () => 'The control-plane does not publish any port on your machine (`extraPortMappings`).',
    fix: (p) =>
      `In the \`role: control-plane\` node, add an \`extraPortMappings\` item with \`containerPort: ${String(p.containerPort ?? 30080)}\`, \`hostPort: ${String(p.hostPort ?? 8081)}\` and \`listenAddress: ${String(p.listenAddress ?? '127.0.0.1')}\`.`,
    hint: '`extraPortMappings` is only set when the cluster is created: to change it you must delete the cluster and create it again (E24).',
  },
  'kind.port.dockerStyle': {
    what: (p) => `${code(String(p.value ?? ''))} is the \`docker run -p\` form; kind describes each published port as a map.`,
    fix: (p) =>
      `Write it like this: \`- containerPort: ${String(p.containerPort ?? 30080)}\`, and below it \`hostPort: ${String(p.hostPort ?? 8081)}\` and \`listenAddress: ${String(p.listenAddress ?? '127.0.0.1')}\`, aligned with \`containerPort\`.`,
  },
  'kind.port.onWorker': {
    what: (p) => `The mapping for port ${String(p.containerPort ?? 30080)} is on worker ${node(p.index)}, not on the control-plane.`,
    fix: () => 'Move it to the `role: control-plane` node: it is the one that always exists, even in a single-node cluster.',
  },
  'kind.port.swapped': {
    what: (p) =>
      `\`hostPort\` and \`containerPort\` are swapped: \`hostPort\` is the port on your machine (${String(p.hostPort ?? 8081)}) and \`containerPort\` the one on the node, where the NodePort listens (${String(p.containerPort ?? 30080)}).`,
    fix: (p) => `Use \`containerPort: ${String(p.containerPort ?? 30080)}\` and \`hostPort: ${String(p.hostPort ?? 8081)}\`.`,
  },
  'kind.port.field': {
    what: (p) => {
      const role = p.field === 'hostPort' ? 'the port on your machine' : 'the port on the node, where the NodePort listens (range 30000–32767)';
      return p.actual === undefined
        ? `\`${String(p.field)}\`, ${role}, is missing; expected ${code(p.expected)}.`
        : `\`${String(p.field)}\` (${role}) is ${code(p.actual)}; expected ${code(p.expected)}.`;
    },
  },
  'kind.port.listenAddress': {
    what: (p) =>
      p.actual === undefined
        ? '`listenAddress` is missing: without it, kind publishes the port on all interfaces (`0.0.0.0`) and anyone on your network could reach your cluster.'
        : `\`listenAddress\` is ${code(p.actual)}; expected ${code(p.listenAddress ?? '127.0.0.1')}, so that only your machine can reach the port.`,
    fix: (p) => `Set \`listenAddress: ${String(p.listenAddress ?? '127.0.0.1')}\` in that mapping.`,
  },
  'kind.port.protocol': {
    what: (p) => `\`protocol: ${String(p.actual ?? '')}\`: an HTTP service goes over TCP.`,
    fix: () => 'Use `protocol: TCP` or remove the field (TCP is the default).',
  },

  // Live tier: why it was skipped (one line each, like every skip reason).
  'kind.skip.optIn': {
    what: () =>
      'this tier creates a second kind cluster with three nodes (about 4 GiB of memory for Docker and a minute or two), so it only runs if you ask for it: `TALLER_05_EN_VIVO=1 npm test -w exercise-05`',
  },
  'kind.skip.config': {
    what: () => '`kind-config.yaml` has failures in the static tier: fix them first',
  },
  'kind.skip.missing': {
    what: () =>
      'needs kind 0.30 or later and cannot find the `kind` command: install it as explained in docs/instalacion.md ("5. kind": on Linux and WSL2 `curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.30.0/kind-linux-amd64 && sudo install -m 0755 kind /usr/local/bin/kind`; on macOS `brew install kind`), open a new terminal and grade again',
  },
  'kind.skip.old': {
    what: (p) => `needs kind 0.30 or later and you have ${code(p.version ?? '?')}: update it as explained in docs/instalacion.md ("5. kind")`,
  },
  'kind.skip.memory': {
    what: (p) =>
      `three kind nodes need about 4 GiB of memory and Docker only has ${String(p.gib ?? '?')} GiB (E05): give it more in Docker Desktop (Settings › Resources) or in \`.wslconfig\` with WSL2, and grade again`,
  },
  'kind.skip.notCreated': {
    what: () => 'kind did not create the cluster: see the line «kind crea el clúster»',
  },

  // Live tier: failures with the evidence collected.
  'kind.live.create': {
    what: (p) =>
      (p.timedOut
        ? `\`kind create cluster\` did not finish within ${String(p.minutes ?? '?')} minutes and was cancelled.`
        : `\`kind create cluster\` could not create the cluster from your \`kind-config.yaml\` (exit code ${String(p.exitCode ?? '?')}).`) +
      lines(p.causes)
        .map((c) => `\n    Likely cause: ${c}`)
        .join('') +
      block('Last lines from kind', p.tail),
    fix: () => 'Try it by hand from the exercise folder: `kind create cluster --name prueba-05 --config kind-config.yaml` and, when done, `kind delete cluster --name prueba-05`.',
  },
  'kind.live.notReady': {
    what: (p) =>
      `After ${String(p.seconds ?? '?')} s, ${String(p.ready ?? 0)} of ${String(p.expected ?? 3)} nodes are Ready.` +
      maybe(p.cause, (s) => `\n    Likely cause: ${s}`) +
      block('Nodes', p.evidence),
    fix: () => 'To see it yourself, create the cluster by hand (`kind create cluster --name prueba-05 --config kind-config.yaml`) and look at `kubectl --context kind-prueba-05 describe nodes`.',
  },
  'kind.live.labels': {
    what: (p) => `In the cluster, the node labels are not the expected ones: ${String(p.detail ?? '')}.${block('Nodes and their labels', p.evidence)}`,
    fix: () => 'Check it yourself with `kubectl get nodes -L carga` in a cluster created from your file.',
  },
  'kind.live.port': {
    what: (p) =>
      `Docker does not publish port ${String(p.containerPort ?? 30080)} of the control-plane on \`${String(p.listenAddress ?? '127.0.0.1')}\` (the grader used the free port ${String(p.hostPort ?? '?')} instead of ${String(p.learnerPort ?? 8081)}).` +
      block('`docker port` says', p.evidence),
    fix: () => 'Check that the mapping is on the `role: control-plane` node and look at it yourself with `docker port <cluster>-control-plane`.',
  },
  'kind.live.delete': {
    what: (p) =>
      `Could not delete the test cluster ${code(p.name)} (exit code ${String(p.exitCode ?? '?')}${maybe(p.detail, (s) => `: ${s}`)}); it takes up memory until you delete it.`,
    fix: (p) => `Delete it yourself: \`kind delete cluster --name ${String(p.name ?? '<name>')}\`.`,
  },
};
