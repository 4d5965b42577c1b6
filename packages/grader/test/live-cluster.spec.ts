// Bad conditions of the live tier, against the real cluster that .ci/run starts (skipped, with
// the reason, where there is none): unreachable clusters, stuck namespaces, two graders at once
// and Ctrl-C during a wait. Each ends with a Spanish message, no namespace left, and no pass.
import { execFile, spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { connect, type Cluster } from '../src/live/cluster.ts';
import { kubeconfigFiles } from '../src/live/kubeconfig.ts';
import { skipWith, unmet } from '../src/live/skip.ts';

const SOLUTION_07 = path.join(REPO_ROOT, 'solutions/07-deployment-service');

function grade(exercise: string, submission: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['test', '-w', exercise],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', TALLER_LANG: 'es', TALLER_SUBMISSION: submission, ...env }, timeout: 180_000 },
      (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

const lastLine = (s: string) => s.trim().split('\n').at(-1);

/**
 * A copy of the 07 solution whose Pods a scheduling gate holds Pending without a final reason,
 * so the grader keeps polling for its 30 s: the place to interrupt it or cut the cluster off.
 */
function gatedSubmission(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taller-gated-'));
  cpSync(SOLUTION_07, dir, { recursive: true });
  const file = path.join(dir, 'k8s/deployment.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('    spec:\n', '    spec:\n      schedulingGates: [{ name: taller.test/espera }]\n'));
  return dir;
}

/** Runs the 07 grader (Mocha directly, so signals reach it) and collects its output. */
function startGrader(submission: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/mocha/bin/mocha.js')], {
    cwd: path.join(REPO_ROOT, 'exercises/07-deployment-service'),
    env: { ...process.env, NO_COLOR: '1', TALLER_SUBMISSION: submission, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

describe('live tier against a cluster you cannot reach', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'taller-unreachable-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an unreachable cluster: every live line skipped with E25, none passes, static lines unaffected', async () => {
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'kind-taller',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1', 'insecure-skip-tls-verify': true } }],
        contexts: [{ name: 'kind-taller', context: { cluster: 'c', user: 'u' } }],
        users: [{ name: 'u', user: { token: 'x' } }],
      }),
    );
    // The skip is the point here: CI's TALLER_REQUIRE would turn it into a failure.
    const r = await grade('exercise-07', SOLUTION_07, { TALLER_CLUSTER: 'existing', KUBECONFIG: kubeconfig, TALLER_CONTEXT: '', TALLER_REQUIRE: '' });
    expect(r.stdout).to.include('no responde (E25');
    expect(lastLine(r.stdout)).to.equal('10 passed, 0 failed, 6 skipped');
    expect(r.code).to.equal(0);
  });
});

describe('live tier on a real cluster: bad conditions', function () {
  this.timeout(240_000);
  let cluster: Cluster;

  before(async function () {
    const reason = await unmet(['cluster']);
    if (reason) skipWith(this, reason);
    const c = await connect();
    if ('reason' in c) skipWith(this, c.reason);
    cluster = c as Cluster;
  });

  const runNamespaces = async () =>
    (await cluster.core.listNamespace({ labelSelector: 'app.kubernetes.io/managed-by=taller' })).items.filter(
      (n) => !n.metadata?.deletionTimestamp,
    );

  it('two graders of the same exercise at once: both pass, each in its own namespace, none left behind', async () => {
    const [a, b] = await Promise.all([grade('exercise-07', SOLUTION_07), grade('exercise-07', SOLUTION_07)]);
    for (const r of [a, b]) {
      expect(r.code, r.stdout).to.equal(0);
      expect(lastLine(r.stdout)).to.match(/^1\d passed, 0 failed(, \d skipped)?$/);
    }
    expect((await runNamespaces()).map((n) => n.metadata?.name)).to.deep.equal([]);
  });

  it('a namespace stuck terminating does not block the next run', async () => {
    const stuck = `taller-atascado-${process.pid}`;
    await cluster.core.createNamespace({
      body: { metadata: { name: stuck, finalizers: ['taller.test/atascado'], labels: { 'taller/prueba': 'atascado' } } },
    });
    try {
      await cluster.core.deleteNamespace({ name: stuck });
      const r = await grade('exercise-07', SOLUTION_07);
      expect(r.code, r.stdout).to.equal(0);
      const ns = await cluster.core.readNamespace({ name: stuck });
      expect(ns.status?.phase).to.equal('Terminating');
    } finally {
      const ns = await cluster.core.readNamespace({ name: stuck }).catch(() => undefined);
      if (ns) {
        await cluster.objects.patch(
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: stuck, finalizers: [] } },
          undefined,
          undefined,
          undefined,
          undefined,
          cluster.lib.PatchStrategy.MergePatch,
        );
      }
    }
  });

  it('Ctrl-C during a wait: the run stops, says so, deletes its namespace and does not pass', async () => {
    const dir = gatedSubmission();
    try {
      const { child, exited, output } = startGrader(dir);
      for (let i = 0; i < 120 && (await runNamespaces()).length === 0; i++) await sleep(500);
      const mine = (await runNamespaces()).map((n) => n.metadata?.name);
      expect(mine, 'the grader never created its namespace').to.have.length(1);
      await sleep(2000); // inside the scheduling wait
      child.kill('SIGINT');
      const code = await exited;
      expect(code).to.equal(130);
      expect(output()).to.include('Interrumpido: borrando 1 namespace(s) del corrector');
      expect(output()).to.not.match(/\d+ passed, 0 failed/);
      expect((await runNamespaces()).map((n) => n.metadata?.name)).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the cluster going away mid-run: the waiting line fails saying the connection was lost, no internal error', async () => {
    // The grader reaches the API server through a proxy that this test cuts off mid-wait.
    const [file] = kubeconfigFiles();
    const config = parse(readFileSync(file!, 'utf8')) as { clusters: { cluster: { server: string } }[] };
    const target = new URL(config.clusters[0]!.cluster.server);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const dir = gatedSubmission();
    const kubeconfig = path.join(dir, 'kubeconfig');
    for (const c of config.clusters) c.cluster.server = `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    writeFileSync(kubeconfig, stringify(config));
    let orphan: string | undefined;
    try {
      const { exited, output } = startGrader(dir, { KUBECONFIG: kubeconfig, TALLER_CLUSTER: 'existing' });
      for (let i = 0; i < 120 && (await runNamespaces()).length === 0; i++) await sleep(500);
      orphan = (await runNamespaces())[0]?.metadata?.name;
      expect(orphan, 'the grader never created its namespace').to.be.a('string');
      await sleep(2000); // inside the scheduling wait
      proxy.close();
      for (const s of sockets) s.destroy();
      const code = await exited;
      expect(code, output()).to.not.equal(0);
      expect(output()).to.include('Se perdió la conexión con el clúster');
      expect(output()).to.not.include('Error interno');
      expect(lastLine(output())).to.match(/^\d+ passed, [1-9]\d* failed/);
    } finally {
      proxy.close();
      for (const s of sockets) s.destroy();
      // The grader could not delete its namespace with the cluster gone: clean up for it.
      if (orphan) await cluster.core.deleteNamespace({ name: orphan, propagationPolicy: 'Background' }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
