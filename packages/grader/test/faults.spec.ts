// Faults tried on purpose (issue 10 §2): an unreadable file is named and the rest is graded; links
// out of the submission are refused by every reader; a kustomization never makes kubectl fetch or
// read anything outside the submission.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { analyseDag } from '../src/airflow/analysis.ts';
import { readDotEnv } from '../src/compose/interpolate.ts';
import { contextHash } from '../src/docker/build.ts';
import { loadCompose } from '../src/compose/model.ts';
import { Kustomize } from '../src/kustomize/overlay.ts';
import { renderProblems } from '../src/messages/index.ts';
import { loadDockerfile } from '../src/parse/dockerfile.ts';
import { loadManifests } from '../src/parse/manifests.ts';
import { readSource } from '../src/parse/source.ts';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { CI_CONTEXT, isLocalContext, onLoopback, readKubeconfig, type Kubeconfig } from '../src/live/kubeconfig.ts';
import { resolveTarget } from '../src/live/providers.ts';
import { removeStaleMutantDirs } from '../src/prove/variants.ts';
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

  it('Dockerfile, YAML answers, Compose file, .env and DAG linked out of the submission are refused', async () => {
    const dir = tempDir();
    for (const f of ['Dockerfile', 'minikube.yaml', 'docker-compose.yaml', '.env.example']) symlinkSync(secret, path.join(dir, f));
    mkdirSync(path.join(dir, 'dags'));
    symlinkSync(secret, path.join(dir, 'dags/captura_wikipedia.py'));
    expect(loadDockerfile(dir, 'Dockerfile')).to.include({ code: 'file.outsideSubmission' });
    expect(readSource(dir, 'minikube.yaml')).to.include({ code: 'file.outsideSubmission' });
    expect((loadCompose(dir, 'docker-compose.yaml', { envDirs: [] }) as { code: string }[]).map((p) => p.code)).to.deep.equal(['file.outsideSubmission']);
    expect(readDotEnv(dir, '.env.example')).to.equal(undefined);
    const dag = await analyseDag(dir, 'dags/captura_wikipedia.py');
    expect(dag).to.include({ code: 'file.outsideSubmission' });
    expect(JSON.stringify(dag)).not.to.include(SECRET);
  });
});

