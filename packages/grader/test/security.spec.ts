// Exercise 12's rules, one by one: Pod Security labels, the restricted security context (a
// container overriding its Pod), least-privilege RBAC, NetworkPolicies, the Warning headers of a
// dry-run, and the run namespace standing for the exercise's Namespace.
import { expect } from 'chai';
import { Node } from '../src/model.ts';
import { what, type Problem } from '../src/messages/index.ts';
import { foreignNamespace, isForeignNamespace, standInTransforms } from '../src/live/namespace.ts';
import { parseWarnings } from '../src/live/apply.ts';
import { allowsIngressTo, deniesAllIngress } from '../src/rules/networkpolicy.ts';
import { bindingGrants, roleGrantsOnly } from '../src/rules/rbac.ts';
import { podSecurityLevel, restrictedControl, restrictedSecurityContext } from '../src/rules/security.ts';
import { nodeFromYaml, objectsFromYaml } from './helpers.ts';

const codes = (problems: Problem[]) => problems.map((p) => p.code);
const texts = (problems: Problem[]) => problems.map(what).join('\n');

function namespace(labels: string): Node {
  return nodeFromYaml(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: datos-seguros\n${labels}`);
}

describe('rules: Pod Security labels', () => {
  const all = (level: string) =>
    `  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n    pod-security.kubernetes.io/warn: ${level}\n    pod-security.kubernetes.io/audit: ${level}\n`;
  const check = (n: Node) => podSecurityLevel(n, 'restricted', ['latest', 'v1.34']);

  it('passes with the three modes at the level, with or without accepted versions', () => {
    expect(check(namespace(all('restricted')))).to.deep.equal([]);
    expect(check(namespace(`${all('restricted')}    pod-security.kubernetes.io/enforce-version: latest\n    pod-security.kubernetes.io/warn-version: v1.34\n`))).to.deep.equal([]);
  });

  it('names each missing or wrong mode, an old version, and a misspelt key with a suggestion', () => {
    const p = check(namespace('  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.25\n    pod-security.kubernetes.io/wran: restricted\n'));
    expect(codes(p)).to.have.members(['psa.labelValue', 'psa.version', 'psa.labelMissing', 'psa.labelMissing', 'psa.labelUnknown']);
    expect(texts(p)).to.include('¿Quisiste decir `pod-security.kubernetes.io/warn`?');
  });

  it('says so when the labels were written as annotations', () => {
    const p = check(namespace(all('restricted').replace('labels', 'annotations')));
    expect(codes(p)).to.deep.equal(['psa.labelMissing', 'psa.labelMissing', 'psa.labelMissing']);
    expect(texts(p)).to.include('solo lee `metadata.labels`');
  });
});

function deployment(pod: string, container: string, extra = ''): Node {
  return nodeFromYaml(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
${pod}${extra}      containers:
        - name: api
          image: taller/app-datos:1.0
${container}`);
}

const POD = '      securityContext:\n        runAsNonRoot: true\n        seccompProfile: {type: RuntimeDefault}\n';
const CONTAINER =
  '          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities: {drop: ["ALL"]}\n            readOnlyRootFilesystem: true\n';

describe('rules: the restricted security context', () => {
  it('passes with Pod-level runAsNonRoot and seccomp and container-level fields', () => {
    expect(restrictedSecurityContext(deployment(POD, CONTAINER))).to.deep.equal([]);
  });

  it('takes Pod-level values from the container too (either place counts)', () => {
    const container = CONTAINER + '            runAsNonRoot: true\n            seccompProfile: {type: RuntimeDefault}\n';
    expect(restrictedSecurityContext(deployment('', container))).to.deep.equal([]);
  });

  it('a container value overrides the Pod, as in Kubernetes', () => {
    const p = restrictedControl(deployment(POD, CONTAINER + '            runAsNonRoot: false\n            seccompProfile: {type: Unconfined}\n'), 'runAsNonRoot');
    expect(codes(p)).to.deep.equal(['security.runAsNonRoot']);
    expect(texts(p)).to.include('anula el `true` del Pod');
    const s = restrictedControl(deployment(POD, CONTAINER + '            seccompProfile: {type: Unconfined}\n'), 'seccompProfile');
    expect(texts(s)).to.include('es `Unconfined`');
  });

  it('checks init containers, runAsUser 0, privileged, lower-case ALL and added capabilities', () => {
    const init = '      initContainers:\n        - name: preparar\n          image: taller/app-datos:1.0\n          securityContext: {runAsUser: 0, privileged: true, capabilities: {drop: [all], add: [NET_BIND_SERVICE, SYS_ADMIN]}}\n';
    const d = deployment(POD, CONTAINER, init);
    expect(codes(restrictedControl(d, 'runAsNonRoot'))).to.deep.equal(['security.runAsRoot']);
    expect(codes(restrictedControl(d, 'allowPrivilegeEscalation'))).to.deep.equal(['security.privileged', 'security.privilegeEscalation']);
    const caps = restrictedControl(d, 'capabilities');
    expect(codes(caps)).to.deep.equal(['security.capabilitiesDrop', 'security.capabilitiesAdd']);
    expect(texts(caps)).to.include('solo entiende `ALL`').and.include('`SYS_ADMIN`').and.not.include('`NET_BIND_SERVICE`,');
    expect(codes(restrictedControl(d, 'readOnlyRootFilesystem'))).to.deep.equal(['security.readOnlyRoot']);
  });

  it('points a missing Pod-level field at the Pod securityContext', () => {
    const [p] = restrictedControl(deployment('', CONTAINER), 'seccompProfile');
    expect(p!.at.path).to.deep.equal(['spec', 'template', 'spec', 'securityContext', 'seccompProfile', 'type']);
  });
});

