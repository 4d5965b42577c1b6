// TALLER_REQUIRE: where a tier was set up on purpose (CI), a check it would skip fails instead,
// with the same reason; a value that names no tier stops the run before any test.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import type { Context } from 'mocha';
import { GradingFailure } from '../src/assert/failure.ts';
import { lackOf, NEEDS, parseRequired, requiredNeeds, setRequired, skipOf, skipWith, type Need } from '../src/live/skip.ts';
import { setLang } from './helpers.ts';

const SKIPPED = new Error('skipped');
function fakeContext(): Context & { test: object } {
  return { test: {}, skip: () => { throw SKIPPED; } } as unknown as Context & { test: object };
}

/** What `skipWith` did: 'skipped', or the failure message. */
function outcome(reason: string, need?: Need): string {
  try {
    skipWith(fakeContext(), reason, need);
  } catch (err) {
    if (err === SKIPPED) return 'skipped';
    expect(err).to.be.instanceOf(GradingFailure);
    return (err as Error).message;
  }
  throw new Error('skipWith returned');
}

describe('TALLER_REQUIRE', () => {
  let saved: ReadonlySet<Need>;
  let restoreLang: () => void;
  beforeEach(() => {
    saved = requiredNeeds();
    restoreLang = setLang('es');
  });
  afterEach(() => {
    setRequired(saved);
    restoreLang();
  });

  it('reads a comma list, ignoring spaces, case and empty items', () => {
    expect(parseRequired({ TALLER_REQUIRE: ' Docker, cluster,,data-plane ' })).to.deep.equal({ needs: new Set(['docker', 'cluster', 'data-plane']) });
    expect(parseRequired({})).to.deep.equal({ needs: new Set() });
  });

  it('rejects a name that is no tier, naming the valid ones', () => {
    const r = parseRequired({ TALLER_REQUIRE: 'docker,nube' });
    expect(r).to.have.property('error').that.includes('`nube`').and.includes(NEEDS.join(', '));
  });

  it('stops the run with exit code 2 and the message, before any test', function (done) {
    this.timeout(30_000);
    const skip = path.join(import.meta.dirname, '../src/live/skip.ts');
    execFile(process.execPath, ['--import', 'tsx', skip], { env: { ...process.env, TALLER_REQUIRE: 'cluster,metricas', TALLER_LANG: 'es' } }, (err, _out, errOut) => {
      expect(err?.code).to.equal(2);
      expect(errOut).to.include('TALLER_REQUIRE=cluster,metricas no es válido').and.include('`metricas`').and.include('metrics');
      done();
    });
  });

  it('a skip for a required need fails with the reason; one it does not name still skips', () => {
    const reason = lackOf('cluster', 'no hay ningún clúster disponible');
    setRequired([]);
    expect(outcome(reason)).to.equal('skipped');
    setRequired(['docker']);
    expect(outcome(reason)).to.equal('skipped');
    setRequired(['docker', 'cluster']);
    const failed = outcome(reason);
    expect(failed).to.include('TALLER_REQUIRE=docker,cluster exige `cluster`: no hay ningún clúster disponible.');
    expect(failed).to.include('quítalo de TALLER_REQUIRE');
  });

  it('a need the check finds out itself (metrics-server) is passed to skipWith', () => {
    setRequired(['metrics']);
    expect(outcome('el clúster no tiene metrics-server', 'metrics')).to.include('exige `metrics`');
    expect(outcome('el clúster no tiene metrics-server', 'netpol')).to.equal('skipped');
  });

  it('a skip that is no missing need (an earlier line failed) stays a skip', () => {
    setRequired(NEEDS);
    expect(outcome('la imagen no se construyó: corrige primero «la imagen se construye»')).to.equal('skipped');
  });

  it('a skipped test keeps its reason and the needs it lacked, for the proof', () => {
    const ctx = fakeContext();
    setRequired([]);
    const reason = lackOf('data-plane', 'el clúster solo tiene nodos simulados');
    expect(() => skipWith(ctx, reason)).to.throw(SKIPPED);
    expect(skipOf(ctx.test)).to.deep.equal({ reason, needs: ['data-plane'] });
    const other = fakeContext();
    expect(() => skipWith(other, 'mira la línea anterior')).to.throw(SKIPPED);
    expect(skipOf(other.test)).to.deep.equal({ reason: 'mira la línea anterior', needs: undefined });
  });

  it('has the message in English too', () => {
    const restore = setLang('en');
    try {
      setRequired(['metrics']);
      expect(outcome('no metrics-server', 'metrics')).to.include('TALLER_REQUIRE=metrics requires `metrics`: no metrics-server.');
    } finally {
      restore();
    }
  });
});
