// The rules of exercise 10, one by one: percentages resolved as the controllers do, the replica
// range an HPA gives, rolling updates, spreading over nodes, the HPA and the PDB. Objects are
// written as YAML, as a learner would.
import { expect } from 'chai';
import { Node } from '../src/model.ts';
import { what } from '../src/messages/index.ts';
import {
  budgetAllowsDisruption,
  budgetSelects,
  cpuUtilizationTarget,
  replicaRange,
  replicasLeftToAutoscaler,
  rollingUpdateKeepsReplicas,
  scaledValue,
  scalesTarget,
  spreadsOverNodes,
} from '../src/rules/scaling.ts';
import { objectsFromYaml, withLang } from './helpers.ts';

function deployment(spec: { replicas?: number | null; strategy?: string; podSpec?: string } = {}): string {
  const replicas = spec.replicas === null ? '' : `  replicas: ${spec.replicas ?? 2}\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
${replicas}  selector:
    matchLabels:
      app: api
${spec.strategy ?? ''}  template:
    metadata:
      labels:
        app: api
        tier: web
    spec:
${spec.podSpec ?? ''}      containers:
        - name: api
          image: taller/app-datos:1.0
`;
}

function hpa(body = '  minReplicas: 2\n  maxReplicas: 10\n', target = 'api'): string {
  return `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
${body}`;
}

/** The Deployment Node and the manifests (with whatever else the YAML holds). */
function load(text: string) {
  const objects = objectsFromYaml(text);
  const find = (kind: string) => new Node(objects.find((o) => o.kind === kind)!);
  return { objects, deployment: find('Deployment'), find };
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);
const rolling = (maxUnavailable?: string, maxSurge?: string) =>
  `  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n${maxUnavailable === undefined ? '' : `      maxUnavailable: ${maxUnavailable}\n`}${maxSurge === undefined ? '' : `      maxSurge: ${maxSurge}\n`}`;

describe('rules: scaling — percentages and replica counts', () => {
  it('resolves int-or-percent values as Kubernetes does: surge rounds up, unavailable down', () => {
    expect(scaledValue(1, 10, true)).to.equal(1);
    expect(scaledValue('25%', 2, true)).to.equal(1);
    expect(scaledValue('25%', 2, false)).to.equal(0);
    expect(scaledValue('10%', 10, false)).to.equal(1);
    expect(scaledValue('9%', 10, false)).to.equal(0);
    expect(scaledValue('0%', 10, true)).to.equal(0);
  });

  it('refuses what the API refuses: a number as text, a negative or fractional number', () => {
    for (const bad of ['1', '25', '-1%', '1.5%', 1.5, -1, null, true]) expect(scaledValue(bad, 10, true), String(bad)).to.equal(undefined);
  });

  it('without an HPA, the range is the written replicas (or 1)', () => {
    expect(replicaRange(load(deployment({ replicas: 3 })).deployment, [])).to.deep.equal({
      low: { replicas: 3, source: 'replicas' },
      high: { replicas: 3, source: 'replicas' },
    });
    const { low } = replicaRange(load(deployment({ replicas: null })).deployment, []);
    expect(low).to.deep.equal({ replicas: 1, source: 'default' });
  });

  it('with an HPA on the Deployment, its range counts too; an HPA on something else does not', () => {
    const m = load(deployment({ replicas: 3 }) + hpa());
    expect(replicaRange(m.deployment, m.objects)).to.deep.equal({
      low: { replicas: 2, source: 'hpaMin' },
      high: { replicas: 10, source: 'hpaMax' },
    });
    const other = load(deployment({ replicas: 3 }) + hpa(undefined, 'otra'));
    expect(replicaRange(other.deployment, other.objects).high.replicas).to.equal(3);
    const noMin = load(deployment({ replicas: null }) + hpa('  maxReplicas: 4\n'));
    expect(replicaRange(noMin.deployment, noMin.objects).low).to.deep.equal({ replicas: 1, source: 'hpaMinDefault' });
    // Written replicas beside an HPA are their own mistake, not a lower bound of the range.
    const one = load(deployment({ replicas: 1 }) + hpa());
    expect(replicaRange(one.deployment, one.objects).low).to.deep.equal({ replicas: 2, source: 'hpaMin' });
  });

  it('with an HPA on the Deployment, `spec.replicas` is left out, and the reason says so', () => {
    const withHpa = load(deployment({ replicas: 1 }) + hpa());
    const problems = replicasLeftToAutoscaler(withHpa.deployment, withHpa);
    expect(problems.map((p) => p.code)).to.deep.equal(['hpa.replicasSet']);
    expect(problems[0]!.at.path).to.deep.equal(['spec', 'replicas']);
    expect(problems[0]!.params).to.include({ hpa: 'api', replicas: 1, min: 2 });
    const without = load(deployment({ replicas: null }) + hpa());
    expect(replicasLeftToAutoscaler(without.deployment, without)).to.deep.equal([]);
    const noHpa = load(deployment({ replicas: 3 }));
    expect(replicasLeftToAutoscaler(noHpa.deployment, noHpa)).to.deep.equal([]);
  });
});

