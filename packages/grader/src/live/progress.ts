// Progress lines for long waits (creating a cluster, loading an image): kind-style start/end
// lines on stderr, so they never mix with the reporter's rubric on stdout.
export function step(text: string): { done: (ok?: boolean) => void } {
  const start = Date.now();
  process.stderr.write(` • ${text}…\n`);
  return {
    done(ok = true) {
      const secs = ((Date.now() - start) / 1000).toFixed(1);
      process.stderr.write(` ${ok ? '✓' : '✗'} ${text} (${secs} s)\n`);
    },
  };
}
