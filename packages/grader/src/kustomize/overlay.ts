// A Kustomize exercise (09): a base and overlays under the manifest folder, each overlay rendered
// once per submission with `kubectl kustomize` and read with the grader's own machinery (schema,
// positions), so every assertion works on the rendered objects. Each rendered object keeps its
// rendered value but points at the file the learner wrote it in: the base file, a patch, or the
// generator entry of a kustomization.
import path from 'node:path';
import { AssertionError } from 'chai';
import type { Context } from 'mocha';
import { failWith, GradingFailure } from '../assert/failure.ts';
import { what } from '../messages/index.ts';
import type { Problem } from '../messages/problem.ts';
import { Node } from '../model.ts';
import { addObject, type K8sObject, type Manifests } from '../parse/manifests.ts';
import { parseYaml, type ParsedDocument } from '../parse/yaml.ts';
import { noteWarnings } from '../report/warnings.ts';
import { findContainer, type Container } from '../rules/containers.ts';
import { suggest } from '../schema/suggest.ts';
import { skipWith } from '../live/skip.ts';
import { overlayLocation, translateKustomizeError } from './errors.ts';
import { findKubectl, kustomizeBuild } from './kubectl.ts';
import { refusedReferences } from './references.ts';
import { readSources, within, type KustomizationFile, type Sources } from './sources.ts';

export interface KustomizeConfig {
  /** The base folder, relative to the manifest folder (`base`). */
  base: string;
  /** The overlay folders, relative to the manifest folder (`overlays/desarrollo` …). */
  overlays: string[];
  /** The overlay the live tier applies, rendered. */
  live: string;
}

// kustomize appends `-` and ten characters of this alphabet to what its generators create.
const GENERATED_SUFFIX = /-[2456789bcdfghkmt]{10}$/;
const GENERATED_KINDS = new Set(['ConfigMap', 'Secret']);

/** The name the learner gave: a generator's `-<hash>` suffix removed. */
export function baseName(kind: string, name: string): string {
  return GENERATED_KINDS.has(kind) ? name.replace(GENERATED_SUFFIX, '') : name;
}

