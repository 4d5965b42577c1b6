// English messages of the live tier (a real cluster).
import type { Catalogue } from './types.ts';
import { enEvidence as evidence, enStopped as stopped, lines } from './format.ts';

export const enLive: Catalogue = {
  'live.rejected': {
    what: (p) => `The Kubernetes API server rejects the ${p.kind} \`${p.name}\`: ${p.message}`,
    fix: () => 'Fix what the server says: it validates more than the schema (ranges, immutable fields, consistency between fields).',
  },
  'live.notFound': {
    what: (p) => `The ${p.kind} \`${p.name}\` is not in your manifests, so it cannot be checked in the cluster.`,
  },
  'live.mismatch': {
    what: (p) => `The ${p.kind} \`${p.name}\` in the cluster did not reach the expected state:${evidence(p.diff)}`,
    fix: (p) => `Look at it yourself with \`kubectl -n ${p.namespace} get ${String(p.kind).toLowerCase()} ${p.name} -o yaml\` while the grading runs.`,
  },
  'live.notReady': {
    what: (p) => `Expected ${p.expected} Pod${p.expected === 1 ? '' : 's'} of ${p.kind} \`${p.name}\` to be ready (Ready); ${p.ready} ${p.ready === 1 ? 'is' : 'are'}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `Look for the reason: CrashLoopBackOff (the program exits: check \`args\`), ImagePullBackOff or ErrImagePull (the image is not in the cluster: E23), or a failing probe (path or port). To see it yourself: \`kubectl -n ${p.namespace} describe pod\` and \`kubectl -n ${p.namespace} logs <pod>\`.`,
  },
  'live.logMissing': {
    what: (p) =>
      (p.container
        ? `The log of container \`${p.container}\` (Pod \`${p.pod}\`) has no line with ${JSON.stringify(p.text)}${Array.isArray(p.evidence) && p.evidence.length ? '.' : ': it is empty.'}`
        : `The log of Pod \`${p.pod}\` has no line with ${JSON.stringify(p.text)}.`) + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      p.container
        ? `If the container follows a file, is it the same one the application writes, on the same volume? To see it yourself: \`kubectl -n ${p.namespace} logs ${p.pod} -c ${p.container}\`.`
        : 'Does it start the right subcommand? The workshop server writes `{"evento":"escuchando",…}` before accepting connections.',
  },
  'live.http': {
    what: (p) => `From inside the cluster, \`${p.url}\` did not answer as expected (${p.expected}); it answered: ${p.got}.` + stopped(p.final),
    fix: () => 'Check that the Service selects the Pods, that `targetPort` reaches the container port and that the Pod is ready.',
  },
  'live.rollout': {
    what: (p) => `The rollout of \`${p.name}\` did not finish with ${p.replicas} available replica${p.replicas === 1 ? '' : 's'}.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) => `To see it yourself: \`kubectl -n ${p.namespace} rollout status deployment/${p.name}\`.`,
  },
  'live.endpoints': {
    what: (p) => `The Service \`${p.service}\` has ${p.ready} ready endpoint${p.ready === 1 ? '' : 's'}; expected ${p.expected}.` + stopped(p.final),
    fix: () => 'An endpoint appears when a Pod selected by the Service is ready: check the selector and the readiness probe.',
  },
  'live.jobIncomplete': {
    what: (p) => `The Job \`${p.name}\` did not complete successfully.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) => `Check the arguments and the mounts, and the log: \`kubectl -n ${p.namespace} logs job/${p.name}\`.`,
  },
  'live.logValues': {
    what: (p) => `The \`etl\` log says ${p.actual}; with the CSV from the ConfigMap, ${p.expected} was expected.` + evidence(p.evidence),
    fix: () => 'Does `--entrada` read the folder where the ConfigMap is mounted, with all its `.csv` files?',
  },
  'live.lost': {
    what: (p) => `The connection to the cluster was lost during the check (${p.error}).`,
    fix: () => 'Has the cluster or Docker stopped? Check with `kubectl get nodes` (E25 in docs/solucion-de-problemas.md) and grade again.',
  },
  'live.notScheduled': {
    what: (p) =>
      `Expected ${p.expected} Pod${p.expected === 1 ? '' : 's'} of ${p.kind} \`${p.name}\` assigned to a node; ${p.created} created and ${p.scheduled} assigned (${p.chain}).` +
      evidence(p.evidence),
    fix: (p) =>
      `Read the scheduler's reason: "Insufficient cpu" or "Insufficient memory" means you ask (in requests) for more than a node has; lower it. To see it yourself: \`kubectl -n ${p.namespace} describe pod\` (the namespace is deleted when grading ends).`,
  },
  // TALLER_REQUIRE: the tiers that must run here (CI sets it for every tier it sets up).
  'require.invalid': {
    what: (p) =>
      `TALLER_REQUIRE=${p.value} is not valid: ${lines(p.unknown).map((n) => `\`${n}\``).join(', ')} is not one of the tiers that can be required. Valid values, comma-separated: ${lines(p.valid).join(', ')}.`,
  },
  'require.skipped': {
    what: (p) => `This check would have been skipped, but TALLER_REQUIRE=${p.setting} requires \`${p.need}\`: ${String(p.reason).replace(/\.$/, '')}.`,
    fix: (p) => `Set up \`${p.need}\` on this machine (the reason says how) or remove it from TALLER_REQUIRE.`,
  },
};
