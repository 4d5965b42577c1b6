// lookupKind and validateObject against the pinned Kubernetes schema: what the API server would
// reject, said the way a learner can fix it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { hasMessage, what } from '../src/messages/index.ts';
import { KUBERNETES_MINOR, KUBERNETES_VERSION } from '../src/schema/version.ts';
import { lookupKind, validateObject, type ProblemAt } from '../src/schema/validate.ts';
import { GRADER_ROOT, withLang } from './helpers.ts';

type Obj = Record<string, unknown>;

function validate(value: Obj): ProblemAt[] {
  const lookup = lookupKind(value.apiVersion, value.kind);
  expect(lookup.problem, JSON.stringify(lookup.problem)).to.equal(undefined);
  return validateObject(value, lookup.info!);
}

/** A valid Deployment whose container gets `container` merged in (and spec gets `spec`). */
function deployment(container: Obj = {}, spec: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'api', image: 'nginx', ...container }] },
      },
      ...spec,
    },
  };
}

const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];
const es = (p: ProblemAt) => withLang('es', () => what({ code: p.code, params: p.params, at: { file: 'f' } }));

describe('schema: lookupKind', () => {
  it('resolves the kinds the curriculum uses, with their scope', () => {
    const expected: [string, string, boolean][] = [
      ['v1', 'Pod', true],
      ['apps/v1', 'Deployment', true],
      ['v1', 'Service', true],
      ['batch/v1', 'Job', true],
      ['batch/v1', 'CronJob', true],
      ['v1', 'ConfigMap', true],
      ['v1', 'Secret', true],
      ['autoscaling/v2', 'HorizontalPodAutoscaler', true],
      ['policy/v1', 'PodDisruptionBudget', true],
      ['networking.k8s.io/v1', 'NetworkPolicy', true],
      ['rbac.authorization.k8s.io/v1', 'Role', true],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding', true],
      ['v1', 'ServiceAccount', true],
      ['v1', 'PersistentVolumeClaim', true],
      ['v1', 'Namespace', false],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole', false],
    ];
    for (const [apiVersion, kind, namespaced] of expected) {
      const lookup = lookupKind(apiVersion, kind);
      expect(lookup.problem, `${apiVersion}/${kind}`).to.equal(undefined);
      expect(lookup.info?.namespaced, `${apiVersion}/${kind} namespaced`).to.equal(namespaced);
    }
  });

  it('the pinned schema file is the kit’s Kubernetes version', () => {
    const file = JSON.parse(readFileSync(path.join(GRADER_ROOT, 'schema', `k8s-${KUBERNETES_MINOR}.json`), 'utf8')) as {
      kubernetesVersion: string;
      kinds: Record<string, unknown>;
    };
    expect(file.kubernetesVersion).to.equal(KUBERNETES_VERSION);
    expect(file.kinds).to.have.property('autoscaling/v2/HorizontalPodAutoscaler');
  });

  it('removed apiVersions say when they went away and what replaces them', () => {
    const dep = lookupKind('extensions/v1beta1', 'Deployment').problem!;
    expect(dep).to.deep.include({ code: 'object.apiVersionRemoved', path: ['apiVersion'] });
    expect(dep.params).to.deep.include({ removedIn: '1.16', use: 'apps/v1' });
    expect(es(dep)).to.equal('`extensions/v1beta1` ya no existe para Deployment: Kubernetes lo retiró en la versión 1.16.');

    const cron = lookupKind('batch/v1beta1', 'CronJob').problem!;
    expect(cron.code).to.equal('object.apiVersionRemoved');
    expect(cron.params).to.deep.include({ removedIn: '1.25', use: 'batch/v1' });

    expect(lookupKind('autoscaling/v2beta2', 'HorizontalPodAutoscaler').problem?.params?.use).to.equal('autoscaling/v2');
    expect(lookupKind('policy/v1beta1', 'PodDisruptionBudget').problem?.params?.use).to.equal('policy/v1');
  });

  it('a wrong apiVersion for an existing kind suggests the stable one', () => {
    const p = lookupKind('v1', 'Deployment').problem!;
    expect(p).to.deep.include({ code: 'object.apiVersionWrong', path: ['apiVersion'] });
    expect(p.params?.use).to.equal('apps/v1');
    expect(lookupKind('apps/v1', 'CronJob').problem?.params?.use).to.equal('batch/v1');
    expect(lookupKind('v1', 'NetworkPolicy').problem?.params?.use).to.equal('networking.k8s.io/v1');
  });

  it('an unknown kind suggests the closest one, in any case', () => {
    expect(lookupKind('apps/v1', 'Deploymnet').problem).to.deep.include({
      code: 'object.unknownKind',
      path: ['kind'],
      params: { kind: 'Deploymnet', suggestion: 'Deployment' },
    });
    expect(lookupKind('v1', 'configmap').problem?.params?.suggestion).to.equal('ConfigMap');
    expect(lookupKind('v1', 'Sevrice').problem?.params?.suggestion).to.equal('Service');
    const far = lookupKind('v1', 'Cosa').problem!;
    expect(far.code).to.equal('object.unknownKind');
    expect(far.params?.suggestion).to.equal(undefined);
    expect(es(far)).to.equal('Kubernetes 1.34 no conoce el tipo `Cosa`.');
  });

  it('a missing kind or apiVersion is its own problem', () => {
    expect(lookupKind('v1', undefined).problem).to.deep.equal({ code: 'object.noKind', path: ['kind'] });
    expect(lookupKind(undefined, 'Pod').problem).to.deep.include({ code: 'object.noApiVersion', path: ['apiVersion'] });
    expect(lookupKind(1, 'Pod').problem?.code).to.equal('object.noApiVersion');
  });
});

