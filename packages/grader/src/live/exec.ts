// A command run inside a container through the Kubernetes exec API (what `kubectl exec` does),
// with a deadline. Needs real nodes: the kubelet runs it. Never throws for the command's own
// failure: the caller reads the exit code and the output.
import { Writable } from 'node:stream';
import type * as k8s from '@kubernetes/client-node';
import { shortError } from './cluster.ts';
import type { Admission } from './run.ts';

export interface ExecResult {
  /** Exit code; undefined when the command never ran (no container, no kubelet, timeout). */
  code?: number;
  stdout: string;
  stderr: string;
  /** Why it did not run, in a short sentence, when it did not. */
  error?: string;
}

const MAX_BYTES = 64 * 1024;

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (size < MAX_BYTES) {
        chunks.push(chunk);
        size += chunk.length;
      }
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The exit code in the API's final Status (`Success`, or `NonZeroExitCode` with an ExitCode cause). */
function exitCode(status: k8s.V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message !== undefined ? Number(cause.message) : undefined;
}

export async function execInPod(a: Admission, pod: string, container: string, command: string[], timeoutMs = 10_000): Promise<ExecResult> {
  const out = collector();
  const err = collector();
  const exec = new a.cluster.lib.Exec(a.cluster.kc);
  return new Promise<ExecResult>((resolve) => {
    let socket: { close: () => void } | undefined;
    let status: k8s.V1Status | undefined;
    const finish = (error?: string) => {
      clearTimeout(timer);
      socket?.close();
      const code = status ? exitCode(status) : undefined;
      resolve({ code, stdout: out.text(), stderr: err.text(), error: code === undefined ? (error ?? status?.message ?? 'sin estado final') : undefined });
    };
    const timer = setTimeout(() => finish(`sin respuesta en ${timeoutMs / 1000} s`), timeoutMs);
    exec
      .exec(a.namespace, pod, container, command, out.stream, err.stream, null, false, (s) => {
        status = s;
      })
      .then(
        (ws) => {
          socket = ws;
          ws.on('close', () => finish());
          ws.on('error', (e: Error) => finish(e.message));
        },
        (e: unknown) => finish(shortError(e)),
      );
  });
}
