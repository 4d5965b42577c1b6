// Messages of exercise 11 (probes, log file and sidecar, Prometheus annotations, restarts).
import type { Catalogue } from './types.ts';
import { code, enEvidence as evidence } from './format.ts';

const PROBE_NAMES: Record<string, string> = {
  livenessProbe: 'liveness probe',
  readinessProbe: 'readiness probe',
  startupProbe: 'startup probe',
};
const PROBE_ROLES: Record<string, string> = {
  livenessProbe: 'If it fails several times in a row, Kubernetes restarts the container: it gets you out of a hung process.',
  readinessProbe: 'While it fails, the Pod gets no traffic from Services, but it is not restarted.',
  startupProbe: 'Until it passes, the other two probes wait: a slow start is not mistaken for a hung process.',
};
// A path written with `$(VAR)`: the expanded path, and how it was written.
const shownPath = (p: Record<string, unknown>) =>
  typeof p.written === 'string' && p.written !== p.file ? `${code(p.written)}, which expands to ${code(p.file)}` : code(p.file);
const probeName = (p: unknown) => `${PROBE_NAMES[String(p)] ?? String(p)} (\`${String(p)}\`)`;

interface InVolume {
  volume: string;
  inside: string;
}
const place = (v: unknown) => {
  const { volume, inside } = (v ?? {}) as Partial<InVolume>;
  return `\`${String(inside)}\` in the volume \`${String(volume)}\``;
};