function role(rules: string): Node {
  return nodeFromYaml(`apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: lector\nrules:\n${rules}`);
}
const grants = (rules: string) => roleGrantsOnly(role(rules), 'configmaps', ['get', 'list', 'watch']);

describe('rules: RBAC', () => {
  it('a Role that reads ConfigMaps (in one rule or several) passes', () => {
    expect(grants('  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}\n')).to.deep.equal([]);
    expect(grants('  - {apiGroups: [""], resources: [configmaps], verbs: [get]}\n  - {apiGroups: [""], resources: [configmaps], verbs: [list, watch]}\n')).to.deep.equal([]);
  });

  it('refuses wildcards, other resources and verbs, resourceNames, and the wrong group', () => {
    expect(codes(grants('  - {apiGroups: ["*"], resources: [configmaps], verbs: [get, list, watch]}\n'))).to.deep.equal(['rbac.wildcard']);
    expect(codes(grants('  - {apiGroups: [""], resources: [configmaps, secrets], verbs: [get, list, watch, delete]}\n'))).to.deep.equal(['rbac.extraResource', 'rbac.extraVerb']);
    expect(codes(grants('  - {apiGroups: [""], resources: [configmaps], resourceNames: [app], verbs: [get, list, watch]}\n'))).to.deep.equal(['rbac.resourceNames']);
    expect(codes(grants('  - {apiGroups: [apps], resources: [configmaps], verbs: [get, list, watch]}\n'))).to.deep.equal(['rbac.apiGroup']);
    expect(codes(grants('  - {apiGroups: [""], resources: [configmaps], verbs: [get]}\n'))).to.deep.equal(['rbac.missingVerb']);
    expect(codes(roleGrantsOnly(nodeFromYaml('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n'), 'configmaps', ['get']))).to.deep.equal(['rbac.noRules']);
  });

  const binding = (subjects: string, ref = '{apiGroup: rbac.authorization.k8s.io, kind: Role, name: lector}') =>
    bindingGrants(
      nodeFromYaml(`apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: lector\nsubjects:\n${subjects}roleRef: ${ref}\n`),
      'lector',
      { serviceAccount: 'lector', namespace: 'datos-seguros' },
    );

  it('a RoleBinding to the ServiceAccount, with its namespace omitted or the exercise one, passes', () => {
    expect(binding('  - {kind: ServiceAccount, name: lector}\n')).to.deep.equal([]);
    expect(binding('  - {kind: ServiceAccount, name: lector, namespace: datos-seguros}\n')).to.deep.equal([]);
  });

  it('refuses another role, another namespace, a missing grantee and extra subjects', () => {
    expect(codes(binding('  - {kind: ServiceAccount, name: lector}\n', '{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}'))).to.deep.equal(['rbac.roleRef']);
    expect(codes(binding('  - {kind: ServiceAccount, name: lector, namespace: default}\n'))).to.deep.equal(['rbac.subjectNamespace']);
    expect(codes(binding('  - {kind: User, name: ana}\n'))).to.deep.equal(['rbac.subjectMissing', 'rbac.extraSubject']);
    expect(texts(binding('  - {kind: ServiceAccount, name: lector}\n  - {kind: Group, name: "system:serviceaccounts"}\n'))).to.include('también a Group `system:serviceaccounts`');
  });
});

