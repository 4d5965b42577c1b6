// The grader's fake Wikipedia: `python3 -m app_datos wikipedia-falsa` from packages/app-datos on a
// free local port, for the time of one submission's runs. `GET /_peticiones` says what it saw.
import path from 'node:path';
import { REPO_ROOT } from '../catalog/paths.ts';
import { lastLines, run, type RunResult } from '../system/process.ts';
import { freePort } from '../system/net.ts';

export interface FakeRequest {
  ruta: string;
  metodo: string;
  user_agent: string;
}

export interface FakeWikipedia {
  url: string;
  port: number;
  /** What it received so far (its own /_peticiones call is not recorded). */
  requests(): Promise<FakeRequest[]>;
  /** The page it serves for a title, as bytes (the reference for the written file). */
  page(title: string): Promise<Buffer>;
  stop(): Promise<void>;
}

export interface FakeOptions {
  /** `--fallar N`: answer 503 to the first N page requests. */
  fail?: number;
  /** `--inexistente T`: titles that answer 404. */
  missing?: string[];
  /** Python to run it with (any Python 3; the Airflow environment's works too). */
  python?: string;
}

const START_TIMEOUT_MS = 15_000;
/** Ends the server if the grader dies without stopping it (see the script). */
const GUARD = path.resolve(import.meta.dirname, '../../python/mientras_viva_el_padre.py');
/** The grader's own request for the reference page; left out of `requests()`. */
export const REFERENCE_UA = 'taller-corrector/1.0 (referencia)';
/** The server runs as long as the grader needs it; this only bounds a forgotten one. */
const LIFETIME_MS = 30 * 60_000;


export async function startFakeWikipedia(opts: FakeOptions = {}): Promise<FakeWikipedia> {
  let lastError = '';
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const controller = new AbortController();
    let listening!: () => void;
    const up = new Promise<void>((r) => (listening = r));
    const args = [GUARD, 'app_datos', 'wikipedia-falsa', '--puerto', String(port)];
    if (opts.fail) args.push('--fallar', String(opts.fail));
    for (const t of opts.missing ?? []) args.push('--inexistente', t);
    const exited: Promise<RunResult> = run(opts.python ?? 'python3', args, {
      timeoutMs: LIFETIME_MS,
      signal: controller.signal,
      processGroup: true,
      env: { ...process.env, PYTHONPATH: path.join(REPO_ROOT, 'packages/app-datos/src'), PYTHONDONTWRITEBYTECODE: '1' },
      onLine: (line) => {
        if (line.includes('"escuchando"')) listening();
      },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      up.then(() => 'up' as const),
      exited.then(() => 'exited' as const),
      new Promise<'slow'>((r) => (timer = setTimeout(() => r('slow'), START_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (outcome === 'up') {
      const url = `http://127.0.0.1:${port}`;
      return {
        url,
        port,
        async requests() {
          const res = await fetch(`${url}/_peticiones`, { signal: AbortSignal.timeout(10_000) });
          return ((await res.json()) as FakeRequest[]).filter((r) => r.user_agent !== REFERENCE_UA);
        },
        async page(title: string) {
          // Its pages are deterministic: ask for one more (left out of `requests()`).
          const res = await fetch(`${url}/w/rest.php/v1/page/${encodeURIComponent(title)}/html`, {
            headers: { 'User-Agent': REFERENCE_UA },
            signal: AbortSignal.timeout(10_000),
          });
          return Buffer.from(await res.arrayBuffer());
        },
        async stop() {
          controller.abort();
          await exited;
        },
      };
    }
    controller.abort();
    const r = await exited;
    lastError = outcome === 'slow' ? `no empezó a escuchar en ${START_TIMEOUT_MS / 1000} s` : lastLines(`${r.stdout}\n${r.stderr}`, 2).join(' · ') || `código ${r.code}`;
    if (r.spawnError) break;
  }
  throw new Error(`no se pudo arrancar la Wikipedia falsa: ${lastError}`);
}