describe('faults: the Docker build context', () => {
  after(() => removeTempDirs());

  it('is hashed as Docker sends it: links as links (a link to / is not walked), unreadable entries without a crash', () => {
    const dir = writeTree({ Dockerfile: 'FROM scratch\n', 'app/main.py': 'print(1)\n' });
    const before = contextHash(dir);
    symlinkSync('/', path.join(dir, 'raiz'));
    const started = Date.now();
    const withLink = contextHash(dir);
    expect(Date.now() - started).to.be.below(2000);
    expect(withLink).not.to.equal(before);
    writeFileSync(path.join(dir, 'app/main.py'), 'print(2)\n');
    expect(contextHash(dir)).not.to.equal(withLink);
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

/** A kubeconfig with one context per entry; `server` defaults to loopback. */
function kubeconfigText(current: string, entries: { name: string; server?: string; user?: Record<string, unknown>; userName?: string; cluster?: string }[]): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': current,
    clusters: entries.filter((e) => e.cluster === undefined).map((e) => ({ name: `cl-${e.name}`, cluster: { server: e.server ?? 'https://127.0.0.1:6443', 'insecure-skip-tls-verify': true } })),
    contexts: entries.map((e) => ({ name: e.name, context: { cluster: e.cluster ?? `cl-${e.name}`, user: e.userName ?? 'u' } })),
    users: entries.map((e) => ({ name: e.userName ?? 'u', user: e.user ?? { token: 'x' } })),
  });
}

/** Runs exercise 06's grader on its solution (Mocha directly) with `env`; resolves with its output when it exits, or rejects after `boundMs`. */
function grade06(env: NodeJS.ProcessEnv, boundMs: number): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/mocha/bin/mocha.js')], {
    cwd: path.join(REPO_ROOT, 'exercises/06-pods'),
    env: { ...process.env, NO_COLOR: '1', TALLER_LANG: 'es', TALLER_SUBMISSION: path.join(REPO_ROOT, 'solutions/06-pods'), TALLER_CLUSTER: 'existing', TALLER_CONTEXT: '', TALLER_REQUIRE: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the grader did not exit within ${boundMs / 1000} s:\n${output}`));
    }, boundMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

describe('faults: kubeconfigs and contexts the live tier must survive', function () {
  this.timeout(120_000);
  const base = { PATH: '/nonexistent', HOME: '/nonexistent', TALLER_CLUSTER: 'existing' };
  after(() => removeTempDirs());

  it('a KUBECONFIG list with a missing file, and the same user in two files: merged as kubectl does (first file wins)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a'), kubeconfigText('kind-taller', [{ name: 'kind-taller', user: { token: 'primero' } }]));
    writeFileSync(path.join(dir, 'b'), kubeconfigText('otro', [{ name: 'kind-otro', user: { token: 'segundo' } }]));
    const KUBECONFIG = [path.join(dir, 'no-existe'), path.join(dir, 'a'), path.join(dir, 'b')].join(path.delimiter);
    const kc = readKubeconfig({ KUBECONFIG }) as Kubeconfig;
    expect(kc.current).to.equal('kind-taller');
    expect([...kc.contexts.keys()]).to.deep.equal(['kind-taller', 'kind-otro']);
    const r = await resolveTarget({ ...base, KUBECONFIG });
    expect(r).to.include({ provider: 'existing', context: 'kind-taller' });
    const only = JSON.parse((r as { kubeconfig: string }).kubeconfig) as { users: { user: { token: string } }[]; contexts: unknown[] };
    expect(only.users.map((u) => u.user.token)).to.deep.equal(['primero']);
    expect(only.contexts).to.have.length(1);
  });

  it('a context whose cluster is missing, malformed YAML, a list that is not a list, /dev/zero: a reason, never a crash', async () => {
    const dir = tempDir();
    const cases: [string, string, string][] = [
      ['sin-cluster', kubeconfigText('kind-taller', [{ name: 'kind-taller', cluster: 'no-existe' }]), 'apunta al clúster «no-existe»'],
      ['roto', 'apiVersion: v1\nclusters: [\n  - name: a\n', 'no es YAML válido'],
      ['no-lista', 'apiVersion: v1\nclusters: uno\n', '`clusters` no es una lista'],
      ['escalar', 'hola\n', 'no es un kubeconfig'],
    ];
    for (const [name, text, reason] of cases) {
      writeFileSync(path.join(dir, name), text);
      expect(await resolveTarget({ ...base, KUBECONFIG: path.join(dir, name) }), name).to.have.property('reason').that.includes(reason);
    }
    const started = Date.now();
    expect(await resolveTarget({ ...base, KUBECONFIG: '/dev/zero' })).to.have.property('reason').that.includes('más de 1 MB');
    expect(Date.now() - started).to.be.below(5000);
  });

  it('a FIFO nobody writes does not block; a pipe (KUBECONFIG=<(…)) is read once, without blocking', async function () {
    const dir = tempDir();
    const fifo = path.join(dir, 'fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const started = Date.now();
    expect(await resolveTarget({ ...base, KUBECONFIG: fifo })).to.have.property('reason');
    expect(Date.now() - started).to.be.below(5000);
    // A real process substitution: bash hands the grader /dev/fd/N, a pipe.
    const config = path.join(dir, 'config');
    writeFileSync(config, kubeconfigText('kind-taller', [{ name: 'kind-taller' }]));
    const script = `import { resolveTarget } from ${JSON.stringify(path.join(GRADER_ROOT, 'src/live/providers.ts'))};
      console.log(JSON.stringify(await resolveTarget({ PATH: '/nonexistent', HOME: '/nonexistent', TALLER_CLUSTER: 'existing', KUBECONFIG: process.env.KUBECONFIG })));`;
    const r = spawnSync('bash', ['-c', `KUBECONFIG=<(cat "$1") "$2" --import tsx --input-type=module -e "$3"`, 'bash', config, process.execPath, script], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 20000 });
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.include({ provider: 'existing', context: 'kind-taller' });
  });

  it('kind-*/desktop contexts are local only on loopback (or a name that resolves only there); minikube also on its own address', async () => {
    const resolve = async (host: string) => ({ 'kubernetes.docker.internal': ['127.0.0.1'], 'mixto.example': ['127.0.0.1', '192.168.1.5'] })[host] ?? [];
    const local = (name: string, server: string, minikube = false, ip?: string) => isLocalContext(name, { minikube, server }, { resolve, minikubeIp: async () => ip });
    expect(await onLoopback('https://[::1]:6443')).to.equal(true);
    expect(await onLoopback('https://127.5.0.1:6443')).to.equal(true);
    expect(await onLoopback('https://localhost:6443')).to.equal(true);
    expect(await local('docker-desktop', 'https://kubernetes.docker.internal:6443')).to.equal(true);
    expect(await local('docker-desktop', 'https://mixto.example:6443')).to.equal(false);
    expect(await local('kind-taller', 'https://10.20.30.40:6443')).to.equal(false);
    expect(await local('rancher-desktop', 'https://prod.example.com')).to.equal(false);
    expect(await local('taller', 'https://192.168.49.2:8443', true, '192.168.49.2')).to.equal(true);
    expect(await local('taller', 'https://192.168.49.2:8443', true, '192.168.49.3')).to.equal(false);
    expect(await local('taller', 'https://192.168.49.2:8443', true, undefined)).to.equal(false);
    expect(await local('taller', 'https://192.168.49.2:8443', false, '192.168.49.2')).to.equal(false);
    expect(await local(CI_CONTEXT, 'https://127.0.0.1:6443')).to.equal(true);
  });

  it('`kind-anything` pointing away from this machine: refused, and its credential plugin never runs', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'plugin-ran');
    const plugin = path.join(dir, 'plugin.sh');
    writeFileSync(plugin, `#!/bin/sh\ntouch ${marker}\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x"}}'\n`, { mode: 0o755 });
    const user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } };
    writeFileSync(path.join(dir, 'config'), kubeconfigText('kind-remoto', [{ name: 'kind-remoto', server: 'https://192.0.2.10:6443', user }]));
    const r = await grade06({ KUBECONFIG: path.join(dir, 'config') }, 90_000);
    expect(r.output).to.include('«kind-remoto» (servidor https://192.0.2.10:6443) no parece un clúster local');
    expect(r.output).not.to.include('Error interno');
    expect(existsSync(marker), 'the credential plugin ran').to.equal(false);
  });

  it('a cluster that accepts connections and never answers: live lines skipped with the reason, and the grader exits in bounded time', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const dir = tempDir();
      const port = (silent.address() as net.AddressInfo).port;
      writeFileSync(path.join(dir, 'config'), kubeconfigText('kind-pausado', [{ name: 'kind-pausado', server: `https://127.0.0.1:${port}` }]));
      const r = await grade06({ KUBECONFIG: path.join(dir, 'config') }, 90_000);
      expect(r.output).to.include('«kind-pausado» no responde');
      expect(r.output).not.to.include('Error interno');
      expect(r.output.trim().split('\n').at(-1)).to.match(/^\d+ passed, 0 failed, [1-9]\d* skipped$/);
    } finally {
      silent.close();
      for (const s of sockets) s.destroy();
    }
  });
});

