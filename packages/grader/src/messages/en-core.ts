// English core catalogue: the counterpart of the entries es.ts defines itself (not its spread-in
// per-domain files). Each entry says what is wrong, and optionally what to do and a hint.
import type { Catalogue } from './types.ts';
import { code, maybe } from './format.ts';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true/false)',
  object: 'an object (key: value)',
  array: 'a list',
  list: 'a list',
  intOrString: 'a number or a port name',
  quantity: 'a quantity such as `250m` or `128Mi`',
  undefined: 'nothing',
};
const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

export const enCore: Catalogue = {
  // Files and folders
  'submission.missing': {
    what: (p) => `The folder to grade does not exist: ${code(p.dir)}.`,
    fix: () => '`TALLER_SUBMISSION` must point to a folder with the same layout as the exercise (for example `solutions/07-deployment-service`).',
  },
  'folder.missing': {
    what: (p) => `There is no ${code(p.folder)} folder in ${code(p.dir)}.`,
    fix: () => 'Create it and put your manifests there (`.yaml`, `.yml` or `.json`).',
  },
  'folder.noManifests': {
    what: (p) => `The ${code(p.folder)} folder has no \`.yaml\`, \`.yml\` or \`.json\` file.`,
    fix: () => 'Write your manifests in that folder.',
  },
  'file.tooLarge': {
    what: (p) => `The file is ${((p.size as number) / 1048576).toFixed(1)} MB; the grader does not read files larger than ${((p.max as number) / 1048576).toFixed(0)} MB.`,
    fix: () => 'A manifest is a few KB: check that you did not save something else there.',
  },
  'file.unreadable': {
    what: () => 'The file cannot be read (is it a broken symbolic link, or are permissions missing?).',
    fix: () => 'Replace it with a regular file holding your manifests, or remove it from the folder.',
  },
  'file.noPermission': {
    what: (p) => `You have no permission to read ${code(p.file)} (${p.errno}): this happens when \`sudo\` or a container created it, owned by root. The rest of the folder is graded anyway.`,
    fix: (p) => `Take your files back: \`sudo chown -R $(id -u) ${p.dir}\`.`,
  },
  'file.outsideSubmission': {
    what: (p) => `${code(p.file)} is a symbolic link that leaves the folder being graded (it leads to ${code(p.target)}); the grader does not follow it.`,
    fix: () => 'Put a regular file with your own content in its place: what is graded is what is in your folder, not outside it. Links between files of the same folder are fine.',
  },
  'file.notRegular': {
    what: () => 'This is not a regular file (it is a pipe, a socket or a device).',
    fix: () => 'Remove it from the folder: the grader only reads text files.',
  },
  'file.binary': {
    what: () => 'The file is not text (it contains null bytes).',
    fix: () => 'Save the manifests as UTF-8 text, or move that file out of the folder.',
  },
  'file.notUtf8': {
    what: () => 'The file is not UTF-8.',
    fix: () => 'Save it with UTF-8 encoding (your editor offers this in "Save As").',
  },
  'file.empty': {
    what: () => 'The file is empty or only has comments; it contributes no object.',
  },
  'yaml.syntax': {
    what: (p) => `The YAML cannot be read: ${translateYaml(p.yamlCode, p.detail)}`,
    fix: () => 'Check the indentation (spaces only, never tabs) and the `:` on that line and the one before.',
    hint: 'One `key: value` per line; list items start with `- ` and line up with each other.',
  },
  'yaml.duplicateKey': {
    what: () => 'A key is repeated in the same object; Kubernetes would keep only one of the two.',
    fix: () => 'Keep the key only once and merge its content there.',
  },
  'yaml.aliasBomb': {
    what: (p) => `The document uses too many YAML aliases (\`*anchor\`), more than ${p.max}; the grader does not expand them, so as not to run out of memory.`,
    fix: () => 'Write the values out directly instead of chaining anchors and aliases.',
  },
  // Objects
  'object.notMapping': {
    what: () => 'This document is not a Kubernetes object (it must be a map with `apiVersion`, `kind` and `metadata`).',
    fix: () => 'Check that no indentation is missing and that there is no extra `-` at the start.',
  },
  'object.noKind': {
    what: () => 'The object has no `kind`.',
    fix: () => 'Add `kind:` with the object type, for example `kind: Deployment`.',
  },
  'object.noApiVersion': {
    what: (p) => `The ${code(p.kind)} object has no \`apiVersion\`.`,
    fix: () => 'Add `apiVersion:` (for example `v1` for Pod and Service, `apps/v1` for Deployment, `batch/v1` for Job and CronJob).',
  },
  'object.noName': {
    what: (p) => `The ${p.kind} has no \`metadata.name\`.`,
    fix: () => 'Give it a name in `metadata.name`.',
  },
  'object.unknownKind': {
    what: (p) => `Kubernetes 1.34 has no object type ${code(p.kind)}.${maybe(p.suggestion, (s) => ` Did you mean ${code(s)}?`)}`,
    fix: () => 'Types are case-sensitive: `Deployment`, `Service`, `ConfigMap`…',
  },
  'object.apiVersionRemoved': {
    what: (p) => `\`${p.apiVersion}\` no longer exists for ${p.kind}: Kubernetes removed it in version ${p.removedIn}.`,
    fix: (p) => `Use \`apiVersion: ${p.use}\`.`,
    hint: 'Many old tutorials use removed apiVersions; the Kubernetes 1.34 API reference gives the current one.',
  },
  'object.apiVersionWrong': {
    what: (p) => `${p.kind} does not exist in \`${p.apiVersion}\`.`,
    fix: (p) => `Use \`apiVersion: ${p.use}\`.`,
  },
  'object.duplicate': {
    what: (p) => `The ${p.kind} ${code(p.name)} is defined twice (the other one in ${p.other}).`,
    fix: () => 'Keep a single definition: when applied, the second would overwrite the first.',
  },
  'object.clusterScoped': {
    what: (p) => `${p.kind} is a cluster-wide object, not a namespaced one, and this exercise does not accept it.`,
    fix: () => 'Remove that object: the exercise only needs objects that live inside a namespace.',
  },
  'object.namespaceSet': {
    what: (p) => `\`metadata.namespace: ${p.namespace}\` is ignored: the grader applies your objects in a namespace of its own for each run.`,
    fix: () => 'You can remove `metadata.namespace`; that way your manifests work in any namespace.',
  },
  'line.dependsOn': {
    what: (p) => `depends on «${p.line}», which fails: fix that first`,
  },
  'object.missing': {
    what: (p) =>
      `Cannot find the ${p.kind} ${code(p.name)} in ${code(p.folder)}.` +
      maybe(p.suggestion, (s) => ` Did you mean ${s}?`) +
      maybe(p.found, (s) => ` Objects found: ${s}.`) +
      maybe(p.notes, (s) => ` ${s}`),
    fix: (p) => `Create an object with \`kind: ${p.kind}\` and \`metadata.name: ${p.name}\` in any file in ${code(p.folder)}.`,
  },
  // Schema
  'schema.unknownField': {
    what: (p) =>
      `Field ${code(p.field)} does not exist${p.type ? ` in ${p.type}` : ''}.` +
      maybe(p.suggestion, (s) => ` Did you mean ${code(s)}?`),
    fix: () => 'Kubernetes rejects unknown fields: fix the name (case matters) or the indentation that put it there.',
  },
  'schema.required': {
    what: (p) => `Required field ${code(p.field)}${p.type ? ` of ${p.type}` : ''} is missing.`,
    fix: (p) => `Add \`${p.field}:\`.`,
  },
  'schema.type': {
    what: (p) =>
      `This field must be ${typeName(p.expected)}, but it is ${typeName(p.actual)}${p.value !== undefined && typeof p.value !== 'object' ? ` (${code(p.value)})` : ''}.`,
    fix: (p) =>
      p.expected === 'string' && (p.actual === 'integer' || p.actual === 'number' || p.actual === 'boolean')
        ? 'Put it in quotes so YAML reads it as text (for example `"1"` or `"true"`).'
        : p.expected === 'integer' && p.actual === 'string'
          ? 'Remove the quotes: it is a number.'
          : 'Check the value and the indentation of that field.',
  },
  'schema.quantity': {
    what: (p) => `${code(p.value)} is not a valid Kubernetes quantity.${maybe(p.suggestion, (s) => ` Did you mean ${code(s)}?`)}`,
    fix: () => 'CPU in millicores (`250m`) or cores (`0.5`); memory in `Mi` or `Gi` (`128Mi`).',
  },
  'schema.enum': {
    what: (p) =>
      `${code(p.value)} is not an allowed value. Possible values: ${((p.allowed as unknown[] | undefined) ?? []).map(code).join(', ')}.` +
      maybe(p.suggestion !== p.value ? p.suggestion : undefined, (s) => ` Did you mean ${code(s)}?`),
    fix: () => 'Case matters: write the value exactly as it appears in the list.',
  },
  // Fields
  'field.missing': {
    what: (p) => `${code(p.field)} is missing${maybe(p.expected, (s) => ` (expected ${s})`)}.`,
    fix: (p) => maybe(p.expected, (s) => `Add that field with ${s}.`),
  },
  'field.value': {
    what: (p) => `${code(p.field)} is ${code(p.actual)}; expected ${p.expected}.`,
  },
  'field.noKeyMatching': {
    what: (p) => `${code(p.field)} has no key ${p.description}${maybe(p.keys, (s) => ` (it has: ${s})`)}.`,
  },
  'container.missing': {
    what: (p) => `The ${p.kind} ${code(p.name)} has no container named ${code(p.container)}.${maybe(p.found, (s) => ` Containers: ${s}.`)}`,
    fix: (p) => `Name the container \`name: ${p.container}\` in the Pod template.`,
  },
  'env.missing': {
    what: (p) => `The container does not define the variable ${code(p.name)}.`,
    fix: (p) => `Add to \`env\`: \`- name: ${p.name}\` with \`value: "${p.value}"\`.`,
  },
  'env.value': {
    what: (p) => `The variable ${code(p.name)} is ${code(p.actual)}; expected ${code(p.value)}.`,
  },
  'port.missing': {
    what: (p) => `The container does not declare port ${p.port}${maybe(p.portName, (s) => ` named ${code(s)}`)}.`,
    fix: (p) => `Add to \`ports\`: \`- containerPort: ${p.port}\`${maybe(p.portName, (s) => ` and \`name: ${s}\``)}.`,
  },
  'port.name': {
    what: (p) => `Port ${p.port} is named ${code(p.actual)}; expected ${code(p.portName)}.`,
  },
  // Images
  'image.value': {
    what: (p) => `The image is ${code(p.actual)}; expected ${code(p.expected)}.`,
    fix: (p) => `Use \`image: ${p.expected}\`.`,
  },
  'image.pullAlways': {
    what: (p) => `\`imagePullPolicy: Always\` with ${code(p.image)}: the cluster would try to pull it from a registry, and this image only exists on your machine.`,
    fix: () => 'Use `imagePullPolicy: IfNotPresent` (or leave the field out).',
    hint: 'The grader builds the workshop image and loads it into the cluster; there is no registry to pull it from.',
  },
  'args.value': {
    what: (p) => `The container starts with ${code(p.actual)}; \`args\` is expected to be ${code(p.expected)}.`,
    fix: (p) => `Use \`args: ${JSON.stringify(p.expected)}\`. Do not override \`command\`: the image already knows how to start the program.`,
  },
  'args.subcommand': {
    what: (p) => `The container does not start the ${code(p.subcommand)} subcommand (it starts with ${code(p.actual)}).`,
    fix: (p) => `Start \`args\` with \`"${p.subcommand}"\` and leave \`command\` alone: the image already knows how to start the program.`,
  },
  // Selectors and Services
  'selector.missing': {
    what: () => 'The Deployment has no `spec.selector`.',
    fix: () => 'Add `spec.selector.matchLabels` with the same labels as `spec.template.metadata.labels`.',
  },
  'selector.mismatch': {
    what: (p) => `The selector asks for ${p.selector}, but the template labels its Pods ${p.labels}: the Deployment would not recognize its own Pods.`,
    fix: () => 'Every label in `spec.selector.matchLabels` must also be in `spec.template.metadata.labels`, with the same value.',
    hint: 'The API rejects a Deployment whose selector does not match its template ("selector does not match template labels").',
  },
  'service.noSelector': {
    what: () => 'The Service has no `spec.selector`: it would send traffic to no Pod.',
    fix: (p) => `Add \`spec.selector\` with the labels of the Pods of ${code(p.workload)}.`,
  },
  'service.selectsNothing': {
    what: (p) => `The Service selector (${p.selector}) does not match the labels of the Pods of ${code(p.workload)} (${p.labels}).`,
    fix: () => 'Copy the Pod template labels into `spec.selector` (a subset that identifies them is enough).',
    hint: 'A Service with no matching Pods has no endpoints: requests fail with "connection refused".',
  },
  'service.type': {
    what: (p) => `The Service is of type ${code(p.actual)}; expected ${code(p.expected)}.`,
  },
  'service.portMissing': {
    what: (p) => `The Service does not expose port ${p.port}.`,
    fix: (p) => `Add to \`spec.ports\`: \`- port: ${p.port}\` with its \`targetPort\`.`,
  },
  'service.targetPort': {
    what: (p) => `The \`targetPort\` ${code(p.target)} does not match any container port of ${code(p.workload)}${maybe(p.ports, (s) => ` (it declares: ${s})`)}.`,
    fix: () => 'Use the name of the container port (`http`) or its number (`containerPort`).',
    hint: 'Without `targetPort`, Kubernetes uses the same number as `port`: a Service on 80 would look for port 80 in the container.',
  },
  // Probes and resources
  'probe.missing': {
    what: (p) => `The container has no \`${p.probe}\`.`,
    fix: (p) => `Add \`${p.probe}\` with \`httpGet\` on the path ${code(p.path)}.`,
    hint: 'A readiness probe keeps the Service from sending traffic to a Pod that cannot serve it yet.',
  },
  'probe.wrong': {
    what: (p) => `\`${p.probe}\` checks ${p.actual}; expected ${p.expected}.`,
  },
  'resources.requestMissing': {
    what: (p) => `The container ${code(p.container)} does not request ${p.resource === 'cpu' ? 'CPU' : 'memory'} (\`resources.requests.${p.resource}\`).`,
    fix: () => 'Add `resources.requests` with `cpu` (for example `100m`) and `memory` (for example `64Mi`).',
    hint: 'The scheduler places Pods on nodes according to what they request: without requests, a node can fill up without anyone knowing.',
  },
  'resources.limitMissing': {
    what: (p) => `The container ${code(p.container)} has no ${p.resource === 'cpu' ? 'CPU' : 'memory'} limit (\`resources.limits.${p.resource}\`).`,
    fix: (p) => `Add \`resources.limits.${p.resource ?? 'memory'}\`, equal to or greater than what it requests.`,
  },
  'resources.limitBelowRequest': {
    what: (p) => `The ${p.resource === 'cpu' ? 'CPU' : 'memory'} limit (${code(p.limit)}) is lower than what it requests (${code(p.request)}).`,
    fix: () => 'The limit must be greater than or equal to the request; the API rejects the opposite.',
  },
  // Jobs and CronJobs
  'job.restartPolicy': {
    what: (p) => `\`restartPolicy: ${p.actual ?? 'Always'}\` is not valid for a Job.`,
    fix: () => 'A Job finishes: use `restartPolicy: Never` or `OnFailure`.',
  },
  'job.bound': {
    what: (p) => `${code(p.field)} ${p.actual === undefined ? 'is not set' : `is ${code(p.actual)}`}; expected ${p.expected}.`,
    fix: (p) => `Set \`${p.leaf}\` to a value ${p.expected}.`,
    hint: 'Without these limits, a broken Job retries forever and its finished Pods pile up.',
  },
  'job.argsMissing': {
    what: (p) => `The arguments do not include ${code(p.flag)}.`,
    fix: (p) => `Add \`${p.flag}\` followed by a path to \`args\`.`,
  },
  'job.mountMismatch': {
    what: (p) => `${code(p.flag)} points to ${code(p.path)}, but no ${p.volume} volume is mounted there${maybe(p.mounts, (s) => ` (mounts: ${s})`)}.`,
    fix: (p) => `Mount ${p.volume} at ${code(p.path)} or change \`${p.flag}\` to point to its \`mountPath\`.`,
  },
  'job.configMapName': {
    what: (p) => `The volume ${code(p.volume)}, which \`--entrada\` reads at ${code(p.path)}, uses the ConfigMap ${code(p.actual)}; expected ${code(p.expected)}.`,
    fix: (p) => `Set \`configMap.name: ${String(p.expected)}\` in that volume: a ConfigMap that does not exist leaves the Pod in \`ContainerCreating\` forever.`,
  },
  'job.salidaReadOnly': {
    what: (p) => `\`--salida\` (${code(p.path)}) is inside a read-only mount (${code(p.mount)}): the program could not write.`,
    fix: (p) =>
      p.readOnlyMount
        ? `Remove \`readOnly: true\` from the mount ${code(p.mount)}: \`--salida\` needs to write there.`
        : 'Mount a writable volume (for example an `emptyDir`) outside the ConfigMap and point `--salida` at it.',
  },
  'cron.invalid': {
    what: (p) =>
      String(p.schedule ?? '').trim() === ''
        ? 'The `schedule` field is empty: the five-field cron expression is missing.'
        : `${code(p.schedule)} is not a valid five-field cron expression: ${p.reason}.`,
    fix: () => 'Format: `minute hour day-of-month month day-of-week`, for example `0 2 * * *`.',
  },
  'cron.tzPrefix': {
    what: () => 'The `schedule` has a `CRON_TZ=` or `TZ=` prefix, which Kubernetes does not accept.',
    fix: () => 'Remove the prefix and put the time zone in `spec.timeZone`.',
  },
  'cron.notDaily': {
    what: (p) => `${code(p.schedule)} does not run every day at ${p.expected}.`,
    fix: (p) => `For every day at ${p.expected ?? '02:00'} use ${code(p.example ?? '0 2 * * *')}.`,
  },
  'cron.timeZone': {
    what: (p) => (p.actual === undefined ? '`spec.timeZone` is missing.' : `${code(p.actual)} is not a valid IANA time zone.`),
    fix: () => 'Use an IANA name such as `Europe/Madrid` or `America/Bogota`; without it, the time depends on the controller clock.',
  },
  'cron.notOnceADay': {
    what: (p) => `${code(p.schedule)} does not run once a day.`,
    fix: () => 'Fix one minute and one hour and leave the rest as `*`: `0 6 * * *` is every day at 06:00 (or `@daily`, at 00:00).',
  },
};

function translateYaml(yamlCode: unknown, detail: unknown): string {
  const known: Record<string, string> = {
    BAD_INDENT: 'the indentation is inconsistent.',
    TAB_AS_INDENT: 'there is a tab in the indentation; YAML only allows spaces.',
    BLOCK_AS_IMPLICIT_KEY: 'there is a nested map where a plain value was expected (a missing line break or an extra `:`?).',
    MULTILINE_IMPLICIT_KEY: 'a key spans several lines (a missing `:`?).',
    MISSING_CHAR: 'a closing character is missing (quotes, `]` or `}`).',
    UNEXPECTED_TOKEN: 'there is an unexpected symbol.',
    BAD_ALIAS: 'an alias (`*name`) is not valid.',
    BAD_SCALAR_START: 'a value starts with a reserved character (put it in quotes).',
    BLOCK_IN_FLOW: 'there is a block inside a list or map written with brackets or braces.',
    UNEXPECTED_SCALAR_AT_NODE_END: 'there is extra text at the end of a value.',
    BAD_DIRECTIVE: 'a `%` directive is not valid.',
  };
  const text = known[String(yamlCode)] ?? 'the structure is not valid.';
  return `${text} (${String(detail)})`;
}
