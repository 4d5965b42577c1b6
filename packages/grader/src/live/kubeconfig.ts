// Which kubeconfig contexts the kit may touch. A context is local when it is kind's, Docker or
// Rancher Desktop's, a minikube profile's (its cluster entry carries minikube's extension) or the
// kit's CI cluster; any other context is used only when TALLER_CONTEXT names it.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export const CI_CONTEXT = 'kwok-taller-ci';

interface RawKubeconfig {
  'current-context'?: string;
  contexts?: { name: string; context?: { cluster?: string } }[];
  clusters?: { name: string; cluster?: { server?: string; extensions?: { name?: string; extension?: { provider?: string } }[] } }[];
}

export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean) : [path.join(os.homedir(), '.kube', 'config')];
  return list.filter((f) => existsSync(f));
}

/** The merged contexts of the kubeconfig files, with the facts the safety rule needs. */
export function readContexts(env: NodeJS.ProcessEnv = process.env): { current?: string; contexts: Map<string, { minikube: boolean; server?: string }> } {
  const contexts = new Map<string, { minikube: boolean; server?: string }>();
  let current: string | undefined;
  for (const file of kubeconfigFiles(env)) {
    let raw: RawKubeconfig;
    try {
      raw = (parse(readFileSync(file, 'utf8')) ?? {}) as RawKubeconfig;
    } catch {
      continue;
    }
    current ??= raw['current-context'] || undefined;
    for (const ctx of raw.contexts ?? []) {
      if (contexts.has(ctx.name)) continue; // the first file wins, as in kubectl
      const cluster = raw.clusters?.find((c) => c.name === ctx.context?.cluster)?.cluster;
      const minikube = (cluster?.extensions ?? []).some((e) => e.extension?.provider?.includes('minikube'));
      contexts.set(ctx.name, { minikube, server: cluster?.server });
    }
  }
  return { current, contexts };
}

export function isLocalContext(name: string, facts: { minikube: boolean } | undefined): boolean {
  return (
    name.startsWith('kind-') ||
    name === 'docker-desktop' ||
    name === 'rancher-desktop' ||
    name === CI_CONTEXT ||
    Boolean(facts?.minikube)
  );
}
