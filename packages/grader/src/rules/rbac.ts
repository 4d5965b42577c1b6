// RBAC: a Role that grants exactly what it should (least privilege), and a RoleBinding that
// grants that Role to one ServiceAccount and nobody else.
import type { Problem } from '../messages/problem.ts';
import type { Node } from '../model.ts';

type Rule = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const shown = (values: readonly unknown[]) => values.map((v) => `\`${String(v)}\``).join(', ');

/**
 * The Role grants `verbs` on `resource` of the core API group, and nothing else: no other verb,
 * resource or group, no wildcard, no `resourceNames` (a `list` cannot be limited by name).
 */
export function roleGrantsOnly(role: Node, resource: string, verbs: readonly string[]): Problem[] {
  const rules = role.at('rules').items<Rule>();
  if (rules.length === 0) return [{ code: 'rbac.noRules', at: role.location('rules'), params: { resource, verbs: [...verbs] } }];
  const problems: Problem[] = [];
  const granted = new Set<string>();
  let explained = false;
  for (const rule of rules) {
    const groups = list(rule.value?.apiGroups);
    const resources = list(rule.value?.resources);
    const ruleVerbs = list(rule.value?.verbs);
    const wildcards = (['apiGroups', 'resources', 'verbs'] as const).filter((f) => list(rule.value?.[f]).includes('*'));
    for (const field of wildcards) problems.push({ code: 'rbac.wildcard', at: rule.location(field), params: { field } });
    if (wildcards.length) {
      explained = true;
      continue;
    }
    if (!groups.includes('')) {
      problems.push({ code: 'rbac.apiGroup', at: rule.location('apiGroups'), params: { actual: groups.length ? shown(groups) : undefined, resource } });
    }
    const otherResources = resources.filter((r) => r !== resource);
    if (otherResources.length) problems.push({ code: 'rbac.extraResource', at: rule.location('resources'), params: { extra: shown(otherResources), resource } });
    const otherVerbs = ruleVerbs.filter((v) => !verbs.includes(String(v)));
    if (otherVerbs.length) problems.push({ code: 'rbac.extraVerb', at: rule.location('verbs'), params: { extra: shown(otherVerbs), verbs: shown(verbs) } });
    if (rule.value?.resourceNames !== undefined) problems.push({ code: 'rbac.resourceNames', at: rule.location('resourceNames') });
    if (!resources.includes(resource)) continue;
    if (groups.includes('') && rule.value?.resourceNames === undefined) for (const v of ruleVerbs) granted.add(String(v));
    else explained = true;
  }
  const missing = verbs.filter((v) => !granted.has(v));
  // A rule for the resource in the wrong group or limited by name already says why.
  if (missing.length && !explained) {
    problems.push({ code: 'rbac.missingVerb', at: role.location('rules'), params: { missing: shown(missing), resource } });
  }
  return problems;
}

export interface Grantee {
  serviceAccount: string;
  /** The namespace the exercise names: a subject may say it or omit it (the binding's own). */
  namespace: string;
}

/** The RoleBinding grants the Role `role` to the ServiceAccount, and to no other subject. */
export function bindingGrants(binding: Node, role: string, to: Grantee): Problem[] {
  const problems: Problem[] = [];
  const ref = binding.at<Rule>('roleRef');
  if (ref.value?.kind !== 'Role' || ref.value?.name !== role) {
    problems.push({ code: 'rbac.roleRef', at: ref.location(ref.value?.kind !== 'Role' ? 'kind' : 'name'), params: { kind: ref.value?.kind, name: ref.value?.name, role } });
  }
  const subjects = binding.at('subjects').items<Rule>();
  const isGrantee = (s: Node<Rule>) => s.value?.kind === 'ServiceAccount' && s.value?.name === to.serviceAccount;
  const grantee = subjects.find(isGrantee);
  if (!grantee) {
    const found = subjects.map((s) => `${String(s.value?.kind)} \`${String(s.value?.name)}\``).join(', ');
    problems.push({ code: 'rbac.subjectMissing', at: binding.location('subjects'), params: { serviceAccount: to.serviceAccount, found: found || undefined } });
  } else {
    const ns = grantee.value.namespace;
    if (ns !== undefined && ns !== '' && ns !== to.namespace) {
      problems.push({ code: 'rbac.subjectNamespace', at: grantee.location('namespace'), params: { actual: ns, namespace: to.namespace, serviceAccount: to.serviceAccount } });
    }
  }
  for (const other of subjects.filter((s) => !isGrantee(s))) {
    problems.push({ code: 'rbac.extraSubject', at: other.location(), params: { kind: other.value?.kind, name: other.value?.name, serviceAccount: to.serviceAccount } });
  }
  return problems;
}
