// Assertions of exercise 09 (configuration and Kustomize). Subjects: `ex.kustomize()` for the
// layout, a rendered overlay (`kz.require(this, 'produccion')`) for what only the whole overlay
// shows, and Nodes of rendered objects for the rest.
import { Kustomize, Overlay } from '../kustomize/overlay.ts';
import { Node } from '../model.ts';
import type { Problem } from '../messages/problem.ts';
import * as config from '../rules/config.ts';
import type { Container } from '../rules/containers.ts';
import * as kustomize from '../rules/kustomize.ts';
import type { AssertionTable } from './table.ts';

// A wrong subject is a bug in the spec, not a learner's mistake: say so loudly.
function subject<T>(value: unknown, type: abstract new (...args: never[]) => T, name: string): T {
  if (!(value instanceof type)) throw new TypeError(`«${name}» needs a ${type.name}, got ${typeof value}`);
  return value;
}

const onOverlay =
  <A extends unknown[]>(name: string, rule: (o: Overlay, ...args: A) => Problem[]) =>
  (value: unknown, ...args: A) =>
    rule(subject(value, Overlay, name), ...args);
const onNode =
  <A extends unknown[]>(name: string, rule: (n: Node<Container>, ...args: A) => Problem[]) =>
  (value: unknown, ...args: A) =>
    rule(subject(value, Node, name) as Node<Container>, ...args);

export const configAssertions: AssertionTable = {
  methods: {
    configKeys: onNode('configKeys', config.dataKeys),
    jsonFileInData: onNode('jsonFileInData', config.jsonData),
    secretOfType: onNode('secretOfType', config.secretType),
    configMapAsEnv: onNode('configMapAsEnv', config.envFromConfigMap),
    secretKeyAsEnv: onNode('secretKeyAsEnv', config.envFromSecretKey),
    fileMountedAt: onNode('fileMountedAt', config.fileMountedAt),
    replicasInOverlay: onOverlay('replicasInOverlay', kustomize.replicasInOverlay),
    envValueInOverlay: onOverlay('envValueInOverlay', kustomize.envValueInOverlay),
    valuesAsShipped: onOverlay('valuesAsShipped', kustomize.valuesAsShipped),
  },
  properties: {
    kustomizeLayout: (value: unknown) => kustomize.layoutProblems(subject(value, Kustomize, 'kustomizeLayout')),
    resolvedReferences: onOverlay('resolvedReferences', kustomize.resolvedReferences),
    noCredentialsInConfigMaps: onOverlay('noCredentialsInConfigMaps', kustomize.noCredentialsInConfigMaps),
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      configKeys(keys: readonly string[]): Assertion;
      jsonFileInData(key: string): Assertion;
      secretOfType(expected: string): Assertion;
      configMapAsEnv(configMap: string): Assertion;
      secretKeyAsEnv(variable: string, secret: string, key: string): Assertion;
      fileMountedAt(target: string, configMap: string, key: string): Assertion;
      replicasInOverlay(deployment: string, count: number): Assertion;
      envValueInOverlay(deployment: string, name: string, expected: string): Assertion;
      valuesAsShipped(shipped: kustomize.Shipped): Assertion;
      kustomizeLayout: Assertion;
      resolvedReferences: Assertion;
      noCredentialsInConfigMaps: Assertion;
    }
  }
}
