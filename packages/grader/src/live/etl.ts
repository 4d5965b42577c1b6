// What `etl` should log for the learner's ConfigMap: the workshop program itself, run here on
// the same CSV files (python3, standard library), is the truth to compare the cluster's run with.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { REPO_ROOT } from '../catalog/paths.ts';
import type { Node } from '../model.ts';
import { run } from '../system/process.ts';
import type { EtlSummary } from './dataplane.ts';
import { skipWith } from './skip.ts';

export async function etlExpected(ctx: Context, configMap: Node): Promise<EtlSummary> {
  const data = (configMap.at('data').value ?? {}) as Record<string, string>;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taller-etl-'));
  try {
    const input = path.join(dir, 'entrada');
    const output = path.join(dir, 'salida');
    mkdirSync(input);
    for (const [key, text] of Object.entries(data)) {
      if (!key.includes('/')) writeFileSync(path.join(input, key), text);
    }
    const r = await run('python3', ['-m', 'app_datos', 'etl', '--entrada', input, '--salida', output], {
      timeoutMs: 30_000,
      env: { ...process.env, PYTHONPATH: path.join(REPO_ROOT, 'packages/app-datos/src') },
    });
    if (r.spawnError) return skipWith(ctx, 'hace falta python3 para calcular el resultado esperado del CSV', 'data-plane');
    if (r.code !== 0) return skipWith(ctx, `el programa de referencia no pudo procesar el CSV del ConfigMap: ${r.stderr.trim().split('\n').at(-1)}`);
    const resumen = JSON.parse(readFileSync(path.join(output, 'resumen.json'), 'utf8')) as EtlSummary;
    return { filas: resumen.filas, total: resumen.total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