export const enObservability: Catalogue = {
  'observability.probeMissing': {
    what: (p) => `The container ${code(p.container)} has no ${probeName(p.probe)}. ${PROBE_ROLES[String(p.probe)] ?? ''}`,
    fix: (p) => `Add \`${p.probe}\` with \`httpGet\` to ${code(p.path)} on port \`http\`.`,
  },
  'observability.probeHandler': {
    what: (p) =>
      p.handler === 'HTTPS'
        ? `The ${probeName(p.probe)} uses \`scheme: HTTPS\`, but the workshop server speaks plain HTTP: the probe would always fail.`
        : p.handler === 'nada'
          ? `The ${probeName(p.probe)} does not say how to check anything (it lacks \`httpGet\`).`
          : `The ${probeName(p.probe)} uses \`${p.handler}\`; expected \`httpGet\` to ${code(p.path)}.` +
            (p.handler === 'exec' ? ' The workshop image has neither `curl` nor `wget`, and a real HTTP request tells more than a process that starts.' : ''),
    fix: (p) => `Use \`httpGet\` with \`path: ${p.path}\` and \`port: http\`${p.handler === 'HTTPS' ? ', without `scheme` (HTTP is the default)' : ''}.`,
  },
  'observability.probePath': {
    what: (p) =>
      `The ${probeName(p.probe)} requests ${code(p.actual)}; expected ${((p.paths as string[] | undefined) ?? []).map(code).join(' or ')}.` +
      (p.actual === '/readyz' && p.probe === 'livenessProbe'
        ? ' If the liveness probe looked at `/readyz`, a Pod that is not ready yet would be restarted instead of just getting no traffic.'
        : ''),
    fix: () => 'The liveness probe asks “is the process still alive?” (`/healthz`); the readiness probe, “can it serve yet?” (`/readyz`).',
    hint: 'A path the server does not know answers 404: the probe would always fail.',
  },
  'observability.probePort': {
    what: (p) =>
      p.quoted
        ? `The ${probeName(p.probe)} uses the port ${code(p.port)} in quotes: Kubernetes would read it as the name of a port, and no port has that name.`
        : p.unknownName
          ? `The ${probeName(p.probe)} uses the port ${code(p.port)}, but the container declares no port with that name (it declares: ${p.ports}).`
          : `The ${probeName(p.probe)} calls port ${code(p.port)}${typeof p.port === 'string' ? ` (${String(p.resolved)})` : ''}, but \`serve\` listens on port ${p.listen}: the probe would always fail.`,
    fix: (p) => `Use the name of the container port for ${p.listen} (\`port: http\`) or the number without quotes (\`port: ${p.listen}\`).`,
  },
  'observability.sidecarMissing': {
    what: (p) => `The ${p.kind} ${code(p.name)} has no container called ${code(p.container)}.${p.found ? ` Containers: ${p.found}.` : ''}`,
    fix: (p) => `Add to the template's \`initContainers\` a container \`name: ${p.container}\` with \`restartPolicy: Always\` that runs \`tail\`.`,
  },
  'observability.sidecarRegular': {
    what: (p) =>
      `${code(p.name)} is in \`containers\`: it is just one more container, not a native sidecar. It works, but Kubernetes does not guarantee that it starts before the application (you would lose the first lines) or stops after it (you would lose the last ones), and in a Job it would keep the Pod from finishing.`,
    fix: () => 'Move it to `spec.template.spec.initContainers` and give it `restartPolicy: Always`.',
    hint: 'Native sidecars are stable since Kubernetes 1.33: an initContainer with `restartPolicy: Always`.',
  },
  'observability.sidecarNotRestartable': {
    what: (p) =>
      p.policy === undefined
        ? `${code(p.name)} is in \`initContainers\` without \`restartPolicy: Always\`: it is a regular init container. Kubernetes waits for it to finish before starting the application, and \`tail\` never finishes: the Pod would stay in \`Init:0/1\` forever.`
        : `${code(p.name)} has \`restartPolicy: ${String(p.policy)}\`; on a container, Kubernetes 1.34 only accepts \`Always\` and silently drops any other value: it would be a regular initContainer, and since \`tail\` never finishes, the Pod would stay in \`Init:0/1\`.`,
    fix: () => 'Set `restartPolicy: Always` on that container (on the container, not on the Pod): that makes it a sidecar that lives alongside the application.',
  },
  'observability.logFileMissing': {
    what: (p) => `The container ${code(p.container)} does not define \`LOG_FILE\`: the application only writes its log to standard output and the sidecar would have nothing to read.`,
    fix: () => 'Add the variable `LOG_FILE` to `env` with the path of a file inside the shared volume, for example `/var/log/app/app.log`.',
  },
  'observability.logFileNotLiteral': {
    what: (p) =>
      p.written === undefined
        ? '`LOG_FILE` takes its value from another object (`valueFrom`), and the grader cannot know which path it will be.'
        : `\`LOG_FILE\` is ${code(p.written)}, and uses a variable whose value comes from another object (\`valueFrom\` or \`envFrom\`): the grader cannot know which path it will be.`,
    fix: () => 'Write the path in `value`, directly or with `$(VARIABLE)` of variables with a `value` defined earlier in the same `env`.',
  },
  'observability.logFileNotAbsolute': {
    what: (p) =>
      `\`LOG_FILE\` is ${shownPath(p)}; expected the absolute path of a file (starting with \`/\` and not ending with \`/\`).` +
      (/\$\(/.test(String(p.file)) ? ' A `$(VARIABLE)` reference is only expanded when that variable is defined earlier in the same container\'s `env` list; otherwise it stays as written.' : ''),
    fix: () => 'For example `/var/log/app/app.log`, inside where you mount the `emptyDir`.',
  },
  'observability.logFileNotMounted': {
    what: (p) =>
      p.isMountPath
        ? `\`LOG_FILE\` (${shownPath(p)}) is the folder where you mount the volume, not a file inside it.`
        : `\`LOG_FILE\` (${shownPath(p)}) is not inside any volume mounted in the container${p.mounts ? ` (mounts: ${p.mounts})` : ''}: the file would end up in the container's own filesystem, which the sidecar cannot see.`,
    fix: () => 'Mount the `emptyDir` (`volumeMounts`) on a folder and set `LOG_FILE` to a file inside it, for example `/var/log/app/app.log`.',
  },
  'observability.volumeNotEmptyDir': {
    what: (p) => `The volume ${code(p.volume)} where \`LOG_FILE\` is written has type ${code(p.type)}; expected an \`emptyDir\`.`,
    fix: () => 'Use `emptyDir: {}`: a directory that is born empty with the Pod and is shared by all its containers.',
    hint: 'A `hostPath` would write to the node\'s disk, and a ConfigMap is read-only.',
  },
  'observability.logFileReadOnly': {
    what: (p) => `\`LOG_FILE\` (${shownPath(p)}) is on a mount with \`readOnly: true\` (${code(p.mountPath)}): the application could not write its log.`,
    fix: () => 'Remove `readOnly: true` from the application\'s mount; on the sidecar, which only reads, you may keep it.',
  },
  'observability.tailArgs': {
    what: (p) => `The sidecar starts with ${code(p.args)}; expected \`["tail", "<absolute path of the file>"]\`.` + (p.follow ? ' The workshop\'s `tail` has no options: it always follows the file, even when it is rotated.' : ''),
    fix: () => 'Use `args: ["tail", "/var/log/app/app.log"]` with the same path as `LOG_FILE` (as seen from the sidecar\'s mount).',
  },
  'observability.tailWithoutLogFile': {
    what: (p) => `Cannot check what the sidecar follows: the container ${code(p.app)} does not yet write its log to \`LOG_FILE\` inside an \`emptyDir\`.`,
    fix: () => 'First fix the rubric line about `LOG_FILE`.',
  },
  'observability.tailNotMounted': {
    what: (p) => `The sidecar follows ${shownPath(p)}, but that path is not on any volume mounted in the sidecar: it will never see what the application writes, which is in the volume ${code(p.volume)}.`,
    fix: (p) => `Mount the volume \`${p.volume}\` in the sidecar too (\`volumeMounts\`) and follow the file inside that mount.`,
  },
  'observability.tailOtherFile': {
    what: (p) =>
      `The sidecar follows ${shownPath(p)} (${place(p.read)}), but the application writes ${place(p.logged)}` +
      (p.sameVolume ? ': it is another file in the same volume.' : ': they are different volumes, each container sees its own.'),
    fix: () => 'Each container sees the volume at its own `mountPath`: the `tail` path minus the sidecar\'s `mountPath` must equal the `LOG_FILE` path minus the application\'s.',
    hint: '`tail` waits silently for the file to appear: with a wrong path the sidecar does not fail, it just shows nothing.',
  },
  'observability.annotationsMissing': {
    what: (p) => `The Pod template has no Prometheus annotations: Prometheus would not know it should read ${code(p.path)}.`,
    fix: (p) =>
      `Add to \`spec.template.metadata.annotations\`: \`prometheus.io/scrape: "true"\`, \`prometheus.io/path: ${p.path}\` and \`prometheus.io/port: "${p.port}"\`.`,
    hint: 'They are not part of Kubernetes but a widespread Prometheus convention.',
  },
  'observability.annotationsMisplaced': {
    what: (p) => `The Prometheus annotations are in the metadata of the ${p.kind}, but Prometheus discovers Pods and looks at each Pod's annotations.`,
    fix: () => 'Move them to `spec.template.metadata.annotations`, next to the template\'s labels.',
  },
  'observability.annotationMissing': {
    what: (p) => `The annotation \`${p.key}\` is missing.`,
    fix: (p) => `Add \`${p.key}: "${p.value}"\`.`,
  },
  'observability.annotationNotString': {
    what: (p) => `The annotation \`${p.key}\` is ${code(p.actual)}, which YAML reads as ${typeof p.actual === 'boolean' ? 'a boolean' : typeof p.actual === 'number' ? 'a number' : 'something else'}; annotations are always text and the API rejects the object.`,
    fix: (p) => `Write it in quotes: \`${p.key}: "${p.value}"\`.`,
  },
  'observability.annotationValue': {
    what: (p) =>
      `The annotation \`${p.key}\` is ${code(p.actual)}; expected ${code(p.value)}.` +
      (p.isPortName ? ' Prometheus uses this value as is, as a port number: a name such as `http` does not work.' : ''),
    fix: (p) => `Set \`${p.key}: "${p.value}"\`.`,
  },
  // Live
  'live.restarted': {
    what: (p) => `The container ${code(p.container)} of the Pod \`${p.pod}\` has restarted ${p.restarts} ${p.restarts === 1 ? 'time' : 'times'}; no restarts were expected.` + evidence(p.evidence),
    fix: (p) =>
      `A restart is caused by a failing liveness probe (check its path and port), a program that exits (check \`args\`) or running out of memory (OOMKilled). To see it yourself: \`kubectl -n ${p.namespace} describe pod ${p.pod}\` and \`kubectl -n ${p.namespace} logs ${p.pod} -c ${p.container} --previous\`.`,
  },
  'live.livenessFailing': {
    what: (p) => `The liveness probe of the container ${code(p.container)} (Pod \`${p.pod}\`) is failing: ${p.message}. Once it fails ${p.threshold} ${p.threshold === 1 ? 'time' : 'times'} in a row, Kubernetes will restart the container, again and again.`,
    fix: (p) => `The server answers, but not successfully: check the path of \`livenessProbe\` (\`/healthz\`). To see it yourself: \`kubectl -n ${p.namespace} get events --field-selector reason=Unhealthy\`.`,
  },
  'live.restartsUnwatched': {
    what: (p) => `Could not watch the ${p.kind} \`${p.name}\` long enough for its liveness probes to run: it is unknown whether its containers restart.`,
    fix: () => 'Run the grader again; if it happens again, check whether the cluster answers with `kubectl get nodes` (E25).',
  },
  'live.containerMissing': {
    what: (p) => `The Pod \`${p.pod}\` has no container ${code(p.container)} (it has: ${p.names}), so there is no log to read.`,
    fix: (p) => `Declare \`${p.container}\` in the Pod template (see the lines of the static level).`,
  },
  'live.scrape': {
    what: (p) => `Requested the way Prometheus would, \`${p.url}\` did not answer as expected (${p.expected}); it answered: ${String(p.got).trim()}.`,
    fix: () => 'Prometheus requests the path in `prometheus.io/path` on the port in `prometheus.io/port`: they must be `/metrics` and the port `serve` listens on.',
  },
};
