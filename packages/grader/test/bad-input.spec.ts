// Whatever a learner leaves in the manifest folder, the grader answers with a clear Spanish
// message (with file:line:col where there is one): it never throws, never hangs, and never
// writes to the learner's files.
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { GradingFailure } from '../src/assert/failure.ts';
import { Exercise } from '../src/catalog/exercise.ts';
import { renderProblems, type Problem } from '../src/messages/index.ts';
import { loadManifests, type Manifests, type ManifestOptions } from '../src/parse/manifests.ts';
import { MAX_FILE_BYTES } from '../src/parse/source.ts';
import { warningStore } from '../src/report/warnings.ts';
import {
  hashTree,
  isolateSubmission,
  isolateWarnings,
  removeTempDirs,
  setLang,
  tempDir,
  writeTree,
} from './helpers.ts';

const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  clave: valor\n`;

/** Loads the submission's manifests and checks that not a byte of it changed. */
function load(dir: string, options: Partial<ManifestOptions> = {}): Manifests {
  const before = hashTree(dir);
  const m = loadManifests(dir, { folder: 'k8s', ...options });
  expect(hashTree(dir), 'the grader changed the learner’s files').to.deep.equal(before);
  return m;
}

/** A temporary exercise (package.json with a `taller` field) whose own folder is graded. */
function exerciseWith(files: Record<string, string | Uint8Array>, taller: Record<string, unknown> = {}): Exercise {
  const dir = writeTree({
    'package.json': JSON.stringify({ name: 'exercise-99', taller: { title: 'Prueba', manifests: 'k8s', ...taller } }),
    ...files,
  });
  return new Exercise(dir);
}

/** Runs a grading step that must fail with a GradingFailure; returns its rendered message. */
function failureOf(fn: () => unknown): { message: string; problems: Problem[] } {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(GradingFailure);
    return { message: (err as GradingFailure).message, problems: (err as GradingFailure).problems };
  }
  expect.fail('expected a grading failure');
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

describe('bad input in a submission', function () {
  this.timeout(5000);
  let restore: (() => void)[] = [];

  before(() => {
    restore = [setLang('es'), isolateSubmission(), isolateWarnings()];
  });
  after(() => {
    for (const r of restore.reverse()) r();
    removeTempDirs();
  });

  it('malformed YAML: yaml.syntax with file:line:col, and the missing object says why', () => {
    const files = {
      'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n labels:\n    app: api\n',
    };
    const m = load(writeTree(files));
    expect(codes(m.problems)).to.deep.equal(['yaml.syntax']);
    const text = renderProblems(m.problems);
    expect(text).to.include('k8s/deployment.yaml:5:1');
    expect(text).to.include('El YAML no se puede leer: la sangría no es coherente.');
    expect(text).to.include('Qué hacer: Revisa la sangría');

    const ex = exerciseWith(files);
    const hashes = hashTree(ex.root);
    const { message } = failureOf(() => ex.object('Deployment', 'api'));
    expect(message).to.include('No encuentro el Deployment `api` en `k8s/`.');
    expect(message).to.include('Hay objetos que no se pudieron leer (`k8s/deployment.yaml:5`)');
    expect(hashTree(ex.root)).to.deep.equal(hashes);
  });

  it('a tab in the indentation is named as such', () => {
    const m = load(writeTree({ 'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: c\n' }));
    const text = renderProblems(m.problems);
    expect(text).to.match(/^k8s\/cm\.yaml:4:\d+/);
    expect(text).to.include('hay un tabulador en la sangría');
  });

  it('an empty file: a file.empty warning (not an error), mentioned when an object is missing', () => {
    const files = { 'k8s/vacio.yaml': '', 'k8s/comentarios.yaml': '# pendiente\n---\n', 'k8s/cm.yaml': CONFIG_MAP('c') };
    const m = load(writeTree(files));
    expect(m.problems).to.deep.equal([]);
    expect(m.warnings.map((w) => `${w.code} ${w.at.file} ${w.severity}`)).to.deep.equal([
      'file.empty k8s/comentarios.yaml warning',
      'file.empty k8s/vacio.yaml warning',
    ]);
    expect(renderProblems(m.warnings)).to.include('k8s/vacio.yaml\n  El archivo está vacío o solo tiene comentarios');

    const ex = exerciseWith(files);
    const { message } = failureOf(() => ex.object('Deployment', 'api'));
    expect(message).to.include('Vacío: `k8s/comentarios.yaml`, `k8s/vacio.yaml`.');
    expect(message).to.include('Objetos encontrados: ConfigMap `c` (k8s/cm.yaml).');
    // The warning goes to the reporter's end-of-run list.
    expect([...warningStore()].some((w) => w.startsWith('k8s/vacio.yaml\n') && w.includes('está vacío'))).to.equal(true);
  });

  it('a binary file: file.binary, and the other files still load', () => {
    const m = load(
      writeTree({ 'k8s/imagen.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]), 'k8s/cm.yaml': CONFIG_MAP('c') }),
    );
    expect(codes(m.problems)).to.deep.equal(['file.binary']);
    expect(renderProblems(m.problems)).to.include('k8s/imagen.yaml\n  El archivo no es de texto (contiene bytes nulos).');
    expect(m.objects.map((o) => o.name)).to.deep.equal(['c']);
  });

  it('a FIFO named like a manifest is not read (it would block forever): file.notRegular', () => {
    const dir = writeTree({ 'k8s/cm.yaml': CONFIG_MAP('c') });
    execFileSync('mkfifo', [path.join(dir, 'k8s/tuberia.yaml')]);
    const m = load(dir);
    expect(codes(m.problems)).to.deep.equal(['file.notRegular']);
    expect(renderProblems(m.problems)).to.include('k8s/tuberia.yaml\n  No es un archivo normal');
    expect(m.objects.map((o) => o.name)).to.deep.equal(['c']);
  });

  it('a broken symlink named like a manifest: file.unreadable', () => {
    const dir = writeTree({ 'k8s/cm.yaml': CONFIG_MAP('c') });
    symlinkSync(path.join(dir, 'no-existe.yaml'), path.join(dir, 'k8s/roto.yaml'));
    const m = load(dir);
    expect(codes(m.problems)).to.deep.equal(['file.unreadable']);
    expect(renderProblems(m.problems)).to.include('k8s/roto.yaml\n  No se puede leer el archivo');
  });

  it('a file that is not UTF-8 (Latin-1): file.notUtf8', () => {
    const latin1 = Buffer.concat([Buffer.from('# configuraci'), Buffer.from([0xf3]), Buffer.from('n\n'), Buffer.from(CONFIG_MAP('c'))]);
    const m = load(writeTree({ 'k8s/cm.yaml': latin1 }));
    expect(codes(m.problems)).to.deep.equal(['file.notUtf8']);
    const text = renderProblems(m.problems);
    expect(text).to.include('k8s/cm.yaml\n  El archivo no está en UTF-8.');
    expect(text).to.include('Guárdalo con la codificación UTF-8');
  });

  it('duplicate keys: yaml.duplicateKey at the second key', () => {
    const m = load(writeTree({ 'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n  a: "2"\n' }));
    expect(codes(m.problems)).to.deep.equal(['yaml.duplicateKey']);
    const text = renderProblems(m.problems);
    expect(text).to.include('k8s/cm.yaml:7:3');
    expect(text).to.include('Hay una clave repetida en el mismo objeto');
  });

  it('a YAML alias bomb ("billion laughs") is refused quickly', () => {
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nx0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i <= 12; i++) bomb += `x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]\n`;
    const started = performance.now();
    const m = load(writeTree({ 'k8s/bomba.yaml': bomb }));
    expect(performance.now() - started).to.be.below(1000);
    expect(codes(m.problems)).to.deep.equal(['yaml.aliasBomb']);
    const text = renderProblems(m.problems);
    expect(text).to.include('k8s/bomba.yaml:1:1');
    expect(text).to.include('demasiados alias YAML (`*ancla`), más de 100');
    expect(m.objects).to.deep.equal([]);
  });

  it('an alias without its anchor is a YAML error, not an alias bomb', () => {
    const m = load(writeTree({ 'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: *etiquetas\n' }));
    expect(codes(m.problems)).to.deep.equal(['yaml.syntax']);
    const text = renderProblems(m.problems);
    expect(text).to.include('un alias (`*nombre`) no es válido');
    expect(text).to.include('etiquetas');
    expect(text).to.not.include('demasiados alias');
  });

  it('a 5 MB file: file.tooLarge, without reading it', () => {
    const dir = tempDir();
    const line = `# ${'relleno '.repeat(12)}\n`;
    writeTree({ 'k8s/enorme.yaml': line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)) }, dir);
    const started = performance.now();
    const m = load(dir);
    expect(performance.now() - started).to.be.below(2000);
    expect(codes(m.problems)).to.deep.equal(['file.tooLarge']);
    expect((m.problems[0]!.params!.size as number) > 5 * 1024 * 1024 - 1).to.equal(true);
    expect(m.problems[0]!.params!.max).to.equal(MAX_FILE_BYTES);
    expect(renderProblems(m.problems)).to.include(
      'k8s/enorme.yaml\n  El archivo ocupa 5.0 MB; el corrector no lee archivos de más de 1 MB.',
    );
  });

  it('JSON manifests load with positions', () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {\n    "name": "desde-json"\n  }\n}\n';
    const m = load(writeTree({ 'k8s/cm.json': json }));
    expect(m.problems).to.deep.equal([]);
    expect(m.objects.map((o) => `${o.kind}/${o.name}`)).to.deep.equal(['ConfigMap/desde-json']);
    expect(m.objects[0]!.document.locate(['metadata', 'name'])).to.deep.equal({ line: 5, col: 5 });
  });

  it('a JSON manifest with a schema error points at file:line:col', () => {
    const json = '{\n  "apiVersion": "apps/v1",\n  "kind": "Deployment",\n  "metadata": {"name": "api"},\n  "spec": {\n    "replicas": "3",\n    "selector": {"matchLabels": {"app": "api"}},\n    "template": {"metadata": {"labels": {"app": "api"}}, "spec": {"containers": [{"name": "api", "image": "x"}]}}\n  }\n}\n';
    const m = load(writeTree({ 'k8s/deployment.json': json }));
    expect(codes(m.problems)).to.deep.equal(['schema.type']);
    const text = renderProblems(m.problems);
    expect(text).to.include('k8s/deployment.json:6:5 · spec.replicas');
    expect(text).to.include('Este campo debe ser un número entero, pero es un texto (`3`).');
    expect(text).to.include('Quita las comillas: es un número.');
  });

  it('a JSON syntax error is reported with file:line:col', () => {
    const m = load(writeTree({ 'k8s/cm.json': '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n  "metadata": {"name": "c"}\n}\n' }));
    expect(codes(m.problems)).to.include('yaml.syntax');
    const text = renderProblems(m.problems);
    expect(text).to.match(/k8s\/cm\.json:4:\d+\n {2}El YAML no se puede leer/);
  });

  it('an unknown kind: object.unknownKind with «¿Quisiste decir …?»', () => {
    const m = load(writeTree({ 'k8s/d.yaml': 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: api\n' }));
    expect(codes(m.problems)).to.deep.equal(['object.unknownKind']);
    expect(renderProblems(m.problems)).to.include(
      'k8s/d.yaml:2:1 · kind\n  Kubernetes 1.34 no conoce el tipo `Deploymnet`. ¿Quisiste decir `Deployment`?',
    );
  });

  it('a missing `k8s/` folder: folder.missing, and every object lookup fails cleanly', () => {
    const dir = tempDir();
    const m = load(dir);
    expect(codes(m.problems)).to.deep.equal(['folder.missing']);
    expect(renderProblems(m.problems)).to.include(`No existe la carpeta \`k8s/\` en \`${dir}\`.`);

    const ex = exerciseWith({});
    const { message } = failureOf(() => ex.object('Deployment', 'api'));
    expect(message).to.include('No encuentro el Deployment `api` en `k8s/`.');
  });

  it('a `k8s/` folder without manifests: folder.noManifests', () => {
    const m = load(writeTree({ 'k8s/LEEME.txt': 'nada' }));
    expect(codes(m.problems)).to.deep.equal(['folder.noManifests']);
    expect(renderProblems(m.problems)).to.include('La carpeta `k8s/` no tiene ningún archivo `.yaml`, `.yml` ni `.json`.');
  });

  it('a submission folder that does not exist: submission.missing', () => {
    const ex = exerciseWith({});
    const missing = `${tempDir()}/no-existe`;
    process.env.TALLER_SUBMISSION = missing;
    try {
      const { message, problems } = failureOf(() => ex.manifests());
      expect(codes(problems)).to.deep.equal(['submission.missing']);
      expect(message).to.include(`La carpeta a corregir no existe: \`${missing}\`.`);
    } finally {
      delete process.env.TALLER_SUBMISSION;
    }
  });

  it('cluster-scoped objects (ClusterRole, Namespace) are refused unless the exercise allows them', () => {
    const files = {
      'k8s/rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: lector\nrules: []\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: datos\n',
    };
    const m = load(writeTree(files));
    expect(m.problems.map((p) => `${p.code} ${p.params?.kind}`)).to.deep.equal([
      'object.clusterScoped ClusterRole',
      'object.clusterScoped Namespace',
    ]);
    const text = renderProblems(m.problems);
    expect(text).to.include('k8s/rbac.yaml:2:1 · kind\n  ClusterRole es un objeto de todo el clúster');
    expect(text).to.include('k8s/rbac.yaml:8:1 · kind\n  Namespace es un objeto de todo el clúster');

    const allowed = load(writeTree(files), { clusterScoped: ['Namespace'] });
    expect(allowed.problems.map((p) => `${p.code} ${p.params?.kind}`)).to.deep.equal(['object.clusterScoped ClusterRole']);

    // The same through an exercise's `taller.clusterScoped`.
    const ex = exerciseWith(files, { clusterScoped: ['Namespace', 'ClusterRole'] });
    expect(ex.manifests().problems).to.deep.equal([]);
    expect(ex.object('Namespace', 'datos').object.namespaced).to.equal(false);
  });

  it('`metadata.namespace` set: a warning with its location, not an error', () => {
    const m = load(writeTree({ 'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: produccion\n' }));
    expect(m.problems).to.deep.equal([]);
    expect(m.warnings.map((w) => `${w.code} ${w.severity}`)).to.deep.equal(['object.namespaceSet warning']);
    expect(renderProblems(m.warnings)).to.include(
      'k8s/cm.yaml:5:3 · metadata.namespace\n  `metadata.namespace: produccion` se ignora',
    );
    expect(m.objects.map((o) => o.name)).to.deep.equal(['c']);
  });

  it('a document that is a list or a scalar: object.notMapping at its line', () => {
    const m = load(writeTree({ 'k8s/raro.yaml': '- apiVersion: v1\n- kind: ConfigMap\n---\nsolo un texto\n---\n42\n' }));
    expect(codes(m.problems)).to.deep.equal(['object.notMapping', 'object.notMapping', 'object.notMapping']);
    const text = renderProblems(m.problems);
    for (const line of [1, 4, 6]) {
      expect(text).to.include(`k8s/raro.yaml:${line}:1\n  Este documento no es un objeto de Kubernetes`);
    }
  });

  it('an object without `metadata.name`: object.noName', () => {
    const m = load(writeTree({ 'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: x\n' }));
    expect(codes(m.problems)).to.deep.equal(['object.noName']);
    expect(renderProblems(m.problems)).to.include('k8s/cm.yaml:3:1 · metadata\n  El ConfigMap no tiene `metadata.name`.');
  });

  it('an object without `kind` or `apiVersion`', () => {
    const m = load(writeTree({ 'k8s/a.yaml': 'apiVersion: v1\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: b\n' }));
    expect(codes(m.problems)).to.deep.equal(['object.noKind', 'object.noApiVersion']);
    const text = renderProblems(m.problems);
    expect(text).to.include('Al objeto le falta `kind`.');
    expect(text).to.include('Al objeto `Pod` le falta `apiVersion`.');
  });

  it('the same object defined twice (in two files): object.duplicate pointing at both', () => {
    const m = load(writeTree({ 'k8s/a.yaml': `# primero\n${CONFIG_MAP('c')}`, 'k8s/b.yaml': CONFIG_MAP('c') }));
    expect(codes(m.problems)).to.deep.equal(['object.duplicate']);
    expect(renderProblems(m.problems)).to.include(
      'k8s/b.yaml:4:3\n  El ConfigMap `c` está definido dos veces (la otra en k8s/a.yaml:2).',
    );
  });

  it('the same object defined twice in one file', () => {
    const m = load(writeTree({ 'k8s/a.yaml': `${CONFIG_MAP('c')}---\n${CONFIG_MAP('c')}` }));
    expect(codes(m.problems)).to.deep.equal(['object.duplicate']);
    expect(renderProblems(m.problems)).to.include('k8s/a.yaml:11:3\n  El ConfigMap `c` está definido dos veces (la otra en k8s/a.yaml:1).');
  });

  it('everything at once: every problem reported, the good objects still loaded', () => {
    const m = load(
      writeTree({
        'k8s/1-roto.yaml': 'a: [1, 2\n',
        'k8s/2-binario.yml': new Uint8Array([0, 1, 2]),
        'k8s/3-vacio.yaml': '',
        'k8s/4-bueno.yaml': CONFIG_MAP('bueno'),
        'k8s/5-lista.json': '[1, 2]',
      }),
    );
    expect(codes(m.problems)).to.deep.equal(['yaml.syntax', 'file.binary', 'object.notMapping']);
    expect(codes(m.warnings)).to.deep.equal(['file.empty']);
    expect(m.objects.map((o) => o.name)).to.deep.equal(['bueno']);
    expect(() => renderProblems([...m.problems, ...m.warnings])).to.not.throw();
  });
});