describe('rules: scaling — rolling update', () => {
  const check = (strategy: string, extra = hpa()) => {
    const m = load(deployment({ strategy }) + extra);
    return rollingUpdateKeepsReplicas(m.deployment, m);
  };

  it('maxUnavailable 0 with maxSurge 1 (or its 25 % default, or any percentage above 0) passes', () => {
    expect(check(rolling('0', '1'))).to.deep.equal([]);
    expect(check(rolling('0'))).to.deep.equal([]);
    expect(check(rolling('0', '"1%"'))).to.deep.equal([]);
  });

  it('a percentage of maxUnavailable counts at the HPA maximum: 9 % of 10 is 0, 10 % is 1', () => {
    expect(check(rolling('"9%"', '1'))).to.deep.equal([]);
    const [p] = check(rolling('"10%"', '1'));
    expect(p!.code).to.equal('rolling.maxUnavailable');
    expect(p!.params).to.include({ replicas: 10, source: 'hpaMax', resolved: 1 });
    expect(withLang('es', () => what(p!))).to.equal(
      '`maxUnavailable: 10%` con 10 réplicas (el máximo del HPA) son 1 réplica que pueden faltar durante la actualización.',
    );
  });

  it('without an HPA, the same 10 % of 2 replicas is 0 and passes', () => {
    expect(check(rolling('"10%"', '1'), '')).to.deep.equal([]);
  });

  it('maxUnavailable must be written: the 25 % default lets Pods go from 4 replicas on', () => {
    const [p] = check(rolling(undefined, '1'));
    expect(p!.code).to.equal('rolling.maxUnavailableMissing');
    expect(p!.params).to.include({ resolved: 2 });
    const [atTwo] = check(rolling(undefined, '1'), '');
    expect(withLang('es', () => what(atTwo!))).to.include('aún se redondea a 0');
  });

  it('maxSurge of 0 (or 0 %) leaves no room for the new Pod', () => {
    expect(codes(check(rolling('0', '0')))).to.deep.equal(['rolling.maxSurge']);
    expect(codes(check(rolling('0', '"0%"')))).to.deep.equal(['rolling.maxSurge']);
  });

  it('Recreate is refused, and values that are not an int or a percentage are named', () => {
    expect(codes(check('  strategy:\n    type: Recreate\n'))).to.deep.equal(['rolling.notRolling']);
    const [p] = check(rolling('"0"', '1'));
    expect(p!.code).to.equal('scaling.amount');
    expect(p!.params).to.deep.equal({ field: 'maxUnavailable', value: '0' });
  });
});

