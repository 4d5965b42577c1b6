// Runs containers for live checks and reads an image's configuration. Every container has a
// unique name and `--rm`; on a timeout it is removed by name (killing the `docker` client does
// not stop the container).
import { randomBytes } from 'node:crypto';
import { lastLines, run, type RunResult } from '../system/process.ts';

export const RUN_TIMEOUT_MS = 60_000;

export interface Mount {
  host: string;
  container: string;
  readOnly?: boolean;
}

export interface ContainerOptions {
  /** Name prefix: `taller-02` gives `taller-02-run-<random>`. */
  prefix: string;
  /** Arguments after the image (replace CMD); none runs the image's default command. */
  args?: string[];
  entrypoint?: string;
  user?: string;
  mounts?: Mount[];
  timeoutMs?: number;
}

export interface ContainerResult extends RunResult {
  name: string;
  /** The last lines of its stdout and stderr, for failure messages. */
  tail: string[];
}

export async function runContainer(image: string, opts: ContainerOptions): Promise<ContainerResult> {
  const name = `${opts.prefix}-run-${randomBytes(4).toString('hex')}`;
  // No network: the programs graded here read and write files only.
  const args = ['run', '--rm', '--name', name, '--network', 'none'];
  if (opts.entrypoint !== undefined) args.push('--entrypoint', opts.entrypoint);
  if (opts.user !== undefined) args.push('--user', opts.user);
  for (const m of opts.mounts ?? []) args.push('-v', `${m.host}:${m.container}${m.readOnly ? ':ro' : ''}`);
  args.push(image, ...(opts.args ?? []));
  let result: RunResult | undefined;
  try {
    result = await run('docker', args, { timeoutMs: opts.timeoutMs ?? RUN_TIMEOUT_MS });
    return { ...result, name, tail: lastLines(`${result.stdout}\n${result.stderr}`, 20) };
  } finally {
    // --rm removes it after a normal exit; after a timeout or a crash, remove it ourselves.
    if (!result || result.timedOut || result.code === null) {
      await run('docker', ['rm', '--force', name], { timeoutMs: 30_000 });
    }
  }
}

export interface ImageInfo {
  id: string;
  user: string;
  entrypoint: string[];
  cmd: string[];
  workdir: string;
  /** Bytes, as `docker image ls` reports them (decimal MB = 1e6). */
  size: number;
}

export async function inspectImage(ref: string): Promise<ImageInfo | undefined> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{json .}}', ref], { timeoutMs: 30_000 });
  if (r.code !== 0) return undefined;
  const raw = JSON.parse(r.stdout) as {
    Id: string;
    Size: number;
    Config?: { User?: string; Entrypoint?: string[] | null; Cmd?: string[] | null; WorkingDir?: string };
  };
  return {
    id: raw.Id,
    user: raw.Config?.User ?? '',
    entrypoint: raw.Config?.Entrypoint ?? [],
    cmd: raw.Config?.Cmd ?? [],
    workdir: raw.Config?.WorkingDir ?? '',
    size: raw.Size,
  };
}

export interface Layer {
  size: number;
  createdBy: string;
}

/** The image's layers, largest first (evidence for a size failure). */
export async function largestLayers(ref: string, n = 3): Promise<Layer[]> {
  const r = await run('docker', ['image', 'history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', ref], { timeoutMs: 30_000 });
  if (r.code !== 0) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [size, ...rest] = l.split('\t');
      // Legacy builder: `/bin/sh -c #(nop) COPY …` and `/bin/sh -c cmd`; BuildKit: `RUN /bin/sh -c cmd # buildkit`.
      const createdBy = rest
        .join('\t')
        .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
        .replace(/^(RUN )?\/bin\/sh -c /, 'RUN ')
        .replace(/ # buildkit$/, '');
      return { size: Number(size), createdBy };
    })
    .filter((l) => Number.isFinite(l.size) && l.size >= 1e6)
    .map((l) => ({ ...l, createdBy: l.createdBy.trim() || '(la imagen base)' }))
    .sort((a, b) => b.size - a.size)
    .slice(0, n);
}

export interface UidInside {
  uid?: number;
  /** How it was found: `id -u`, or Python when the image has no `id` (distroless). */
  via: string;
  /** The last attempt's evidence when no uid could be read. */
  tail: string[];
  exitCode: number | null;
}

/** The uid the image's processes really run as, read inside a container. */
export async function uidInside(image: string, prefix: string): Promise<UidInside> {
  const attempts: { via: string; entrypoint: string; args: string[] }[] = [
    { via: 'id -u', entrypoint: 'id', args: ['-u'] },
    { via: 'python3 -c "import os; print(os.getuid())"', entrypoint: 'python3', args: ['-c', 'import os; print(os.getuid())'] },
    { via: 'python -c "import os; print(os.getuid())"', entrypoint: 'python', args: ['-c', 'import os; print(os.getuid())'] },
  ];
  let last: ContainerResult | undefined;
  for (const a of attempts) {
    last = await runContainer(image, { prefix, entrypoint: a.entrypoint, args: a.args, timeoutMs: 30_000 });
    const out = last.stdout.trim();
    if (last.code === 0 && /^\d+$/.test(out)) return { uid: Number(out), via: a.via, tail: [], exitCode: 0 };
  }
  return { via: attempts[0]!.via, tail: last?.tail ?? [], exitCode: last?.code ?? null };
}
