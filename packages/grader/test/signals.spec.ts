// The cluster signals that end a live wait early (src/live/signals.ts): each rule on snapshots of
// Pods, events and nodes as the API returns them, and the cases where it must keep waiting.
import type * as k8s from '@kubernetes/client-node';
import { expect } from 'chai';
import { what } from '../src/messages/index.ts';
import {
  declaredDelay,
  jobExitFinal,
  mountFinal,
  podRequests,
  readinessFinal,
  settles,
  unschedulableFinal,
  waitingFinal,
  type ReadinessLook,
} from '../src/live/signals.ts';

const IMAGE = 'taller/app-datos:1.0';
const T0 = Date.parse('2026-12-08T03:00:00Z');

function pod(opts: {
  name?: string;
  container?: Partial<k8s.V1Container>;
  status?: Partial<k8s.V1ContainerStatus>;
  phase?: string;
  conditions?: k8s.V1PodCondition[];
}): k8s.V1Pod {
  const name = opts.name ?? 'api-1';
  return {
    metadata: { name, uid: `uid-${name}` },
    spec: { containers: [{ name: 'api', image: IMAGE, ...opts.container }] },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: opts.conditions,
      containerStatuses: [{ name: 'api', image: IMAGE, imageID: '', ready: false, restartCount: 0, ...opts.status }],
    },
  };
}

const running = (startedAt = new Date(T0)): Partial<k8s.V1ContainerStatus> => ({ started: true, state: { running: { startedAt } } });
const probe = (periodSeconds: number, initialDelaySeconds = 0): Partial<k8s.V1Container> => ({
  readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds, initialDelaySeconds },
});
const probeEvent = (count: number, podName = 'api-1', message = 'Readiness probe failed: HTTP probe failed with statuscode: 503'): k8s.CoreV1Event => ({
  metadata: {},
  involvedObject: { kind: 'Pod', name: podName, fieldPath: 'spec.containers{api}' },
  reason: 'Unhealthy',
  type: 'Warning',
  message,
  count,
});
const look = (now: number, events: k8s.CoreV1Event[], seen = new Map<string, number>(), extra: Partial<ReadinessLook> = {}): ReadinessLook => ({
  events,
  seen,
  now,
  ...extra,
});

