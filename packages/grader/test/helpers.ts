// Shared helpers for the grader's unit tests: temporary submissions, file hashes, objects and
// Nodes built from YAML text, and switches for the language and the warning store.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Node } from '../src/model.ts';
import type { K8sObject } from '../src/parse/manifests.ts';
import { parseYaml } from '../src/parse/yaml.ts';
import { warningStore } from '../src/report/warnings.ts';
import { lookupKind } from '../src/schema/validate.ts';

export const GRADER_ROOT = path.resolve(import.meta.dirname, '..');

/** A fresh temporary folder; remove it with `removeTempDirs` in an `after` hook. */
const created: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taller-test-'));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (paths relative to the folder, `/`-separated) into a new temporary folder. */
export function writeTree(files: Record<string, string | Uint8Array>, dir = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return dir;
}

/** sha256 of every file under `dir`, keyed by its relative path: to prove nothing was written. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      // FIFOs and symlinks are recorded by kind: reading a FIFO would block.
      else if (!entry.isFile()) out.set(child, entry.isSymbolicLink() ? 'symlink' : 'special');
      else out.set(child, createHash('sha256').update(readFileSync(path.join(dir, child))).digest('hex'));
    }
  };
  walk('');
  return out;
}

/**
 * Every object of a YAML text, as `loadManifests` would build it, without touching the disk.
 * Kinds the schema does not know are still built (namespaced), so rules can be tested alone.
 */
export function objectsFromYaml(text: string, file = 'k8s/test.yaml'): K8sObject[] {
  const parsed = parseYaml(text, file);
  if (parsed.problems.length) throw new Error(`test YAML does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.documents
    .filter((d) => d.value !== null && typeof d.value === 'object')
    .map((document) => {
      const value = document.value as Record<string, unknown>;
      const metadata = (value.metadata ?? {}) as Record<string, unknown>;
      return {
        apiVersion: String(value.apiVersion),
        kind: String(value.kind),
        name: typeof metadata.name === 'string' ? metadata.name : '',
        value,
        file,
        document,
        base: [],
        namespaced: lookupKind(value.apiVersion, value.kind).info?.namespaced ?? true,
      };
    });
}

/** The Node of the first (or only) object of a YAML text. */
export function nodeFromYaml(text: string, file?: string): Node {
  const [first] = objectsFromYaml(text, file);
  if (!first) throw new Error('test YAML has no object');
  return new Node(first);
}

/** Runs `fn` with TALLER_LANG set (or unset), restoring the previous value. */
export function withLang<T>(lang: string | undefined, fn: () => T): T {
  const before = process.env.TALLER_LANG;
  if (lang === undefined) delete process.env.TALLER_LANG;
  else process.env.TALLER_LANG = lang;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TALLER_LANG;
    else process.env.TALLER_LANG = before;
  }
}

/** Sets TALLER_LANG until the returned function restores it (for `before`/`after` hooks). */
export function setLang(lang: string): () => void {
  const before = process.env.TALLER_LANG;
  process.env.TALLER_LANG = lang;
  return () => {
    if (before === undefined) delete process.env.TALLER_LANG;
    else process.env.TALLER_LANG = before;
  };
}

/**
 * Grading a temporary exercise notes its warnings in the store the reporter prints at the end
 * of the run; call the returned function (in `after`) to drop what the tests added.
 */
export function isolateWarnings(): () => void {
  const before = new Set(warningStore());
  return () => {
    for (const w of [...warningStore()]) if (!before.has(w)) warningStore().delete(w);
  };
}

/** Removes TALLER_SUBMISSION for the tests (a value left in the shell would redirect them). */
export function isolateSubmission(): () => void {
  const before = process.env.TALLER_SUBMISSION;
  delete process.env.TALLER_SUBMISSION;
  return () => {
    if (before !== undefined) process.env.TALLER_SUBMISSION = before;
  };
}