describe('rules: scaling — spreading over nodes', () => {
  const spread = (podSpec: string) => spreadsOverNodes(load(deployment({ podSpec })).deployment);
  const tsc = (extra: string, key = 'kubernetes.io/hostname', labels = 'app: api') =>
    `      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: ${key}\n${extra}          labelSelector:\n            matchLabels:\n              ${labels}\n`;
  const anti = (kind: 'required' | 'preferred', key = 'kubernetes.io/hostname') => {
    const head = '      affinity:\n        podAntiAffinity:\n';
    return kind === 'required'
      ? `${head}          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: ${key}\n              labelSelector:\n                matchLabels:\n                  app: api\n`
      : `${head}          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm:\n                topologyKey: ${key}\n                labelSelector:\n                  matchLabels:\n                    app: api\n`;
  };

  it('a ScheduleAnyway constraint or a preferred anti-affinity on the hostname passes', () => {
    expect(spread(tsc('          whenUnsatisfiable: ScheduleAnyway\n'))).to.deep.equal([]);
    expect(spread(anti('preferred'))).to.deep.equal([]);
  });

  it('DoNotSchedule passes only with nodeTaintsPolicy: Honor and no minDomains above 1', () => {
    expect(spread(tsc('          whenUnsatisfiable: DoNotSchedule\n          nodeTaintsPolicy: Honor\n'))).to.deep.equal([]);
    expect(codes(spread(tsc('          whenUnsatisfiable: DoNotSchedule\n')))).to.deep.equal(['spread.doNotSchedule']);
    expect(codes(spread(tsc('          whenUnsatisfiable: DoNotSchedule\n          nodeTaintsPolicy: Honor\n          minDomains: 2\n')))).to.deep.equal([
      'spread.minDomains',
    ]);
    expect(codes(spread(tsc('          whenUnsatisfiable: DoNotSchedule\n', 'topology.kubernetes.io/zone')))).to.deep.equal(['spread.doNotScheduleKey']);
  });

  it('required anti-affinity is refused even next to a good preference, with the Pending explanation', () => {
    const problems = spread(anti('required') + tsc('          whenUnsatisfiable: ScheduleAnyway\n'));
    expect(codes(problems)).to.deep.equal(['spread.required']);
    expect(withLang('es', () => what(problems[0]!))).to.include('la segunda réplica se queda en `Pending` para siempre');
  });

  it('another key, a selector that misses the Pods, or no rule at all are named', () => {
    expect(codes(spread(tsc('          whenUnsatisfiable: ScheduleAnyway\n', 'topology.kubernetes.io/zone')))).to.deep.equal(['spread.key']);
    expect(codes(spread(anti('preferred', 'topology.kubernetes.io/zone')))).to.deep.equal(['spread.key']);
    const [miss] = spread(tsc('          whenUnsatisfiable: ScheduleAnyway\n', undefined, 'app: otra'));
    expect(miss!.code).to.equal('spread.selector');
    expect(miss!.params).to.deep.equal({ selector: '`app=otra`', labels: '`app=api`, `tier=web`' });
    expect(codes(spread(''))).to.deep.equal(['spread.missing']);
  });

  it('matchExpressions that select the Pods count', () => {
    const podSpec =
      '      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchExpressions:\n              - { key: tier, operator: In, values: [web] }\n';
    expect(spread(podSpec)).to.deep.equal([]);
  });
});

describe('rules: scaling — the HorizontalPodAutoscaler', () => {
  const hpaNode = (text: string) => load(deployment() + text).find('HorizontalPodAutoscaler');
  const metrics = (m: string) => hpa(`  minReplicas: 2\n  maxReplicas: 10\n  metrics:\n${m}`);

  it('scaleTargetRef must name the Deployment by apps/v1, kind and name', () => {
    const m = load(deployment() + hpa());
    expect(scalesTarget(m.find('HorizontalPodAutoscaler'), m.deployment)).to.deep.equal([]);
    const wrong = load(deployment() + hpa(undefined, 'api-v2'));
    const [p] = scalesTarget(wrong.find('HorizontalPodAutoscaler'), wrong.deployment);
    expect(p!.params).to.include({ field: 'name', actual: 'api-v2', expected: 'api' });
  });

  it('autoscaling/v1 is refused by both HPA rules', () => {
    const v1 = load(deployment() + hpa().replace('autoscaling/v2', 'autoscaling/v1'));
    const node = v1.find('HorizontalPodAutoscaler');
    expect(codes(scalesTarget(node, v1.deployment))).to.deep.equal(['hpa.apiVersion']);
    expect(codes(cpuUtilizationTarget(node, 70))).to.deep.equal(['hpa.apiVersion']);
  });

  it('a CPU Utilization target of 70 passes, as a Resource or a ContainerResource metric', () => {
    const resource = '    - type: Resource\n      resource:\n        name: cpu\n        target: { type: Utilization, averageUtilization: 70 }\n';
    expect(cpuUtilizationTarget(hpaNode(metrics(resource)), 70)).to.deep.equal([]);
    const container = '    - type: ContainerResource\n      containerResource:\n        name: cpu\n        container: api\n        target: { type: Utilization, averageUtilization: 70 }\n';
    expect(cpuUtilizationTarget(hpaNode(metrics(container)), 70)).to.deep.equal([]);
    expect(cpuUtilizationTarget(hpaNode(metrics(container)), 70, 'api')).to.deep.equal([]);
    expect(codes(cpuUtilizationTarget(hpaNode(metrics(container.replace('container: api', 'container: web'))), 70, 'api'))).to.deep.equal(['hpa.cpuContainer']);
    expect(cpuUtilizationTarget(hpaNode(metrics(resource)), 70, 'api')).to.deep.equal([]);
  });

  it('no metrics (80 % by default), no CPU, another target type or value are each named', () => {
    expect(codes(cpuUtilizationTarget(hpaNode(hpa()), 70))).to.deep.equal(['hpa.noMetrics']);
    const memory = '    - type: Resource\n      resource:\n        name: memory\n        target: { type: Utilization, averageUtilization: 70 }\n';
    const [noCpu] = cpuUtilizationTarget(hpaNode(metrics(memory)), 70);
    expect(noCpu!.params).to.include({ found: '`Resource/memory`' });
    const average = '    - type: Resource\n      resource:\n        name: cpu\n        target: { type: AverageValue, averageValue: 35m }\n';
    expect(codes(cpuUtilizationTarget(hpaNode(metrics(average)), 70))).to.deep.equal(['hpa.cpuType']);
    const eighty = '    - type: Resource\n      resource:\n        name: cpu\n        target: { type: Utilization, averageUtilization: 80 }\n';
    expect(codes(cpuUtilizationTarget(hpaNode(metrics(eighty)), 70))).to.deep.equal(['hpa.cpuValue']);
  });
});

