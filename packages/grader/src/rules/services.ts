// Service ports: the port exists and its targetPort reaches a container port of the workload.
import type { Problem } from '../messages/problem.ts';
import { podSpec, type Node } from '../model.ts';

type Port = Record<string, unknown>;

export function serviceType(service: Node, expected: string): Problem[] {
  const actual = (service.at('spec.type').value as string | undefined) ?? 'ClusterIP';
  return actual === expected ? [] : [{ code: 'service.type', at: service.location('spec.type'), params: { actual, expected } }];
}

export function servicePortTargets(service: Node, port: number, workload: Node): Problem[] {
  const entry = service.at('spec.ports').items<Port>().find((p) => p.value?.port === port);
  if (!entry) return [{ code: 'service.portMissing', at: service.location('spec.ports'), params: { port } }];
  const target = entry.value.targetPort ?? port;
  const ports = podSpec(workload)
    .at('containers')
    .items<Record<string, unknown>>()
    .flatMap((c) => c.at('ports').items<Port>().map((p) => p.value));
  const hit = ports.some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target));
  if (hit) return [];
  return [
    {
      code: 'service.targetPort',
      at: entry.location(entry.value.targetPort === undefined ? [] : 'targetPort'),
      params: {
        target,
        workload: workload.object.name,
        ports: ports.map((p) => `\`${String(p.containerPort)}${p.name ? ` (${String(p.name)})` : ''}\``).join(', '),
      },
    },
  ];
}
