// Label selectors: a Deployment must select its own template, a Service must select the Pods.
import type { Problem } from '../messages/problem.ts';
import { podLabels, type Node } from '../model.ts';

type Labels = Record<string, unknown>;
interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: Requirement[];
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, req.key);
    const value = String(labels[req.key]);
    switch (req.operator) {
      case 'In':
        if (!has || !(req.values ?? []).includes(value)) return false;
        break;
      case 'NotIn':
        if (has && (req.values ?? []).includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export const showLabels = (labels: unknown) =>
  labels && typeof labels === 'object' && Object.keys(labels).length
    ? Object.entries(labels as Labels)
        .map(([k, v]) => `\`${k}=${String(v)}\``)
        .join(', ')
    : '(ninguna)';

export function showSelector(selector: LabelSelector): string {
  const parts = [showLabels(selector.matchLabels ?? {})].filter((s) => s !== '(ninguna)');
  for (const r of selector.matchExpressions ?? []) {
    parts.push(`\`${r.key} ${r.operator}${r.values ? ` (${r.values.join(', ')})` : ''}\``);
  }
  return parts.join(', ') || '(nada)';
}

export function selectorMatchesTemplate(workload: Node): Problem[] {
  const selector = workload.at<LabelSelector>('spec.selector');
  if (!selector.exists) return [{ code: 'selector.missing', at: workload.location('spec') }];
  const labels = podLabels(workload).value ?? {};
  const empty = !selector.value.matchLabels && !selector.value.matchExpressions;
  if (!empty && selectorMatches(selector.value, labels)) return [];
  return [
    {
      code: 'selector.mismatch',
      at: selector.location(),
      params: { selector: showSelector(selector.value), labels: showLabels(labels) },
    },
  ];
}

/** A Service's selector (plain labels) selects the workload's Pods. */
export function serviceSelects(service: Node, workload: Node): Problem[] {
  const selector = service.at<Labels>('spec.selector');
  if (!selector.exists || Object.keys(selector.value).length === 0) {
    return [{ code: 'service.noSelector', at: service.location('spec'), params: { workload: workload.object.name } }];
  }
  const labels = podLabels(workload).value ?? {};
  if (selectorMatches({ matchLabels: selector.value }, labels)) return [];
  return [
    {
      code: 'service.selectsNothing',
      at: selector.location(),
      params: { selector: showLabels(selector.value), labels: showLabels(labels), workload: workload.object.name },
    },
  ];
}
