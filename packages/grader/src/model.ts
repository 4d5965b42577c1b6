// A place inside a learner's object: the object, a field path, and the value there. Every
// assertion works on these, so every message can say file:line and the field path.
import type { Location } from './parse/location.ts';
import { parsePath, type FieldPath } from './parse/location.ts';
import type { K8sObject } from './parse/manifests.ts';
import type { ParsedDocument } from './parse/yaml.ts';

export class Node<T = unknown> {
  constructor(
    readonly object: K8sObject,
    readonly path: FieldPath = [],
  ) {}

  /** A plain YAML document (not a Kubernetes object, e.g. a quiz's answers): kind and name empty. */
  static ofDocument<U = unknown>(file: string, document: ParsedDocument): Node<U> {
    const value = document.value as Record<string, unknown>;
    return new Node<U>({ apiVersion: '', kind: '', name: '', value, file, document, base: [], namespaced: false });
  }

  get value(): T {
    return getIn(this.object.value, this.path) as T;
  }

  get exists(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  at<U = unknown>(sub: string | FieldPath): Node<U> {
    const rel = typeof sub === 'string' ? parsePath(sub) : sub;
    return new Node<U>(this.object, [...this.path, ...rel]);
  }

  /** Children of a list node, each a Node. */
  items<U = unknown>(): Node<U>[] {
    const v = this.value;
    return Array.isArray(v) ? v.map((_, i) => this.at<U>([i])) : [];
  }

  location(sub: string | FieldPath = []): Location {
    const rel = typeof sub === 'string' ? parsePath(sub) : sub;
    const full = [...this.path, ...rel];
    const pos = this.object.document.locate([...this.object.base, ...full]);
    return { file: this.object.file, line: pos.line, col: pos.col, path: full };
  }

  /** "Deployment api-datos", for messages. */
  get label(): string {
    return this.object.kind ? `${this.object.kind} ${this.object.name}` : this.object.file;
  }
}

export function getIn(value: unknown, path: FieldPath): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The Pod spec inside any workload: Pod, Deployment-like, Job, CronJob, or a jobTemplate. */
export function podSpecPath(node: Node): FieldPath {
  switch (node.object.kind) {
    case 'Pod':
      return node.path.length ? [...node.path, 'spec'] : ['spec'];
    case 'CronJob':
      return node.path.length ? [...node.path, 'spec', 'template', 'spec'] : ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    default:
      return [...node.path, 'spec', 'template', 'spec'];
  }
}

export function podSpec(node: Node): Node<Record<string, unknown>> {
  return new Node(node.object, podSpecPath(node));
}

/** Labels the workload gives its Pods. */
export function podLabels(node: Node): Node<Record<string, unknown>> {
  if (node.object.kind === 'Pod') return node.at('metadata.labels');
  const spec = podSpecPath(node);
  return new Node(node.object, [...spec.slice(0, -1), 'metadata', 'labels']);
}
