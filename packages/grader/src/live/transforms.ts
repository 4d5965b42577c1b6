// Apply-time rewrites of a learner's objects (see ApplyTransform in run.ts): what is right in the
// learner's own cluster but cannot be applied as written in a cluster the grader shares.
import type { ApplyTransform } from './run.ts';

const EXPOSED = new Set(['NodePort', 'LoadBalancer']);

/**
 * A fixed `nodePort` is unique in the whole cluster: a second grading run (or another exercise)
 * would collide with the first. Dropped from NodePort and LoadBalancer Services so Kubernetes
 * picks a free one; the static tier checks the number the learner wrote. Other Service types
 * keep it, so the server still refuses a `nodePort` where none is allowed.
 */
export const withoutNodePorts: ApplyTransform = (obj, value) => {
  const spec = value.spec as { type?: string; ports?: unknown[] } | undefined;
  if (obj.kind !== 'Service' || !spec || !EXPOSED.has(spec.type ?? '') || !Array.isArray(spec.ports)) return value;
  const ports = spec.ports.map((p) => {
    if (!p || typeof p !== 'object' || !('nodePort' in p)) return p;
    const { nodePort: _dropped, ...rest } = p as Record<string, unknown>;
    return rest;
  });
  return { ...value, spec: { ...spec, ports } };
};