describe('rules: scaling — the PodDisruptionBudget', () => {
  const pdb = (budget: string, selector = '  selector:\n    matchLabels:\n      app: api\n') =>
    `---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: api\nspec:\n${budget}${selector}`;
  const allows = (text: string) => {
    const m = load(text);
    return budgetAllowsDisruption(m.find('PodDisruptionBudget'), m.deployment, m);
  };
  const selects = (text: string) => {
    const m = load(text);
    return budgetSelects(m.find('PodDisruptionBudget'), m.deployment);
  };

  it('selects the Pods with matchLabels or matchExpressions; no selector, {} or other labels fail', () => {
    expect(selects(deployment() + pdb('  minAvailable: 1\n'))).to.deep.equal([]);
    const expressions = '  selector:\n    matchExpressions:\n      - { key: tier, operator: Exists }\n';
    expect(selects(deployment() + pdb('  minAvailable: 1\n', expressions))).to.deep.equal([]);
    expect(codes(selects(deployment() + pdb('  minAvailable: 1\n', '')))).to.deep.equal(['pdb.noSelector']);
    expect(codes(selects(deployment() + pdb('  minAvailable: 1\n', '  selector: {}\n')))).to.deep.equal(['pdb.selectsAll']);
    expect(codes(selects(deployment() + pdb('  minAvailable: 1\n', '  selector:\n    matchLabels:\n      app: otra\n')))).to.deep.equal([
      'pdb.selectsOther',
    ]);
  });

  it('counts at the fewest replicas, percentages rounded up like the disruption controller', () => {
    expect(allows(deployment() + hpa() + pdb('  minAvailable: 1\n'))).to.deep.equal([]);
    expect(allows(deployment() + hpa() + pdb('  minAvailable: "50%"\n'))).to.deep.equal([]);
    expect(codes(allows(deployment() + hpa() + pdb('  minAvailable: "60%"\n')))).to.deep.equal(['pdb.noDisruption']);
    expect(allows(deployment() + hpa() + pdb('  maxUnavailable: "10%"\n'))).to.deep.equal([]);
    expect(codes(allows(deployment() + hpa() + pdb('  maxUnavailable: 0\n')))).to.deep.equal(['pdb.noDisruption']);
  });

  it('three replicas in the file do not help when the HPA may go down to two', () => {
    const [p] = allows(deployment({ replicas: 3 }) + hpa() + pdb('  minAvailable: 2\n'));
    expect(withLang('es', () => what(p!))).to.equal(
      '`minAvailable: 2` con 2 réplicas (el mínimo del HPA) exige 2 Pods sanos: no queda ninguna interrupción permitida, y un `kubectl drain` del nodo se quedaría esperando para siempre.',
    );
    expect(allows(deployment({ replicas: 3 }) + pdb('  minAvailable: 2\n'))).to.deep.equal([]);
  });

  it('a budget needs exactly one of minAvailable and maxUnavailable', () => {
    expect(codes(allows(deployment() + pdb('')))).to.deep.equal(['pdb.noBudget']);
    expect(codes(allows(deployment() + pdb('  minAvailable: 1\n  maxUnavailable: 1\n')))).to.deep.equal(['pdb.both']);
    expect(codes(allows(deployment() + pdb('  minAvailable: "1"\n')))).to.deep.equal(['scaling.amount']);
  });
});
