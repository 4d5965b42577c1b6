// Faults tried on purpose (issue 10 §2): an unreadable file is named and the rest is graded; links
// out of the submission are refused by every reader; a kustomization never makes kubectl fetch or
// read anything outside the submission.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { analyseDag } from '../src/airflow/analysis.ts';
import { readDotEnv } from '../src/compose/interpolate.ts';
import { loadCompose } from '../src/compose/model.ts';
import { Kustomize } from '../src/kustomize/overlay.ts';
import { renderProblems } from '../src/messages/index.ts';
import { loadDockerfile } from '../src/parse/dockerfile.ts';
import { loadManifests } from '../src/parse/manifests.ts';
import { loadMarkdown } from '../src/parse/markdown.ts';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { GRADER_ROOT, isolateWarnings, removeTempDirs, setLang, tempDir, writeTree } from './helpers.ts';

const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  clave: valor\n`;
const SECRET = 'contenido-secreto-que-no-debe-salir';

describe('faults: unreadable files and links out of the submission', function () {
  this.timeout(20000);
  let restore: (() => void)[] = [];
  let secret: string;
  before(() => {
    restore = [setLang('es'), isolateWarnings()];
    secret = path.join(writeTree({ 'secreto.txt': `${SECRET}\n` }), 'secreto.txt');
  });
  after(() => {
    for (const r of restore.reverse()) r();
    removeTempDirs();
  });

  it('a file the grader may not read (EACCES, as another user) is named with how to fix it; the rest is graded', function () {
    const dir = writeTree({ 'k8s/a.yaml': CONFIG_MAP('a'), 'k8s/b.yaml': CONFIG_MAP('b'), 'k8s/privada/c.yaml': CONFIG_MAP('c') });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'k8s/b.yaml'), 0o600);
    chmodSync(path.join(dir, 'k8s/privada'), 0o700);
    const script = `import { loadManifests } from ${JSON.stringify(path.join(GRADER_ROOT, 'src/parse/manifests.ts'))};
      const m = loadManifests(${JSON.stringify(dir)}, { folder: 'k8s' });
      console.log(JSON.stringify({ objects: m.objects.map((o) => o.name), problems: m.problems }));`;
    // Root reads everything: run as nobody (CI runs as root); any other user just loses the permission.
    const asOther = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asOther.length && spawnSync('setpriv', ['--version']).status !== 0) this.skip();
    const argv = [...asOther, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd: REPO_ROOT, timeout: 15000 });
    expect(r.status, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout) as { objects: string[]; problems: Parameters<typeof renderProblems>[0] };
    expect(out.objects).to.deep.equal(['a']);
    expect(out.problems.map((p) => [p.code, p.at.file])).to.have.deep.members([
      ['file.noPermission', 'k8s/b.yaml'],
      ['file.noPermission', 'k8s/privada/'],
    ]);
    const text = renderProblems(out.problems);
    expect(text).to.include('No tienes permiso para leer `k8s/b.yaml` (EACCES)');
    expect(text).to.include(`sudo chown -R $(id -u) ${dir}`);
    expect(text).not.to.include('Error interno');
  });

  it('a manifest linked out of the submission (to a secrets file, to the solution) is refused without reading it; links inside are fine', () => {
    const dir = writeTree({ 'k8s/a.yaml': CONFIG_MAP('a'), 'otros/b.yaml': CONFIG_MAP('b') });
    symlinkSync(secret, path.join(dir, 'k8s/secreto.yaml'));
    symlinkSync(path.join(REPO_ROOT, 'solutions/07-deployment-service/k8s'), path.join(dir, 'k8s/solucion'));
    symlinkSync('../otros/b.yaml', path.join(dir, 'k8s/b.yaml'));
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.objects.map((o) => o.name).sort()).to.deep.equal(['a', 'b']);
    expect(m.problems.map((p) => [p.code, p.at.file])).to.deep.equal([['file.outsideSubmission', 'k8s/secreto.yaml']]);
    const text = renderProblems(m.problems);
    expect(text).to.include('`k8s/secreto.yaml` es un enlace simbólico que sale de la carpeta que se corrige');
    expect(text).not.to.include(SECRET);
  });

  it('a manifest folder that is a link to the solution grades nothing from it', () => {
    const dir = tempDir();
    symlinkSync(path.join(REPO_ROOT, 'solutions/07-deployment-service/k8s'), path.join(dir, 'k8s'));
    const m = loadManifests(dir, { folder: 'k8s' });
    expect(m.objects).to.deep.equal([]);
    expect(m.problems.map((p) => p.code)).to.deep.equal(['file.outsideSubmission']);
  });

  it('Dockerfile, Markdown answers, Compose file, .env and DAG linked out of the submission are refused', async () => {
    const dir = tempDir();
    for (const f of ['Dockerfile', 'minikube.md', 'docker-compose.yaml', '.env.example']) symlinkSync(secret, path.join(dir, f));
    mkdirSync(path.join(dir, 'dags'));
    symlinkSync(secret, path.join(dir, 'dags/captura_wikipedia.py'));
    expect(loadDockerfile(dir, 'Dockerfile')).to.include({ code: 'file.outsideSubmission' });
    expect(loadMarkdown(dir, 'minikube.md').problem).to.include({ code: 'file.outsideSubmission' });
    expect((loadCompose(dir, 'docker-compose.yaml', { envDirs: [] }) as { code: string }[]).map((p) => p.code)).to.deep.equal(['file.outsideSubmission']);
    expect(readDotEnv(dir, '.env.example')).to.equal(undefined);
    const dag = await analyseDag(dir, 'dags/captura_wikipedia.py');
    expect(dag).to.include({ code: 'file.outsideSubmission' });
    expect(JSON.stringify(dag)).not.to.include(SECRET);
  });
});

describe('faults: Kustomize never fetches nor reads outside the submission', function () {
  this.timeout(20000);
  const CONFIG = { base: 'base', overlays: ['overlays/desarrollo', 'overlays/produccion'], live: 'overlays/produccion' };
  let restore: (() => void)[] = [];
  let marker: string;
  before(() => {
    restore = [setLang('es'), isolateWarnings()];
    // A kubectl that only leaves a mark: it must never run for these layouts.
    const bin = tempDir();
    marker = path.join(bin, 'ran');
    writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\ntouch ${marker}\nexit 1\n`, { mode: 0o755 });
    const before = process.env.TALLER_KUBECTL;
    process.env.TALLER_KUBECTL = path.join(bin, 'kubectl');
    restore.push(() => (before === undefined ? delete process.env.TALLER_KUBECTL : (process.env.TALLER_KUBECTL = before)));
  });
  after(() => {
    for (const r of restore.reverse()) r();
    removeTempDirs();
  });

  const layout = (produccion: string, extra: Record<string, string> = {}) =>
    new Kustomize(
      writeTree({
        'k8s/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
        'k8s/base/cm.yaml': CONFIG_MAP('a'),
        'k8s/overlays/desarrollo/kustomization.yaml': 'resources:\n  - ../../base\n',
        'k8s/overlays/produccion/kustomization.yaml': produccion,
        ...extra,
      }),
      'k8s',
      CONFIG,
    );

  for (const [label, yaml, code, line] of [
    ['an https URL in resources', 'resources:\n  - ../../base\n  - https://raw.githubusercontent.com/x/y/main/cm.yaml\n', 'kustomize.remote', 3],
    ['a GitHub repository with ?ref=', 'resources:\n  - ../../base\n  - github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.0.0\n', 'kustomize.remote', 3],
    ['a git@ address in components', 'resources:\n  - ../../base\ncomponents:\n  - git@github.com:x/y.git\n', 'kustomize.remote', 4],
    ['a Helm chart repository', 'resources:\n  - ../../base\nhelmCharts:\n  - name: redis\n    repo: https://charts.bitnami.com/bitnami\n', 'kustomize.remote', 5],
    ['a path out of the submission in resources', 'resources:\n  - ../../base\n  - ../../../../../../../etc\n', 'kustomize.outside', 3],
    ['a generator file out of the submission', 'resources:\n  - ../../base\nconfigMapGenerator:\n  - name: c\n    files:\n      - clave=/etc/passwd\n', 'kustomize.outside', 6],
    ['an openapi path out of the submission', 'resources:\n  - ../../base\nopenapi:\n  path: ../../../../x.json\n', 'kustomize.outside', 4],
  ] as const) {
    it(`${label}: refused with file:line before kubectl runs`, () => {
      const o = layout(yaml).overlay('produccion');
      expect(existsSync(marker), 'kubectl ran').to.equal(false);
      expect(o.manifests.problems.map((p) => [p.code, p.at.file, p.at.line])).to.deep.equal([[code, 'k8s/overlays/produccion/kustomization.yaml', line]]);
      expect(renderProblems(o.manifests.problems)).to.match(/es un recurso remoto|lleva fuera de la carpeta/);
    });
  }

  it('a file of the layout linked out of the submission stops the render', () => {
    const kz = layout('resources:\n  - ../../base\n  - extra.yaml\n');
    symlinkSync(path.join(REPO_ROOT, 'solutions/09-configuracion/k8s/base/kustomization.yaml'), path.join(kz.root, 'k8s/overlays/produccion/extra.yaml'));
    const o = kz.overlay('produccion');
    expect(existsSync(marker), 'kubectl ran').to.equal(false);
    expect(o.manifests.problems.map((p) => p.code)).to.include('file.outsideSubmission');
  });
});
