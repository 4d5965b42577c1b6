// The grader's own Pods (HTTP client, load generator, fake Wikipedia, canary server): the workshop
// image under the `restricted` Pod Security standard, so they are admitted in every exercise's
// namespace (12 and 14 enforce it) and pull nothing.
import type * as k8s from '@kubernetes/client-node';
import { WORKSHOP_IMAGE } from './images.ts';

const RESTRICTED_POD: k8s.V1PodSecurityContext = { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } };
const RESTRICTED_CONTAINER: k8s.V1SecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true };
export const SMALL: k8s.V1ResourceRequirements = { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } };

export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'taller' };

type Container = Omit<k8s.V1Container, 'image'>;

/** Containers of the workshop image (`args` or `command`, ports, probes) in a restricted Pod. */
export function graderPod(
  name: string,
  labels: Record<string, string>,
  container: Container,
  spec: Omit<k8s.V1PodSpec, 'containers' | 'initContainers'> & { initContainers?: Container[] } = {},
): k8s.V1Pod {
  const workshop = (c: Container): k8s.V1Container => ({
    imagePullPolicy: 'IfNotPresent',
    securityContext: RESTRICTED_CONTAINER,
    resources: SMALL,
    ...c,
    image: WORKSHOP_IMAGE,
  });
  return {
    metadata: { name, labels: { ...MANAGED_BY, ...labels } },
    spec: {
      ...spec,
      securityContext: RESTRICTED_POD,
      initContainers: spec.initContainers?.map(workshop),
      containers: [workshop(container)],
    },
  };
}
