// Assertions of exercise 11: probes on the server's port, the log file in a shared emptyDir, a
// native sidecar following it, and Prometheus' scrape annotations.
import type { Node } from '../model.ts';
import type { Container } from '../rules/containers.ts';
import * as rules from '../rules/observability.ts';
import type { AssertionTable } from './table.ts';

type Probe = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export const observabilityAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    // `expect(api).to.have.probeOnServePort('livenessProbe', ['/healthz'])`; with `tcp`, a
    // `tcpSocket` check of the port counts too (fine for a startup probe).
    probeOnServePort: (c: Node<Container>, probe: Probe, paths: readonly string[], tcp?: 'tcp') =>
      rules.probeOnServePort(c, probe, paths, tcp === 'tcp'),
    logFileInEmptyDir: rules.logFileInEmptyDir,
    nativeSidecar: rules.nativeSidecar,
    sidecarFollowingLogFile: rules.sidecarFollowsLogFile,
    prometheusScrape: rules.prometheusScrape,
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      probeOnServePort(probe: Probe, paths: readonly string[], tcp?: 'tcp'): Assertion;
      logFileInEmptyDir(app: string): Assertion;
      nativeSidecar(name: string): Assertion;
      sidecarFollowingLogFile(sidecar: string, app: string): Assertion;
      prometheusScrape(app: string, metricsPath: string): Assertion;
    }
  }
}