describe('faults: mutant copies never outlive their run', function () {
  this.timeout(60_000);
  after(() => removeTempDirs());

  it('an interrupted run (SIGINT, SIGTERM) removes its copies', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const script = `import { materialize } from ${JSON.stringify(path.join(GRADER_ROOT, 'src/prove/variants.ts'))};
        const dir = materialize(${JSON.stringify(path.join(REPO_ROOT, 'solutions/06-pods'))}, { name: 'prueba', line: '', expect: '', edit: {} });
        console.log(dir);
        setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT });
      const dir = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
      expect(existsSync(dir), signal).to.equal(true);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill(signal);
      await exited;
      expect(existsSync(dir), `${signal} left ${dir}`).to.equal(false);
    }
  });

  it('copies left by a run that was killed are removed at the next start; a live run’s copies stay', () => {
    const tmp = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const made = (name: string) => {
      mkdirSync(path.join(tmp, name));
      return path.join(tmp, name);
    };
    const orphan = made(`taller-mutant-${dead}-replicas-abc123`);
    const running = made(`taller-mutant-${process.pid}-replicas-def456`);
    const old = made('taller-mutant-sin-pid-ghi789');
    const other = made('otra-cosa');
    expect(removeStaleMutantDirs(tmp)).to.deep.equal([orphan]);
    expect(removeStaleMutantDirs(tmp, Date.now() + 2 * 24 * 60 * 60 * 1000).sort()).to.deep.equal([old, running].sort());
    expect(existsSync(other)).to.equal(true);
  });
});