function policy(spec: string, name = 'p'): Node {
  return nodeFromYaml(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`);
}
const API = deployment(POD, CONTAINER.replace('          securityContext:', '          ports: [{name: http, containerPort: 8080}]\n          securityContext:'));
const allow = (spec: string) => allowsIngressTo(policy(spec), API, { from: { app: 'frontend' }, port: 8080, namespace: 'datos-seguros' });
const RULE = (peer: string, ports = '[{port: 8080}]') => `  podSelector: {matchLabels: {app: api}}\n  ingress:\n    - from: [${peer}]\n      ports: ${ports}\n`;

describe('rules: NetworkPolicy', () => {
  it('deny-all: an empty selector, Ingress, no rules (policyTypes may be left to its default)', () => {
    expect(deniesAllIngress(policy('  podSelector: {}\n  policyTypes: [Ingress]\n'))).to.deep.equal([]);
    expect(deniesAllIngress(policy('  podSelector: {}\n'))).to.deep.equal([]);
    expect(codes(deniesAllIngress(policy('  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n')))).to.deep.equal([
      'netpol.notAllPods',
      'netpol.noIngressType',
      'netpol.egress',
    ]);
    expect(texts(deniesAllIngress(policy('  podSelector: {}\n  ingress: [{}]\n')))).to.include('deja entrar todo el tráfico');
  });

  it('allow: frontend Pods on 8080, by number or by the container port name, or naming the exercise namespace', () => {
    expect(allow(RULE('{podSelector: {matchLabels: {app: frontend}}}'))).to.deep.equal([]);
    expect(allow(RULE('{podSelector: {matchLabels: {app: frontend}}}', '[{port: http, protocol: TCP}]'))).to.deep.equal([]);
    const ns = '{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: datos-seguros}}, podSelector: {matchLabels: {app: frontend}}}';
    expect(allow(RULE(ns))).to.deep.equal([]);
  });

  it('allow: refuses anyone, other namespaces, every Pod, other ports and a policy not on the API', () => {
    expect(codes(allow('  podSelector: {matchLabels: {app: api}}\n  ingress:\n    - ports: [{port: 8080}]\n'))).to.deep.equal(['netpol.fromAnyone']);
    expect(codes(allow(RULE('{namespaceSelector: {}, podSelector: {matchLabels: {app: frontend}}}')))).to.deep.equal(['netpol.peerNamespaces']);
    expect(codes(allow(RULE('{podSelector: {matchExpressions: [{key: app, operator: Exists}]}}')))).to.deep.equal(['netpol.peerAllPods']);
    expect(codes(allow(RULE('{ipBlock: {cidr: 10.0.0.0/8}}')))).to.deep.equal(['netpol.peerIpBlock']);
    expect(codes(allow(RULE('{podSelector: {matchLabels: {app: frontend}}}', '[{port: 8080, endPort: 9000}]')))).to.deep.equal(['netpol.otherPort']);
    expect(codes(allow(RULE('{podSelector: {matchLabels: {app: frontend}}}', '[{port: 8080, protocol: UDP}]')))).to.deep.equal(['netpol.otherPort']);
    expect(codes(allow(RULE('{podSelector: {matchLabels: {app: frontend}}}').replace('app: api}', 'app: web}')))).to.deep.equal(['netpol.notSelecting']);
    expect(codes(allow('  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n'))).to.deep.equal(['netpol.noRule']);
  });
});

describe('live: dry-run warnings and the run namespace', () => {
  it('reads every Warning header, unquoting its text', () => {
    const raw = ['Content-Type', 'application/json', 'Warning', '299 - "would violate PodSecurity \\"restricted:latest\\": a, b"', 'warning', '299 - "otro"'];
    expect(parseWarnings(raw)).to.deep.equal(['would violate PodSecurity "restricted:latest": a, b', 'otro']);
    expect(parseWarnings(['Warning', '299 - "uno", 299 - "dos"'])).to.deep.equal(['uno', 'dos']);
  });

  const objects = objectsFromYaml(`apiVersion: v1
kind: Namespace
metadata:
  name: datos-seguros
  labels: {pod-security.kubernetes.io/enforce: baseline, equipo: datos}
  annotations: {nota: hola}
spec: {finalizers: [kubernetes]}
---
apiVersion: v1
kind: Namespace
metadata: {name: otro}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b}
subjects:
  - {kind: ServiceAccount, name: a, namespace: datos-seguros}
  - {kind: ServiceAccount, name: b, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: n}
spec:
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: datos-seguros}}
`);
  const standIn = { name: 'datos-seguros', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } };
  const apply = (i: number) => standInTransforms(standIn).reduce((v, t) => t(objects[i]!, v, 'taller-12-abc'), objects[i]!.value);

  it('the learner Namespace becomes the run namespace: its labels under the exercise ones, its annotations, nothing else', () => {
    expect(apply(0)).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'taller-12-abc', labels: { 'pod-security.kubernetes.io/enforce': 'restricted', equipo: 'datos' }, annotations: { nota: 'hola' } },
    });
  });

  it('any other Namespace is refused, and references to the exercise namespace are rewritten', () => {
    expect(objects.map((o) => isForeignNamespace(o, standIn))).to.deep.equal([false, true, false, false]);
    expect(isForeignNamespace(objects[0]!)).to.equal(true);
    expect(what(foreignNamespace(objects[1]!, standIn))).to.include('no crea el Namespace `otro`').and.include('`datos-seguros`');
    expect((apply(2).subjects as { namespace: string }[]).map((s) => s.namespace)).to.deep.equal(['taller-12-abc', 'default']);
    expect(JSON.stringify(apply(3))).to.include('"kubernetes.io/metadata.name":"taller-12-abc"');
    expect(JSON.stringify(objects[3]!.value)).to.include('datos-seguros');
  });
});
