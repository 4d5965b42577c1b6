// An exercise as its spec sees it: metadata from its package.json `taller` field, and the
// submission being graded, read lazily (at test time, so one loaded spec can grade many folders).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { failWith, noteSubmission } from '../assert/failure.ts';
import type { Problem } from '../messages/problem.ts';
import { Node } from '../model.ts';
import { loadManifests, type Manifests } from '../parse/manifests.ts';
import { loadDockerfile, loadDockerignore, type DockerIgnore, type Dockerfile } from '../parse/dockerfile.ts';
import { isProblem, readSource } from '../parse/source.ts';
import { parseYaml } from '../parse/yaml.ts';
import { findContainer, type Container } from '../rules/containers.ts';
import { dockerfileProblems } from '../rules/dockerfile.ts';
import { suggest } from '../schema/suggest.ts';
import { noteWarnings } from '../report/warnings.ts';
import { LiveRun, type LiveOptions } from '../live/run.ts';
import { loadCompose, type ComposeFile } from '../compose/model.ts';
import { analyseDag } from '../airflow/analysis.ts';
import { Kustomize, type KustomizeConfig } from '../kustomize/overlay.ts';
import type { DagFacts } from '../rules/dag.ts';
import { skipIfDependsOnFailed, trackRubricLines } from './lines.ts';
import { packageRoot, readJson, relativeToRepo, submissionDir } from './paths.ts';

export interface ExerciseConfig {
  title: string;
  /** Folder of the Kubernetes manifests, relative to the submission. */
  manifests?: string;
  clusterScoped?: string[];
  /** The Pod Security level the exercise's namespace enforces: the schema line checks it. */
  podSecurity?: 'baseline' | 'restricted';
  /** The manifests are a Kustomize base and overlays (09); the live tier applies the `live` overlay, rendered. */
  kustomize?: KustomizeConfig;
  /** Upstream images the live tier pulls once and loads into kind/minikube (e.g. `redis:7.0-bookworm`). */
  images?: string[];
}

/**
 * A file of the submission that cannot be read: the line fails with why, unless an earlier line
 * already failed for it (then this one is skipped, naming that line).
 */
function unreadable(...problems: Problem[]): never {
  skipIfDependsOnFailed(problems);
  return failWith(...problems);
}

const cache = new Map<string, Manifests>();
const kustomizations = new Map<string, Kustomize>();

/** Forget what was read, so the same process can grade a changed folder again. */
export function clearSubmissionCache(): void {
  cache.clear();
  kustomizations.clear();
}

export class Exercise {
  readonly root: string;
  readonly number: string;
  readonly slug: string;
  readonly config: ExerciseConfig;

  constructor(from: string) {
    this.root = packageRoot(from);
    const pkg = readJson<{ taller?: ExerciseConfig }>(path.join(this.root, 'package.json'));
    if (!pkg.taller) throw new Error(`${this.root}/package.json has no "taller" field`);
    this.config = pkg.taller;
    const base = path.basename(this.root);
    this.number = base.slice(0, 2);
    this.slug = base.slice(3);
  }

  /** "07 · Deployment y Service" */
  get title(): string {
    return `${this.number} · ${this.config.title}`;
  }