describe('live signals: when waiting longer cannot change the answer', () => {
  describe('waiting reasons', () => {
    it('a container waiting with a reason that does not heal by itself is final', () => {
      for (const reason of ['CrashLoopBackOff', 'CreateContainerConfigError', 'ErrImageNeverPull', 'InvalidImageName', 'ImagePullBackOff']) {
        expect(waitingFinal(pod({ status: { state: { waiting: { reason } } } })), reason).to.deep.include({ why: 'waiting', container: 'api', reason });
      }
    });

    it('a container still being created is not', () => {
      expect(waitingFinal(pod({ status: { state: { waiting: { reason: 'ContainerCreating' } } } }))).to.equal(undefined);
    });
  });

  describe('a Job attempt that failed', () => {
    const failed = (exitCode: number, image = IMAGE, where: 'state' | 'lastState' = 'state', phase = 'Failed') => {
      const p = pod({ phase, container: { image }, status: { image, [where]: { terminated: { exitCode, reason: 'Error' } } } });
      return { ...p, spec: { ...p.spec!, restartPolicy: where === 'state' ? 'Never' : 'OnFailure' } };
    };

    it('the workshop app ending with an error of its own is final at the first attempt', () => {
      expect(jobExitFinal(failed(1))).to.deep.equal({ why: 'exit', pod: 'api-1', container: 'api', exitCode: 1 });
      expect(jobExitFinal(failed(2))).to.deep.include({ exitCode: 2 });
      // restartPolicy OnFailure: the same Pod restarts, the failure is in lastState.
      expect(jobExitFinal(failed(1, IMAGE, 'lastState'))).to.deep.include({ exitCode: 1 });
    });

    it('keeps waiting for the retries: code 3 (a passing error), a signal, success, or another image', () => {
      expect(jobExitFinal(failed(3)), 'code 3').to.equal(undefined);
      expect(jobExitFinal(failed(137)), 'SIGKILL').to.equal(undefined);
      expect(jobExitFinal(failed(0)), 'success').to.equal(undefined);
      expect(jobExitFinal(failed(1, 'busybox:1.36')), 'unknown exit codes').to.equal(undefined);
      expect(jobExitFinal(failed(1, IMAGE, 'state', 'Running')), 'the kubelet has not marked the Pod Failed yet').to.equal(undefined);
    });
  });

  describe('a readiness probe that keeps failing', () => {
    it('is final once the container has run never ready for the grace (15 s or three periods) with failures reported', () => {
      const p = pod({ container: probe(5), status: running() });
      const seen = new Map<string, number>();
      expect(readinessFinal(p, look(T0, [probeEvent(1)], seen)), 'first look').to.equal(undefined);
      expect(readinessFinal(p, look(T0 + 14_000, [probeEvent(3)], seen)), 'a slow start').to.equal(undefined);
      expect(readinessFinal(p, look(T0 + 15_000, [probeEvent(4)], seen))).to.deep.equal({ why: 'probe', pod: 'api-1', container: 'api', seconds: 15, failures: 4 });
    });

    it('counts from the first look, so a wait that starts late never counts time it did not see', () => {
      const p = pod({ container: probe(5), status: running(new Date(T0 - 60_000)) });
      const seen = new Map<string, number>();
      expect(readinessFinal(p, look(T0, [probeEvent(12)], seen))).to.equal(undefined);
      expect(readinessFinal(p, look(T0 + 15_000, [probeEvent(15)], seen))).to.deep.include({ why: 'probe' });
    });

    it('waits longer for initialDelaySeconds, long periods and the app’s own READY_DELAY', () => {
      const cases: [Partial<k8s.V1Container>, number][] = [
        [probe(5, 10), 25_000],
        [probe(10), 30_000],
        [{ ...probe(2), env: [{ name: 'READY_DELAY', value: '20' }] }, 35_000],
      ];
      for (const [container, finalAt] of cases) {
        const p = pod({ container, status: running() });
        const seen = new Map<string, number>();
        readinessFinal(p, look(T0, [probeEvent(1)], seen));
        expect(readinessFinal(p, look(T0 + finalAt - 1000, [probeEvent(9)], seen)), JSON.stringify(container)).to.equal(undefined);
        expect(readinessFinal(p, look(T0 + finalAt, [probeEvent(9)], seen)), JSON.stringify(container)).to.deep.include({ why: 'probe' });
      }
    });

    it('never without probe failures reported, without a probe, or before a startup probe passed', () => {
      const seen = new Map<string, number>();
      const quiet = pod({ container: probe(5), status: running() });
      readinessFinal(quiet, look(T0, [], seen));
      expect(readinessFinal(quiet, look(T0 + 60_000, [probeEvent(1, 'otro-pod')], seen)), 'no failures of this Pod').to.equal(undefined);
      const noProbe = pod({ status: running() });
      expect(readinessFinal(noProbe, look(T0 + 60_000, [probeEvent(9)], seen)), 'no probe').to.equal(undefined);
      const starting = pod({ container: probe(5), status: { ...running(), started: false } });
      readinessFinal(starting, look(T0, [probeEvent(9)], seen));
      expect(readinessFinal(starting, look(T0 + 60_000, [probeEvent(9)], seen)), 'startup probe pending').to.equal(undefined);
    });

    it('starts counting again when the container restarts or its readiness changes', () => {
      const seen = new Map<string, number>();
      const before = pod({ container: probe(5), status: running(), conditions: [{ type: 'ContainersReady', status: 'False', lastTransitionTime: new Date(T0) }] });
      readinessFinal(before, look(T0, [probeEvent(1)], seen));
      const flapped = pod({ container: probe(5), status: running(), conditions: [{ type: 'ContainersReady', status: 'False', lastTransitionTime: new Date(T0 + 10_000) }] });
      expect(readinessFinal(flapped, look(T0 + 10_000, [probeEvent(3)], seen))).to.equal(undefined);
      expect(readinessFinal(flapped, look(T0 + 20_000, [probeEvent(5)], seen)), 'only 10 s since it was ready').to.equal(undefined);
      expect(readinessFinal(flapped, look(T0 + 25_000, [probeEvent(6)], seen))).to.deep.include({ why: 'probe' });
    });

    it('a READY_DELAY that ends after the wait’s deadline is final at the first failure', () => {
      const p = pod({ container: { ...probe(5), env: [{ name: 'READY_DELAY', value: '600' }] }, status: running() });
      const final = readinessFinal(p, look(T0 + 3000, [probeEvent(1)], new Map(), { deadline: T0 + 60_000, timeoutMs: 60_000 }));
      expect(final).to.deep.equal({ why: 'readyDelay', pod: 'api-1', container: 'api', delay: 600, timeout: 60 });
      // Ending before the deadline (with room for clock skew), it may still make it.
      const soon = pod({ container: { ...probe(5), env: [{ name: 'READY_DELAY', value: '50' }] }, status: running() });
      expect(readinessFinal(soon, look(T0 + 3000, [probeEvent(1)], new Map(), { deadline: T0 + 45_000, timeoutMs: 45_000 }))).to.equal(undefined);
    });

    it('READY_DELAY: from the container’s env; unknown when it may come from a ConfigMap or Secret', () => {
      expect(declaredDelay({ name: 'a', image: IMAGE })).to.equal(0);
      expect(declaredDelay({ name: 'a', image: IMAGE, env: [{ name: 'READY_DELAY', value: '2.5' }] })).to.equal(2.5);
      expect(declaredDelay({ name: 'a', image: `docker.io/${IMAGE}`, env: [{ name: 'READY_DELAY', value: 'nunca' }] })).to.equal(0);
      expect(declaredDelay({ name: 'a', image: IMAGE, env: [{ name: 'READY_DELAY', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] })).to.equal(undefined);
      expect(declaredDelay({ name: 'a', image: IMAGE, envFrom: [{ configMapRef: { name: 'c' } }] })).to.equal(undefined);
      expect(declaredDelay({ name: 'a', image: 'redis:7.0-bookworm', envFrom: [{ configMapRef: { name: 'c' } }] })).to.equal(0);
    });
  });

  describe('volumes and scheduling', () => {
    const failedMount = (message: string): k8s.CoreV1Event => ({ metadata: {}, involvedObject: { kind: 'Pod', name: 'api-1' }, reason: 'FailedMount', type: 'Warning', message });
    const pending = pod({ phase: 'Pending', status: { state: { waiting: { reason: 'ContainerCreating' } } } });

    it('a FailedMount of a ConfigMap or Secret the namespace does not have is final', () => {
      const events = [failedMount('MountVolume.SetUp failed for volume "entrada" : configmap "ventas" not found')];
      expect(mountFinal(pending, events, () => false)).to.deep.equal({ why: 'mount', pod: 'api-1', kind: 'ConfigMap', name: 'ventas' });
      const secret = [failedMount('MountVolume.SetUp failed for volume "clave" : secret "db" not found')];
      expect(mountFinal(pending, secret, () => false)).to.deep.include({ kind: 'Secret', name: 'db' });
    });

    it('not when the object exists now (the kubelet saw it before it was applied)', () => {
      const events = [failedMount('MountVolume.SetUp failed for volume "entrada" : configmap "ventas-csv" not found')];
      expect(mountFinal(pending, events, (kind, name) => kind === 'ConfigMap' && name === 'ventas-csv')).to.equal(undefined);
    });

    const unschedulable = (cpu: string) => ({
      ...pod({ container: { resources: { requests: { cpu, memory: '64Mi' } } }, phase: 'Pending', status: {} }),
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 1 Insufficient cpu.' }] },
    });
    const nodes: k8s.V1Node[] = [
      { metadata: { name: 'real' }, status: { allocatable: { cpu: '2', memory: '24581372Ki' } } },
      { metadata: { name: 'kwok' }, status: { allocatable: { cpu: '4', memory: '8Gi' } } },
    ];

    it('Unschedulable asking for more than any node has is final', () => {
      expect(podRequests(unschedulable('100'))).to.deep.equal({ cpu: 100, memory: 64 * 2 ** 20 });
      expect(unschedulableFinal(unschedulable('100'), nodes)).to.deep.equal({ why: 'unschedulable', pod: 'api-1' });
    });

    it('not when some node could hold it once others’ Pods finish', () => {
      expect(unschedulableFinal(unschedulable('1500m'), nodes)).to.equal(undefined);
      expect(unschedulableFinal(unschedulable('100'), []), 'no nodes seen').to.equal(undefined);
    });
  });

  it('a final Pod settles a wait only when too few others are left to come good', () => {
    expect(settles(1, 3, 3), 'a replica the Deployment will not replace').to.equal(true);
    expect(settles(1, 1, 3), 'Pods not created yet come from the same template').to.equal(true);
    expect(settles(1, 3, 2), 'a canary the same labels select').to.equal(false);
    expect(settles(2, 3, 2)).to.equal(true);
    expect(settles(1, 2, 1), 'HTTP: another Pod may still answer').to.equal(false);
    expect(settles(0, 3, 3)).to.equal(false);
  });

  it('the verdict says why the grader stopped waiting, in Spanish and in English', () => {
    const problem = {
      code: 'live.jobIncomplete',
      at: { file: 'k8s/job.yaml' },
      params: { name: 'etl-ventas', evidence: ['Pods: etl-ventas-x Failed'], final: { why: 'exit', pod: 'etl-ventas-x', container: 'etl', exitCode: 1 }, namespace: 'n' },
    };
    expect(what(problem)).to.include('No se esperó más: el contenedor `etl` del Pod `etl-ventas-x` terminó con código 1');
    const saved = process.env.TALLER_LANG;
    process.env.TALLER_LANG = 'en';
    try {
      expect(what(problem)).to.include('Stopped waiting: container `etl` of Pod `etl-ventas-x` ended with code 1');
    } finally {
      if (saved === undefined) delete process.env.TALLER_LANG;
      else process.env.TALLER_LANG = saved;
    }
    expect(what({ ...problem, params: { ...problem.params, final: undefined } })).not.to.include('No se esperó más');
  });
});