describe('schema: validateObject', () => {
  it('a valid object has no problems', () => {
    expect(validate(deployment({ ports: [{ containerPort: 8080, name: 'http' }] }))).to.deep.equal([]);
  });

  it('an unknown field suggests the right spelling (containerport → containerPort)', () => {
    const problems = validate(deployment({ ports: [{ containerport: 8080 }] }));
    const unknown = problems.find((p) => p.code === 'schema.unknownField')!;
    expect(unknown.path).to.deep.equal([...CONTAINER, 'ports', 0, 'containerport']);
    expect(unknown.params).to.deep.equal({ field: 'containerport', type: 'ContainerPort', suggestion: 'containerPort' });
    expect(es(unknown)).to.equal('El campo `containerport` no existe en ContainerPort. ¿Quisiste decir `containerPort`?');
  });

  it('an unknown field suggests the right spelling (replica → replicas)', () => {
    const value = deployment();
    (value.spec as Obj).replica = 3;
    const problems = validate(value);
    expect(problems.map((p) => [p.code, p.path, p.params?.suggestion])).to.deep.equal([
      ['schema.unknownField', ['spec', 'replica'], 'replicas'],
    ]);
  });

  it('an unknown field with nothing close gives no suggestion', () => {
    const [p] = validate(deployment({ sabor: 'fresa' }));
    expect(p).to.deep.include({ code: 'schema.unknownField' });
    expect(p!.params?.suggestion).to.equal(undefined);
    expect(es(p!)).to.equal('El campo `sabor` no existe en Container.');
  });

  it('a string where an integer goes (replicas: "3")', () => {
    const problems = validate(deployment({}, { replicas: '3' }));
    expect(problems).to.deep.equal([
      { code: 'schema.type', path: ['spec', 'replicas'], params: { expected: 'integer', actual: 'string', value: '3' } },
    ]);
    expect(es(problems[0]!)).to.equal('Este campo debe ser un número entero, pero es un texto (`3`).');
  });

  it('an integer where a string goes (an env value)', () => {
    const problems = validate(deployment({ env: [{ name: 'PUERTO', value: 8080 }] }));
    expect(problems.map((p) => [p.code, p.path, p.params?.expected, p.params?.actual])).to.deep.equal([
      ['schema.type', [...CONTAINER, 'env', 0, 'value'], 'string', 'integer'],
    ]);
  });

  it('a boolean where a string goes (a label `yes`)', () => {
    const value = deployment();
    (value.metadata as Obj).labels = { activo: true };
    const [p] = validate(value);
    expect(p).to.deep.include({ code: 'schema.type', path: ['metadata', 'labels', 'activo'] });
    expect(p!.params).to.deep.include({ expected: 'string', actual: 'boolean' });
  });

  it('a non-integer number or an out-of-range int32 is not an integer', () => {
    expect(validate(deployment({}, { replicas: 1.5 })).map((p) => p.params?.actual)).to.deep.equal(['number']);
    expect(validate(deployment({}, { replicas: 2 ** 31 - 1 }))).to.deep.equal([]);
    expect(validate(deployment({}, { replicas: 2 ** 31 })).map((p) => p.code)).to.deep.equal(['schema.type']);
    // An int32, so not a type problem; negative, so out of range.
    expect(validate(deployment({}, { replicas: -(2 ** 31) })).map((p) => p.code)).to.deep.equal(['schema.range']);
  });

  it('a required field missing (a container without name; a Pod without containers)', () => {
    expect(validate(deployment({ name: undefined }))).to.deep.equal([
      { code: 'schema.required', path: [...CONTAINER, 'name'], params: { field: 'name', type: 'Container' } },
    ]);
    const [p] = validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} });
    expect(p).to.deep.equal({ code: 'schema.required', path: ['spec', 'containers'], params: { field: 'containers', type: 'PodSpec' } });
    expect(es(p!)).to.equal('Falta el campo obligatorio `containers` de PodSpec.');
  });

  it('a null field counts as not set', () => {
    expect(validate(deployment({ env: null }, { replicas: null }))).to.deep.equal([]);
  });

  it('quantities: 128MB suggests 128Mi; valid forms pass', () => {
    const problems = validate(
      deployment({ resources: { requests: { memory: '128MB', cpu: '100m' }, limits: { memory: '1gb', cpu: 'mucho' } } }),
    );
    expect(problems.map((p) => [p.code, p.path.slice(CONTAINER.length).join('.'), p.params?.suggestion])).to.deep.equal([
      ['schema.quantity', 'resources.requests.memory', '128Mi'],
      ['schema.quantity', 'resources.limits.memory', '1Gi'],
      ['schema.quantity', 'resources.limits.cpu', undefined],
    ]);
    expect(es(problems[0]!)).to.equal('`128MB` no es una cantidad válida de Kubernetes. ¿Quisiste decir `128Mi`?');
    const ok = { requests: { cpu: 0.5, memory: '64Mi' }, limits: { cpu: '1', memory: '1e9' } };
    expect(validate(deployment({ resources: ok }))).to.deep.equal([]);
    const [bad] = validate(deployment({ resources: { requests: { cpu: true } } }));
    expect(bad).to.deep.include({ code: 'schema.type' });
    expect(bad!.params).to.deep.include({ expected: 'quantity', actual: 'boolean' });
  });

  it('IntOrString: a number or a port name, nothing else', () => {
    const service = (targetPort: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort }] },
    });
    expect(validate(service(8080))).to.deep.equal([]);
    expect(validate(service('http'))).to.deep.equal([]);
    for (const [value, actual] of [
      [1.5, 'number'],
      [true, 'boolean'],
      [[80], 'list'],
    ] as const) {
      const problems = validate(service(value));
      expect(problems, String(value)).to.deep.equal([
        { code: 'schema.type', path: ['spec', 'ports', 0, 'targetPort'], params: { expected: 'intOrString', actual } },
      ]);
    }
    expect(es(validate(service(true))[0]!)).to.equal('Este campo debe ser un número o un nombre de puerto, pero es un booleano (true/false).');
  });

  it('a list where a map goes, and a map where a list goes', () => {
    const problems = validate(deployment({ env: { PUERTO: '80' }, args: 'serve' }));
    expect(problems.map((p) => [p.path.slice(CONTAINER.length).join('.'), p.params?.expected, p.params?.actual])).to.deep.equal([
      ['env', 'array', 'object'],
      ['args', 'array', 'string'],
    ]);
  });

  it('free-form maps (labels, ConfigMap data) accept any key', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'app.kubernetes.io/name': 'x' } }, data: { 'ventas.csv': 'a,b\n1,2\n' } };
    expect(validate(cm)).to.deep.equal([]);
  });

  it('reports at most 20 problems per object', () => {
    const container: Obj = {};
    for (let i = 0; i < 30; i++) container[`campo${i}`] = i;
    expect(validate(deployment(container))).to.have.length(20);
  });
});

