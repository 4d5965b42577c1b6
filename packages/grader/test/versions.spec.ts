// One Kubernetes version everywhere: every tracked file that names a 1.34 patch release (the kind
// node image, minikube's --kubernetes-version, kubectl in the workflows, the CI cluster's docs)
// names the one in src/schema/version.ts. Made-up versions in tests (`v1.34.99`) are not releases.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { KUBERNETES_MINOR, KUBERNETES_VERSION } from '../src/schema/version.ts';
import { KIND_NODE_IMAGE } from '../src/live/providers.ts';

const FAKE = /v1\.\d+\.99/;

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return out
    .split('\0')
    .filter((f) => f && !f.endsWith('package-lock.json') && !f.startsWith('packages/grader/schema/'))
    .filter((f) => /\.(ts|cjs|js|json|ya?ml|md|sh|py|toml|txt)$|(^|\/)(run|Dockerfile)$/.test(f));
}

describe('one Kubernetes version', () => {
  it(`the pin is a ${KUBERNETES_MINOR} release`, () => {
    expect(KUBERNETES_VERSION).to.match(new RegExp(`^v${KUBERNETES_MINOR.replace('.', '\\.')}\\.\\d+$`));
    expect(KIND_NODE_IMAGE).to.equal(`kindest/node:${KUBERNETES_VERSION}`);
  });

  it('every file that names a patch release of it names the pinned one', () => {
    const minor = KUBERNETES_MINOR.replace('.', '\\.');
    const release = new RegExp(`v?${minor}\\.\\d+(?![\\d.])`, 'g');
    const wrong: string[] = [];
    for (const file of trackedTextFiles()) {
      const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(release)) {
          const v = m[0].startsWith('v') ? m[0] : `v${m[0]}`;
          if (v !== KUBERNETES_VERSION && !FAKE.test(v)) wrong.push(`${file}:${i + 1}: ${m[0]}`);
        }
      });
    }
    expect(wrong, `other ${KUBERNETES_MINOR} releases than ${KUBERNETES_VERSION}`).to.deep.equal([]);
  });
});
