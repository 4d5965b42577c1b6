// The one Kubernetes version of the kit: schemas, kind node image and CI cluster.
export const KUBERNETES_VERSION = 'v1.34.0';
export const KUBERNETES_MINOR = '1.34';