describe('schema: what the API server validates beyond types', () => {
  const codes = (value: Obj, options = {}) => {
    const lookup = lookupKind(value.apiVersion, value.kind);
    return validateObject(value, lookup.info!, options).map((p) => `${p.code} ${p.path.join('.')}`);
  };

  it('enums are case-sensitive and suggest the right spelling; an empty value is "not set"', () => {
    const [p] = validate(deployment({ imagePullPolicy: 'always' }));
    expect(p).to.deep.include({ code: 'schema.enum', path: [...CONTAINER, 'imagePullPolicy'] });
    expect(es(p!)).to.equal('`always` no es un valor admitido. Valores posibles: `Always`, `IfNotPresent`, `Never`. ¿Quisiste decir `Always`?');
    expect(validate(deployment({ imagePullPolicy: '' }))).to.deep.equal([]);
  });

  it('names, labels and ports follow Kubernetes formats', () => {
    const value = deployment({ name: 'API', ports: [{ containerPort: 70000, name: 'metricas-de-la-api' }] });
    (value.metadata as Obj).name = 'Mi_Config';
    (value.metadata as Obj).labels = { 'mi etiqueta': 'x', app: 'Mi Config' };
    expect(codes(value)).to.deep.equal([
      'schema.name metadata.name',
      'schema.labelKey metadata.labels.mi etiqueta',
      'schema.labelValue metadata.labels.app',
      `schema.dnsLabel ${CONTAINER.join('.')}.name`,
      `schema.range ${CONTAINER.join('.')}.ports.0.containerPort`,
      `schema.portName ${CONTAINER.join('.')}.ports.0.name`,
    ]);
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api.datos' }, spec: { ports: [{ port: 80, targetPort: 'HTTP' }] } };
    expect(codes(service)).to.deep.equal(['schema.name metadata.name', 'schema.portName spec.ports.0.targetPort']);
  });

  it('rules between fields: limit below request, selector, podFailurePolicy, Secret data, time zone', () => {
    expect(codes(deployment({ resources: { requests: { cpu: '500m' }, limits: { cpu: '250m' } } }))).to.deep.equal([
      `schema.limitBelowRequest ${CONTAINER.join('.')}.resources.requests.cpu`,
    ]);
    expect(codes(deployment({}, { selector: { matchLabels: { app: 'otra' } } }))).to.deep.equal(['schema.selectorMismatch spec.template.metadata.labels']);
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { podFailurePolicy: { rules: [] }, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'x' }] } } },
    };
    expect(codes(job)).to.deep.equal(['schema.podFailurePolicy spec.template.spec.restartPolicy']);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { clave: 'no es base64', buena: 'aG9sYQ==' } };
    expect(codes(secret)).to.deep.equal(['schema.base64 data.clave']);
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '0 6 * * *', timeZone: 'europe/madrid', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } } } },
    };
    expect(codes(cron)).to.deep.equal(['schema.timeZone spec.timeZone']);
  });

  it('Pod Security: the schema line checks what no other rubric line grades; the rest only when asked', () => {
    const risky = deployment({ ports: [{ containerPort: 8080, hostPort: 8080 }] }, {});
    ((risky.spec as Obj).template as { spec: Obj }).spec.hostNetwork = true;
    expect(codes(risky)).to.deep.equal([]);
    expect(codes(risky, { podSecurity: 'baseline' })).to.deep.equal([
      'schema.podSecurity spec.template.spec.hostNetwork',
      `schema.podSecurity ${CONTAINER.join('.')}.ports.0.hostPort`,
    ]);
    const restricted = codes(deployment(), { podSecurity: 'restricted' });
    expect(restricted).to.deep.equal([]);
    const all = codes(deployment(), { podSecurity: 'restricted', gradedControls: true });
    expect(all.map((c) => c.split('.').at(-1))).to.have.members(['allowPrivilegeEscalation', 'runAsNonRoot', 'type', 'drop']);
  });
});

describe('schema: messages of the validation rules', () => {
  it('every code the validation and Pod Security rules raise has a catalogue entry', () => {
    const codes = ['api-rules.ts', 'pod-security.ts'].flatMap((f) => [
      ...readFileSync(path.join(GRADER_ROOT, 'src', 'schema', f), 'utf8').matchAll(/'(schema\.[A-Za-z]+)'/g),
    ]);
    expect(codes.length).to.be.greaterThan(30);
    expect(codes.map((m) => m[1]!).filter((c) => !hasMessage(c))).to.deep.equal([]);
  });
});
