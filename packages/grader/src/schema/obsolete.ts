// apiVersions that Kubernetes removed, and what replaces them. The schema knows what exists in
// the pinned version; this table adds when the old one went away, for a better message.
export interface Removal {
  removedIn: string;
  use: string;
}

const REMOVED: Record<string, Removal> = {
  'extensions/v1beta1/Deployment': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta1/Deployment': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/Deployment': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/DaemonSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/DaemonSet': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/ReplicaSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/ReplicaSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta1/StatefulSet': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2/StatefulSet': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/NetworkPolicy': { removedIn: '1.16', use: 'networking.k8s.io/v1' },
  'extensions/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'networking.k8s.io/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/Role': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': {
    removedIn: '1.22',
    use: 'rbac.authorization.k8s.io/v1',
  },
  'batch/v1beta1/CronJob': { removedIn: '1.25', use: 'batch/v1' },
  'batch/v2alpha1/CronJob': { removedIn: '1.21', use: 'batch/v1' },
  'policy/v1beta1/PodDisruptionBudget': { removedIn: '1.25', use: 'policy/v1' },
  'policy/v1beta1/PodSecurityPolicy': { removedIn: '1.25', use: 'Pod Security Admission (etiquetas del Namespace)' },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': { removedIn: '1.25', use: 'autoscaling/v2' },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': { removedIn: '1.26', use: 'autoscaling/v2' },
};

export function removal(apiVersion: string, kind: string): Removal | undefined {
  return REMOVED[`${apiVersion}/${kind}`];
}
