// Messages of exercise 12 (security): Pod Security labels and security contexts, RBAC,
// NetworkPolicy, and their live checks.
import type { Catalogue } from './types.ts';
import { code, enEvidence as evidence, maybe } from './format.ts';

const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => code(String(x))).join(', ') : code(v));
const inContainer = (p: Record<string, unknown>) => maybe(p.container, (c) => ` in the container ${code(c)}`);

export const enSecurity: Catalogue = {
  // Pod Security Admission labels on the Namespace
  'psa.labelMissing': {
    what: (p) =>
      `The label ${code(p.key)} is missing.` +
      (p.inAnnotations ? ' It is in `metadata.annotations`, but Pod Security only reads `metadata.labels`.' : ''),
    fix: (p) => `Add to \`metadata.labels\`: \`${p.key}: ${p.level}\`.`,
    hint: '`enforce` rejects the Pods that do not meet the level, `warn` warns whoever applies them and `audit` records it in the audit log: the three together give the same rule everywhere.',
  },
  'psa.labelValue': {
    what: (p) => `${code(p.key)} is ${code(p.actual)}; expected ${code(p.level)}.`,
    fix: (p) => `Use \`${p.key}: ${p.level}\`. The levels are \`privileged\`, \`baseline\` and \`restricted\`, in lower case.`,
  },
  'psa.version': {
    what: (p) => `${code(p.key)} is ${code(p.actual)}; expected ${code(p.versions)}.`,
    fix: () => 'Remove the version label (it defaults to `latest`) or pin it to the version of the workshop cluster, `v1.34`.',
    hint: 'An old version applies the rules of its time, which check fewer things.',
  },
  'psa.labelUnknown': {
    what: (p) => `Pod Security does not know the label ${code(p.key)}.${maybe(p.suggestion, (s) => ` Did you mean ${code(s)}?`)}`,
    fix: () => 'The valid labels are `pod-security.kubernetes.io/enforce`, `warn` and `audit`, and their `-version`. A misspelled label is silently ignored.',
  },
  // The restricted security context
  'security.runAsNonRoot': {
    what: (p) =>
      p.overridden
        ? `The container ${code(p.container)} sets \`runAsNonRoot: false\` and overrides the Pod's \`true\`.`
        : `The container ${code(p.container)} could run as root: \`runAsNonRoot: true\` is missing${p.actual === false ? ' (it is `false`)' : ''}.`,
    fix: () => 'Set `runAsNonRoot: true` in the Pod\'s `securityContext` (it applies to all its containers) and do not override it in any container.',
    hint: 'With `runAsNonRoot` the kubelet refuses to start a container whose user is root; the workshop image already uses uid 10001.',
  },
  'security.runAsRoot': {
    what: (p) => `\`runAsUser: 0\`${inContainer(p)} is root.`,
    fix: () => 'Remove `runAsUser` (the image already uses uid 10001) or set a uid other than 0, for example `10001`.',
  },
  'security.seccomp': {
    what: (p) =>
      p.actual === undefined
        ? `The container ${code(p.container)} has no seccomp profile (\`seccompProfile.type: RuntimeDefault\` is missing).`
        : `The seccomp profile${inContainer(p)} is ${code(p.actual)}; expected \`RuntimeDefault\`.`,
    fix: () => 'Set `seccompProfile: {type: RuntimeDefault}` in the Pod\'s `securityContext`.',
    hint: 'seccomp filters out the system calls a container does not need; `RuntimeDefault` is the container runtime\'s filter.',
  },
  'security.privileged': {
    what: (p) => `The container ${code(p.container)} is privileged (\`privileged: true\`): it would have nearly all the power of the node.`,
    fix: () => 'Remove `privileged: true`; no data application needs it.',
  },
  'security.privilegeEscalation': {
    what: (p) =>
      `The container ${code(p.container)} ${p.actual === undefined ? 'does not set' : `sets ${code(`allowPrivilegeEscalation: ${String(p.actual)}`)} instead of`} \`allowPrivilegeEscalation: false\`.`,
    fix: () => 'Add `allowPrivilegeEscalation: false` to the container\'s `securityContext` (it does not exist in the Pod\'s).',
    hint: 'Without it, a setuid program inside the container could gain more privileges than its parent process.',
  },
  'security.capabilitiesDrop': {
    what: (p) =>
      p.lower
        ? `The container ${code(p.container)} drops ${code(p.lower)}: Kubernetes is case-sensitive and only understands \`ALL\`.`
        : `The container ${code(p.container)} does not drop all Linux capabilities${maybe(Array.isArray(p.actual) ? (p.actual as unknown[]).join(', ') : undefined, (s) => ` (it only drops ${code(s)})`)}.`,
    fix: () => 'In the container\'s `securityContext`: `capabilities: {drop: ["ALL"]}`.',
    hint: 'Capabilities split root\'s powers into pieces (opening low ports, changing permissions…); the workshop API needs none of them.',
  },
  'security.capabilitiesAdd': {
    what: (p) => `The container ${code(p.container)} adds capabilities: ${list(p.added)}. The \`restricted\` level only allows adding \`NET_BIND_SERVICE\`.`,
    fix: () => 'Remove `capabilities.add` (or keep only `NET_BIND_SERVICE` if you really need a port below 1024).',
  },
  'security.readOnlyRoot': {
    what: (p) =>
      `The root filesystem of the container ${code(p.container)} ${p.actual === false ? 'is writable (`readOnlyRootFilesystem: false`)' : 'is writable: `readOnlyRootFilesystem: true` is missing'}.`,
    fix: () => 'Add `readOnlyRootFilesystem: true` to the container\'s `securityContext`; if the program needs to write, mount an `emptyDir` volume on that folder.',
    hint: 'With a read-only root, whoever gets into the container cannot change its programs.',
  },
  // RBAC
  'rbac.noRules': {
    what: () => 'The Role has no rules (`rules`): it grants nothing.',
    fix: (p) => `Add a rule with \`apiGroups: [""]\`, \`resources: ["${p.resource}"]\` and \`verbs: ${JSON.stringify(p.verbs ?? [])}\`.`,
  },
  'rbac.wildcard': {
    what: (p) => `The rule uses \`*\` in ${code(p.field)}: it grants everything that exists, today and in the future.`,
    fix: () => 'List only what is needed: `apiGroups: [""]`, `resources: ["configmaps"]`, `verbs: ["get", "list", "watch"]`.',
    hint: 'Least privilege: every extra permission is something an attacker could use with the ServiceAccount\'s token.',
  },
  'rbac.apiGroup': {
    what: (p) => `${code(p.resource)} is in the core API group (\`""\`), and the rule ${p.actual ? `asks for ${p.actual}` : 'names no group'}: it grants nothing on ${code(p.resource)}.`,
    fix: () => 'Use `apiGroups: [""]` (an empty string: the group of Pods, ConfigMaps and Secrets).',
  },
  'rbac.extraResource': {
    what: (p) => `The rule also grants ${p.extra}; only ${code(p.resource)} is needed.`,
    fix: (p) => `Keep \`resources: ["${p.resource}"]\`.`,
    hint: 'Reading `secrets` would give the application every credential in the namespace.',
  },
  'rbac.extraVerb': {
    what: (p) => `The rule also grants ${p.extra}; only ${p.verbs} are needed.`,
    fix: () => 'Keep `verbs: ["get", "list", "watch"]`: reading, without creating, changing or deleting.',
  },
  'rbac.resourceNames': {
    what: () => 'The rule limits the objects with `resourceNames`: that way `list` and `watch` do not work (they cannot be limited by name).',
    fix: () => 'Remove `resourceNames`.',
  },
  'rbac.missingVerb': {
    what: (p) => `The Role does not grant ${p.missing} on ${code(p.resource)}.`,
    fix: () => 'Set `verbs: ["get", "list", "watch"]` in the rule for `configmaps` (group `""`).',
  },
  'rbac.roleRef': {
    what: (p) => `The RoleBinding points to ${p.kind ?? '(no kind)'} ${code(p.name ?? '')}; expected the Role ${code(p.role)}.`,
    fix: (p) => `Use \`roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${p.role}}\`.`,
    hint: 'A ClusterRole such as `view` or `edit` grants much more than reading ConfigMaps.',
  },
  'rbac.subjectMissing': {
    what: (p) => `The RoleBinding does not grant the Role to the ServiceAccount ${code(p.serviceAccount)}${maybe(p.found, (s) => ` (it grants it to: ${s})`)}.`,
    fix: (p) => `Add to \`subjects\`: \`- kind: ServiceAccount\` with \`name: ${p.serviceAccount}\` (the namespace may be left out).`,
  },
  'rbac.subjectNamespace': {
    what: (p) => `The RoleBinding's ServiceAccount ${code(p.serviceAccount)} is in the namespace ${code(p.actual)}; expected ${code(p.namespace)} (or none).`,
    fix: () => 'Remove `namespace` from the subject (the RoleBinding\'s applies) or set the exercise\'s one.',
  },
  'rbac.extraSubject': {
    what: (p) => `The RoleBinding also grants the Role to ${p.kind ?? '(no kind)'} ${code(p.name ?? '')}.`,
    fix: (p) => `Keep the ServiceAccount ${code(p.serviceAccount)} as the only subject.`,
  },
  // NetworkPolicy
  'netpol.noIngressType': {
    what: (p) => `\`policyTypes\` is ${code(p.actual)} and does not include \`Ingress\`: the policy does not filter incoming traffic.`,
    fix: () => 'Set `policyTypes: ["Ingress"]`.',
  },
  'netpol.notAllPods': {
    what: (p) => `The policy only picks the Pods with ${p.selector}; it must pick them all.`,
    fix: () => 'Use `podSelector: {}`: an empty selector picks every Pod in the namespace.',
  },
  'netpol.egress': {
    what: () => 'The policy also cuts outgoing traffic (`Egress`): it would block the frontend and the DNS lookups of every Pod.',
    fix: () => 'This policy is for incoming traffic only: `policyTypes: ["Ingress"]` and no `egress`.',
  },
  'netpol.ingressRules': {
    what: (p) =>
      p.allowsAll
        ? 'The policy has an empty ingress rule (`- {}`), which lets all traffic in.'
        : `The policy has ${p.count === 1 ? 'an ingress rule' : `${p.count} ingress rules`}: it no longer denies everything.`,
    fix: () => 'Remove `ingress`: a policy that picks the Pods, with type `Ingress` and no rules, denies everything. Whatever must be opened goes in another policy.',
  },
  'netpol.selectsAll': {
    what: (p) => `The policy picks every Pod in the namespace; it must pick only those of ${code(p.workload)}.`,
    fix: (p) => `Put the labels of the Pods of ${code(p.workload)} in \`podSelector.matchLabels\`.`,
  },
  'netpol.notSelecting': {
    what: (p) => `The policy's selector (${p.selector}) does not pick the Pods of ${code(p.workload)} (${p.labels}).`,
    fix: () => 'Copy the labels of the Deployment\'s Pod template into `podSelector.matchLabels`.',
  },
  'netpol.fromAnyone': {
    what: () => 'An ingress rule has no `from`: it lets anyone in.',
    fix: (p) => `Add \`from: [{podSelector: {matchLabels: {…}}}]\` with ${p.from}.`,
  },
  'netpol.peerIpBlock': {
    what: () => 'The rule lets traffic in by IP address (`ipBlock`); Pod IPs change on every restart.',
    fix: (p) => `Pick the clients by labels: \`podSelector\` with ${p.from}.`,
  },
  'netpol.peerNamespaces': {
    what: () => 'The rule uses `namespaceSelector`: it lets in Pods from other namespaces.',
    fix: () => 'Remove `namespaceSelector`: a `podSelector` only picks Pods in the same namespace.',
  },
  'netpol.peerAllPods': {
    what: (p) => `The rule lets any Pod in, not just those that carry ${p.from}.`,
    fix: (p) => `Use \`podSelector.matchLabels\` with ${p.from}.`,
  },
  'netpol.peerOther': {
    what: (p) => `The rule lets in the Pods with ${p.selector}; expected only those that carry ${p.from}.`,
    fix: (p) => `Use \`podSelector.matchLabels\` with ${p.from}.`,
  },
  'netpol.allPorts': {
    what: (p) => `An ingress rule has no \`ports\`: it opens every port, not just port ${p.port}.`,
    fix: (p) => `Add \`ports: [{protocol: TCP, port: ${p.port}}]\`.`,
  },
  'netpol.otherPort': {
    what: (p) =>
      `The rule opens ${p.actual === undefined ? 'every port' : `port ${code(p.actual)}`}${maybe(p.protocol === 'TCP' ? undefined : p.protocol, (s) => ` (${s})`)}${p.endPort !== undefined ? ` up to ${code(p.endPort)}` : ''}; expected only port ${p.port}/TCP.`,
    fix: (p) => `Keep \`ports: [{protocol: TCP, port: ${p.port}}]\` (or the name of the container port, if it is ${p.port}).`,
  },
  'netpol.noRule': {
    what: (p) => `No ingress rule lets the Pods with ${p.from} reach port ${p.port} of ${code(p.workload)}.`,
    fix: (p) => `Add to \`ingress\`: \`- from: [{podSelector: {matchLabels: {app: frontend}}}]\` and \`ports: [{protocol: TCP, port: ${p.port}}]\`.`,
  },
  // Live
  'live.foreignNamespace': {
    what: (p) =>
      `The grader does not create the Namespace ${code(p.name ?? '')}: it applies your objects in a namespace of its own for each run${maybe(p.standIn, (s) => `, which stands in for ${code(s)}`)}.`,
    fix: (p) => (p.standIn ? `Remove that Namespace or name it ${code(p.standIn)}.` : 'Remove that Namespace.'),
  },
  'security.live.warnings': {
    what: (p) => `The server-side *dry-run* of the ${p.kind} ${code(p.name ?? '')} gives warnings:${evidence(p.warnings)}`,
    fix: (p) =>
      `“would violate PodSecurity "restricted"” says what is missing in the \`securityContext\`: fix it until there are no warnings. To see it yourself: \`kubectl apply --dry-run=server -n <namespace> -f k8s/\` in a namespace labelled \`pod-security.kubernetes.io/warn: restricted\` (here, ${code(p.namespace ?? '')}).`,
    hint: 'A Deployment that breaks the level is created without error: it is its Pods that are rejected later. These warnings are the only signal when you apply it.',
  },
  'security.live.privilegedAdmitted': {
    what: (p) => `The namespace ${code(p.namespace ?? '')} admitted a privileged Pod: Pod Security is not enforcing \`restricted\`.`,
    fix: () => 'The grader labels its namespace with `pod-security.kubernetes.io/enforce: restricted`; if it still admits it, the cluster has the PodSecurity admission controller turned off.',
  },
  'security.live.privilegedOther': {
    what: (p) => `The cluster rejected a privileged Pod, but not because of Pod Security: ${p.message}`,
    fix: () => 'Check which of your objects rejects Pods in the namespace (a ResourceQuota or a LimitRange, for example).',
  },
  'rbac.live.access': {
    what: (p) => `Asking the API server as the ServiceAccount ${code(p.serviceAccount)}:${evidence(p.wrong)}`,
    fix: (p) =>
      `Check the Role, the RoleBinding and any other RoleBinding that names the ServiceAccount. To see it yourself: \`kubectl auth can-i list configmaps --as=system:serviceaccount:${p.namespace ?? '<namespace>'}:${p.serviceAccount ?? ''} -n ${p.namespace ?? '<namespace>'}\`.`,
  },
  'security.live.failedCreate': {
    what: (p) => `The ReplicaSet of ${code(p.name ?? '')} created ${p.created ?? 0} of ${p.expected ?? '?'} Pods.` + evidence(p.evidence),
    fix: (p) =>
      `“violates PodSecurity” says what the \`securityContext\` is missing; “serviceaccount … not found”, that the ServiceAccount does not exist. To see it yourself: \`kubectl -n ${p.namespace ?? '<namespace>'} describe replicaset\` (FailedCreate event).`,
  },
  'netpol.live.noPods': {
    what: (p) => `There is no ready Pod of ${code(p.workload ?? '')} to test the NetworkPolicies with.`,
    fix: () => 'First fix the lines above: the Pods must be created and be ready.',
  },
  'netpol.live.allowedBlocked': {
    what: (p) => `A Pod with ${code(p.from ?? '')} cannot reach ${code(p.url ?? '')}: ${p.got}.`,
    fix: () => 'The policy that opens the way must pick the API\'s Pods (`podSelector`), let the frontend\'s Pods in (`from`) and open port 8080 (`ports`).',
  },
  'netpol.live.clientFailed': {
    what: (p) => `The client Pod that should have got no answer from ${code(p.url ?? '')} never got to ask: ${p.got}.`,
    fix: () => 'This does not depend on your manifests: run the grader again; if it happens again, look at the namespace events (`kubectl get events`).',
  },
  'netpol.live.notBlocked': {
    what: (p) => `A Pod without the frontend label reached ${code(p.url ?? '')} (${p.got}): it should have got no answer for ${p.seconds} s.`,
    fix: () => 'Check that the deny-all policy picks every Pod and has no rules, and that no other policy opens the API to anyone.',
  },
};