  get submission(): string {
    const dir = submissionDir(this.root);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      unreadable({ code: 'submission.missing', at: { file: relativeToRepo(dir) }, params: { dir } });
    }
    noteSubmission(dir);
    return dir;
  }

  manifests(): Manifests {
    // A Kustomize exercise's manifests are what its live overlay renders to.
    if (this.config.kustomize) return this.kustomize().live();
    const dir = this.submission;
    let m = cache.get(dir);
    if (!m) {
      m = loadManifests(dir, { folder: this.config.manifests ?? 'k8s', clusterScoped: this.config.clusterScoped, podSecurity: this.config.podSecurity });
      cache.set(dir, m);
      noteWarnings(m.warnings);
    }
    return m;
  }

  /** The Kustomize layout of the submission (`taller.kustomize`): its sources and overlays, rendered once. */
  kustomize(): Kustomize {
    const dir = this.submission;
    const config = this.config.kustomize;
    if (!config) throw new Error(`${this.root}/package.json has no "taller.kustomize" field`);
    let k = kustomizations.get(dir);
    if (!k) {
      k = new Kustomize(dir, this.config.manifests ?? 'k8s', config, this.config.clusterScoped);
      kustomizations.set(dir, k);
    }
    return k;
  }

  /** The object of this kind and name, or a failure that lists what exists instead. */
  object(kind: string, name: string): Node {
    const m = this.manifests();
    const found = m.objects.find((o) => o.kind === kind && o.name === name);
    if (found) return new Node(found);
    // Missing because a file could not be read: the line that reports it is enough.
    skipIfDependsOnFailed(m.problems.filter((p) => /^(yaml|file|folder|object)\./.test(p.code) && p.code !== 'object.duplicate'));
    const sameKind = m.objects.filter((o) => o.kind === kind).map((o) => o.name);
    const sameName = m.objects.filter((o) => o.name === name).map((o) => o.kind);
    const nameHint = suggest(name, sameKind);
    const kindHint = suggest(kind, sameName);
    // Objects that could not be read are missing here for that reason: say so.
    const unreadable = [
      ...new Set(m.problems.filter((p) => /^(yaml|file|object)\./.test(p.code) && p.code !== 'object.duplicate').map((p) => `${p.at.file}${p.at.line ? `:${p.at.line}` : ''}`)),
    ];
    const empty = m.warnings.filter((w) => w.code === 'file.empty').map((w) => w.at.file);
    const notes = [
      unreadable.length ? `Hay objetos que no se pudieron leer (${unreadable.map((f) => `\`${f}\``).join(', ')}): corrige primero esos errores (la primera línea de la rúbrica los detalla).` : '',
      empty.length ? `Vacío: ${empty.map((f) => `\`${f}\``).join(', ')}.` : '',
    ].filter(Boolean);
    const problem: Problem = {
      code: 'object.missing',
      at: { file: `${m.folder}/` },
      params: {
        kind,
        name,
        folder: `${m.folder}/`,
        suggestion: nameHint ? `el ${kind} \`${nameHint}\`` : kindHint ? `el ${kindHint} \`${name}\`` : undefined,
        found: m.objects.map((o) => `${o.kind} \`${o.name}\` (${o.file})`).slice(0, 6).join(', ') || undefined,
        notes: notes.join(' ') || undefined,
      },
    };
    return failWith(problem);
  }

  /**
   * A plain YAML file of the submission (not a manifest, e.g. a quiz's answers) as a Node with
   * positions. Read like manifests (size, binary, UTF-8, duplicate keys, YAML 1.1), only the
   * first document; any problem fails the rubric line that asks for it.
   */
  document<T = unknown>(file: string): Node<T> {
    const abs = path.join(this.submission, file);
    if (!existsSync(abs) || !statSync(abs).isFile()) unreadable({ code: 'file.missing', at: { file }, params: { file } });
    const source = readSource(this.submission, file);
    if (isProblem(source)) unreadable(source);
    const parsed = parseYaml(source.text, file);
    if (parsed.problems.length > 0) unreadable(...parsed.problems);
    const doc = parsed.documents[0];
    if (!doc || doc.value === null || doc.value === undefined) unreadable({ code: 'file.empty', at: { file } });
    return Node.ofDocument<T>(file, doc);
  }

  /** The submission's Dockerfile, parsed; a failure (missing, binary, empty…) when it cannot be read. */
  dockerfile(file = 'Dockerfile'): Dockerfile {
    const df = loadDockerfile(this.submission, file);
    if (isProblem(df)) return unreadable(df);
    // What `docker build` itself rejects, for `expect(df).to.be.valid`.
    df.problems = dockerfileProblems(df);
    return df;
  }

  /** The submission's .dockerignore; a failure when it is missing or unreadable. */
  dockerignore(file = '.dockerignore'): DockerIgnore {
    const di = loadDockerignore(this.submission, file);
    return isProblem(di) ? unreadable(di) : di;
  }

  /**
   * The submission's Compose file (exercise 03), read as Compose v2 reads it (YAML 1.2 with merge
   * keys) with positions, its variables from `.env.example` (the submission's, else the kit's);
   * a failure when it cannot be read. `expect(ex.compose()).to.be.valid` checks the schema.
   */
  compose(file = 'docker-compose.yaml'): ComposeFile {
    const c = loadCompose(this.submission, file, {
      envDirs: [
        { dir: this.submission, label: '.env.example' },
        { dir: this.root, label: `.env.example (del ejercicio ${this.number})` },
      ],
    });
    return Array.isArray(c) ? unreadable(...c) : c;
  }

  /**
   * The submission's Airflow DAG file (exercise 04), read with Python's own parser through
   * `python3` (no Airflow needed), once per submission; a failure when it is missing, does not
   * parse, or python3 is absent.
   */
  async dag(file = 'dags/captura_wikipedia.py'): Promise<DagFacts> {
    const facts = await analyseDag(this.submission, file);
    return 'code' in facts ? unreadable(facts) : facts;
  }

  /** The live tier of this exercise; call inside its `describe` (registers the cleanup hook). */
  live(options?: LiveOptions): LiveRun {
    return new LiveRun(this, options).hooks();
  }

  container(kind: string, name: string, container?: string): Node<Container> {
    const found = findContainer(this.object(kind, name), container);
    return found instanceof Node ? found : failWith(found);
  }
}

export function exercise(from: string): Exercise {
  trackRubricLines();
  return new Exercise(from);
}
