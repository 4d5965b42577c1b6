// Assertions on security objects (exercise 12, and the capstone's `restricted` Pods):
// `expect(namespace).to.have.podSecurityLevel('restricted', ['latest', 'v1.34'])`,
// `expect(deployment).to.have.restrictedControl('runAsNonRoot')`, `expect(role).to.grantOnly(…)`,
// `expect(binding).to.bindRole(…)`, `expect(policy).to.denyAllIngress`, `expect(policy).to.allowIngressTo(…)`.
import type { Node } from '../model.ts';
import { allowsIngressTo, deniesAllIngress, type IngressAllowance } from '../rules/networkpolicy.ts';
import { bindingGrants, roleGrantsOnly, type Grantee } from '../rules/rbac.ts';
import { podSecurityLevel, restrictedControl, restrictedSecurityContext, type RestrictedControl } from '../rules/security.ts';
import type { AssertionTable } from './table.ts';

export const securityAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    podSecurityLevel,
    restrictedControl,
    grantOnly: (role: Node, verbs: readonly string[], resource: string) => roleGrantsOnly(role, resource, verbs),
    bindRole: bindingGrants,
    allowIngressTo: allowsIngressTo,
  },
  properties: {
    restrictedSecurityContext,
    denyAllIngress: deniesAllIngress,
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      podSecurityLevel(level: string, versions: readonly string[]): Assertion;
      restrictedControl(control: RestrictedControl): Assertion;
      grantOnly(verbs: readonly string[], resource: string): Assertion;
      bindRole(role: string, to: Grantee): Assertion;
      allowIngressTo(workload: Node, allow: IngressAllowance): Assertion;
      restrictedSecurityContext: Assertion;
      denyAllIngress: Assertion;
    }
  }
}