/** `rendered` is `name`, or `name` plus a generator's hash suffix. */
export function sameName(kind: string, rendered: string, name: string): boolean {
  return rendered === name || (GENERATED_KINDS.has(kind) && rendered.length === name.length + 11 && baseName(kind, rendered) === name);
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const metaName = (v: Record<string, unknown>) => (isMapping(v.metadata) && typeof v.metadata.name === 'string' ? v.metadata.name : '');

/** One overlay, rendered. */
export class Overlay {
  constructor(
    /** `produccion` */
    readonly name: string,
    /** `k8s/overlays/produccion`, relative to the submission. */
    readonly dir: string,
    readonly manifests: Manifests,
    readonly kustomization: KustomizationFile | undefined,
    /** kubectl produced output (false when the render failed or could not run). */
    readonly built: boolean,
  ) {}

  /** The rendered object of this kind whose name is `name` (a generator's suffix ignored). */
  find(kind: string, name: string): K8sObject | undefined {
    const same = this.manifests.objects.filter((o) => o.kind === kind);
    return same.find((o) => o.name === name) ?? same.find((o) => sameName(kind, o.name, name));
  }

  /** Like `ex.object`, on the rendered output; a failure naming the overlay when it is not there. */
  object(kind: string, name: string): Node {
    if (!this.built) failWith({ code: 'kustomize.notBuilt', at: this.location, params: { overlay: this.name, dir: this.dir } });
    const found = this.find(kind, name);
    if (found) return new Node(found);
    const others = this.manifests.objects;
    const sameKind = others.filter((o) => o.kind === kind).map((o) => baseName(kind, o.name));
    const nameHint = suggest(name, sameKind);
    return failWith({
      code: 'kustomize.objectMissing',
      at: { file: `${this.dir}/` },
      params: {
        kind,
        name,
        overlay: this.name,
        dir: this.dir,
        suggestion: nameHint ? `el ${kind} \`${nameHint}\`` : undefined,
        found: others.map((o) => `${o.kind} \`${o.name}\``).slice(0, 6).join(', ') || undefined,
      },
    });
  }

  container(kind: string, name: string, container?: string): Node<Container> {
    const found = findContainer(this.object(kind, name), container);
    return found instanceof Node ? found : failWith(found);
  }

  /** Its kustomization file (or folder), for problems about the overlay as a whole. */
  get location(): Problem['at'] {
    return { file: this.kustomization?.file ?? `${this.dir}/` };
  }
}

/** The Kustomize layout of one submission: its sources, read once, and its overlays, rendered once. */
export class Kustomize {
  private read?: Sources;
  private readonly rendered = new Map<string, Overlay>();

  constructor(
    /** The submission folder (absolute). */
    readonly root: string,
    /** The manifest folder (`k8s`). */
    readonly folder: string,
    readonly config: KustomizeConfig,
    private readonly clusterScoped?: readonly string[],
  ) {}

  get sources(): Sources {
    this.read ??= readSources(this.root, this.folder);
    return this.read;
  }

  /** `k8s/overlays/produccion` for `produccion` or `overlays/produccion`. */
  overlayDir(name: string): string {
    const rel = this.config.overlays.find((o) => o === name || path.posix.basename(o) === name) ?? name;
    return path.posix.join(this.folder, rel);
  }

  get baseDir(): string {
    return path.posix.join(this.folder, this.config.base);
  }

  /** The rendered overlay (rendered once). */
  overlay(name: string): Overlay {
    const dir = this.overlayDir(name);
    let o = this.rendered.get(dir);
    if (!o) {
      o = this.render(dir);
      this.rendered.set(dir, o);
      noteWarnings(o.manifests.warnings);
    }
    return o;
  }

  /** The overlay, or the current test skipped with the reason it cannot be rendered (no kubectl). */
  require(ctx: Context, name: string): Overlay {
    const o = this.overlay(name);
    if (o.manifests.unavailable) skipWith(ctx, o.manifests.unavailable);
    return o;
  }

  /** Every overlay, rendered; skips the test when they cannot be rendered. */
  overlays(ctx: Context): Overlay[] {
    return this.config.overlays.map((o) => this.require(ctx, o));
  }

  /**
   * Runs the same check on every overlay. A failure in every overlay comes from what they share
   * (the base) and is shown as it is; a failure in some only says which overlay breaks it.
   */
  each(ctx: Context, check: (overlay: Overlay) => void): void {
    const overlays = this.overlays(ctx);
    const failed: { overlay: Overlay; error: Error }[] = [];
    for (const overlay of overlays) {
      try {
        check(overlay);
      } catch (err) {
        if (!(err instanceof AssertionError)) throw err;
        failed.push({ overlay, error: err });
      }
    }
    const first = failed[0];
    if (!first) return;
    // The same in every overlay, an overlay that does not build (its own line says why), or a
    // message that already names the overlay: as it is.
    const unbuilt = first.error instanceof GradingFailure && first.error.problems.some((p) => p.code === 'kustomize.notBuilt');
    const named = first.error.message.includes(`capa \`${first.overlay.name}\``);
    if (failed.length === overlays.length || unbuilt || named) throw first.error;
    const passing = overlays.filter((o) => !failed.some((f) => f.overlay === o)).map((o) => o.name);
    const note = what({ code: 'kustomize.onlyIn', at: { file: first.overlay.dir }, params: { overlay: first.overlay.name, dir: first.overlay.dir, passing } });
    const message = `${note}\n\n${first.error.message}`;
    if (!(first.error instanceof GradingFailure)) throw new AssertionError(message);
    // The same problems as data (CI annotations, the proof's codes); only the text gains the note.
    const failure = new GradingFailure(first.error.problems);
    failure.message = message;
    throw failure;
  }

  /** What the live tier applies: the live overlay, rendered. */
  live(): Manifests {
    return this.overlay(this.config.live).manifests;
  }

  private render(dir: string): Overlay {
    const name = path.posix.basename(dir);
    const sources = this.sources;
    const kustomization = sources.kustomizations.get(dir);
    const manifests: Manifests = { dir: this.root, folder: dir, files: [], objects: [], problems: [], warnings: [] };
    const done = (built: boolean) => new Overlay(name, dir, manifests, kustomization, built);
    // Files this overlay may read that do not parse: their own positions beat kubectl's message.
    const otherOverlays = this.config.overlays.map((o) => path.posix.join(this.folder, o)).filter((o) => o !== dir);
    const elsewhere = (file: string) => otherOverlays.some((o) => within(file, o));
    // Nothing remote or outside the submission reaches kubectl, which would fetch or read it.
    const unreadable = [...sources.problems.filter((p) => !elsewhere(p.at.file)), ...refusedReferences(sources, elsewhere)];
    if (unreadable.length > 0) {
      manifests.problems.push(...unreadable);
      return done(false);
    }
    if (!kustomization) {
      manifests.problems.push({ code: 'kustomize.noKustomization', at: { file: `${dir}/` }, params: { dir, overlay: name } });
      return done(false);
    }
    const kubectl = findKubectl();
    if ('reason' in kubectl) {
      manifests.unavailable = kubectl.reason;
      return done(false);
    }
    const out = kustomizeBuild(kubectl.path, path.join(this.root, dir));
    if (out.startError) {
      manifests.unavailable = `no se pudo ejecutar ${kubectl.path} (${out.startError}): revisa la instalación de kubectl (docs/instalacion.md) o indica otro con TALLER_KUBECTL`;
      return done(false);
    }
    if (out.timedOut || out.stdout === undefined) {
      manifests.problems.push(
        out.timedOut
          ? { code: 'kustomize.timeout', at: overlayLocation(sources, dir), params: { overlay: name, dir } }
          : translateKustomizeError(out.stderr ?? '', dir, sources),
      );
      return done(false);
    }
    const label = `${dir} (salida de kubectl kustomize)`;
    const parsed = parseYaml(out.stdout, label);
    manifests.problems.push(...parsed.problems);
    manifests.files = [...new Set([...sources.docs.map((d) => d.file), ...[...sources.kustomizations.values()].map((k) => k.file)])];
    for (const document of parsed.documents) {
      if (!isMapping(document.value)) continue;
      const origin = this.origin(document.value, dir) ?? { file: label, document, base: [] };
      addObject(document.value, origin.base, origin.file, origin.document, { folder: dir, clusterScoped: this.clusterScoped }, manifests);
    }
    return done(true);
  }

  /**
   * Where the learner wrote a rendered object: a document of the same kind and name (the base's
   * before an overlay's patch), else the generator entry that made it.
   */
  private origin(value: Record<string, unknown>, dir: string): { file: string; document: ParsedDocument; base: (string | number)[] } | undefined {
    const kind = value.kind;
    if (typeof kind !== 'string') return undefined;
    const name = metaName(value);
    const overlays = this.config.overlays.map((o) => path.posix.join(this.folder, o));
    const rank = (file: string) => (!overlays.some((o) => within(file, o)) ? 0 : within(file, dir) ? 1 : 2);
    const doc = this.sources.docs
      .filter((d) => d.value.kind === kind && sameName(kind, name, metaName(d.value)))
      .sort((a, b) => rank(a.file) - rank(b.file))[0];
    if (doc && rank(doc.file) < 2) return { file: doc.file, document: doc.document, base: [...doc.base] };
    const field = kind === 'ConfigMap' ? 'configMapGenerator' : kind === 'Secret' ? 'secretGenerator' : undefined;
    if (!field) return undefined;
    const wanted = baseName(kind, name);
    const candidates = [...this.sources.kustomizations.values()].filter((k) => !overlays.some((o) => within(k.dir, o)) || within(k.dir, dir));
    // The entry that creates it (no `behavior`, or `create`) before the ones that merge into it.
    let best: { k: KustomizationFile; i: number; creates: boolean } | undefined;
    for (const k of candidates) {
      const list = k.value[field];
      if (!Array.isArray(list)) continue;
      list.forEach((g, i) => {
        const entry = isMapping(g) ? g : {};
        if (entry.name !== wanted) return;
        const creates = entry.behavior === undefined || entry.behavior === 'create';
        if (!best || (creates && !best.creates)) best = { k, i, creates };
      });
    }
    const chosen = best as { k: KustomizationFile; i: number } | undefined;
    if (!chosen) return undefined;
    const base = [field, chosen.i];
    const entry = (chosen.k.value[field] as unknown[])[chosen.i];
    return { file: chosen.k.file, document: generatorDocument(chosen.k.document, base, isMapping(entry) ? entry : {}), base };
  }
}

/** The key a generator's `files` entry makes: `key=path`, else the file's name. */
function fileKey(entry: string): string {
  return entry.includes('=') ? entry.slice(0, entry.indexOf('=')) : path.posix.basename(entry);
}

/**
 * Positions inside a generator entry for a generated object's fields: `data.KEY` is the
 * `literals` line or the `files` entry that makes the key; other fields, the entry itself.
 */
function generatorDocument(doc: ParsedDocument, base: (string | number)[], entry: Record<string, unknown>): ParsedDocument {
  const indexIn = (field: string, match: (v: string) => boolean) => {
    const list = entry[field];
    return Array.isArray(list) ? list.findIndex((v) => typeof v === 'string' && match(v)) : -1;
  };
  return {
    index: doc.index,
    value: doc.value,
    locate(p) {
      const inside = base.every((seg, i) => p[i] === seg);
      const [field, key] = p.slice(base.length);
      if (!inside || (field !== 'data' && field !== 'binaryData' && field !== 'stringData')) return doc.locate(p);
      if (typeof key === 'string') {
        const literal = indexIn('literals', (v) => v.split('=')[0]!.trim() === key);
        if (literal >= 0) return doc.locate([...base, 'literals', literal]);
        const file = indexIn('files', (v) => fileKey(v) === key);
        if (file >= 0) return doc.locate([...base, 'files', file]);
      }
      const list = ['literals', 'files', 'envs'].find((f) => entry[f] !== undefined);
      return doc.locate(list ? [...base, list] : p);
    },
  };
}
