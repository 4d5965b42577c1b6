// Messages of exercise 09: ConfigMap, Secret and the Kustomize layout (static and live).
import type { Catalogue } from './types.ts';
import { code, enEvidence as evidence, maybe } from './format.ts';

const layer = (p: Record<string, unknown>) => (p.overlay ? `the overlay ${code(p.overlay)}` : 'the overlay');
const Layer = (p: Record<string, unknown>) => `T${layer(p).slice(1)}`;

export const enConfig: Catalogue = {
  // The layout
  'kustomize.baseMissing': {
    what: (p) => `There is no ${code(`${p.dir ?? 'k8s/base'}/kustomization.yaml`)}: the base that the overlays share is missing.`,
    fix: (p) => `Create the folder ${code(p.dir ?? 'k8s/base')} with a \`kustomization.yaml\` that lists your manifests under \`resources\`.`,
    hint: 'The base holds what every environment has in common; each overlay only states what changes.',
  },
  'kustomize.overlayMissing': {
    what: (p) => `There is no ${code(`${p.dir ?? 'k8s/overlays/…'}/kustomization.yaml`)}: ${layer(p)} is missing.`,
    fix: (p) => `Create that folder with a \`kustomization.yaml\` that has \`resources: [${p.base ? `"../../${String(p.base).split('/').pop()}"` : '"../../base"'}]\`.`,
  },
  'kustomize.overlayWithoutBase': {
    what: (p) => `${Layer(p)} is not built on top of the base ${code(p.base ?? 'k8s/base')}${maybe(p.listed, (s) => ` (its \`resources\`: ${s})`)}.`,
    fix: (p) => `Add the path of the base, relative to the overlay, to \`resources\`: ${code(p.relative ?? '../../base')}.`,
    hint: 'An overlay without the base would have to repeat every manifest, which is exactly what Kustomize avoids.',
  },
  'kustomize.unknownField': {
    what: (p) => `A \`kustomization.yaml\` has the field ${code(p.field)}, which Kustomize does not know.${maybe(p.suggestion, (s) => ` Did you mean ${code(s)}?`)}`,
    fix: () => 'Fix the name (case matters) or the indentation; the usual fields are `resources`, `patches`, `replicas`, `configMapGenerator` and `secretGenerator`.',
  },
  'kustomize.nameAffix': {
    what: (p) => `\`${p.field ?? 'namePrefix'}\` changes the name of every object, and in this exercise the names are fixed (\`app-config\`, \`app-credenciales\`, \`app-configurada\`).`,
    fix: (p) => `Remove \`${p.field ?? 'namePrefix'}\`. Environments are told apart with namespaces or labels (\`labels\`), not with different names.`,
    hint: 'Generators may still add their `-<hash>` suffix: the grader recognises it.',
  },
  'kustomize.remote': {
    what: (p) => `${code(p.entry)} is a remote resource: the grader does not download anything from the network.`,
    fix: () => 'Copy what you need into your `k8s/` folder and list it with a local path.',
  },
  'kustomize.outside': {
    what: (p) => `${code(p.entry)} leads out of the folder being graded (a path with too many \`..\`, an absolute one, or a symbolic link that leaves it): the grader does not read it nor lets \`kubectl kustomize\` read it.`,
    fix: () => 'Copy what you need into your `k8s/` folder and name it with a relative path that stays inside.',
  },
  // kubectl kustomize
  'kustomize.noKustomization': {
    what: (p) => `The folder ${code(p.dir ?? 'k8s/…')} has no \`kustomization.yaml\`, and ${layer(p)} uses it as if it were a kustomization.`,
    fix: () => 'Add a `kustomization.yaml` there or, if you meant a single file, list it by its name (`deployment.yaml`) instead of the folder.',
  },
  'kustomize.fileMissing': {
    what: (p) => `While building ${layer(p)}, ${code(p.file ?? 'a file')} is missing.`,
    fix: () => 'Create that file or fix the path in the `kustomization.yaml` that names it: paths are relative to the folder of that `kustomization.yaml`.',
  },
  'kustomize.outsideRoot': {
    what: (p) => `Kustomize does not allow reading ${code(p.file ?? 'that file')} from ${code(p.dir ?? 'the overlay')}: a generator only reads files in its own folder or in folders below it.`,
    fix: () => 'Put the generator in the kustomization of the folder where the file is (usually the base), or copy the file next to the overlay.',
    hint: '`resources` may point to another folder that has a `kustomization.yaml` (`../../base`); loose files from outside may not.',
  },
  'kustomize.patchTarget': {
    what: (p) => `A patch in ${layer(p)} targets the ${p.kind ?? 'object'} ${code(p.name ?? '?')}, which is not among the objects the overlay builds.`,
    fix: () => 'The patch must have the same `kind` and `metadata.name` as the object in the base (without a generator\'s `-<hash>` suffix).',
  },
  'kustomize.mergeMissing': {
    what: (p) => `${Layer(p)} merges (\`behavior: merge\` or \`replace\`) the ${p.kind ?? 'ConfigMap'} ${code(p.name ?? '?')}, but the base does not define it.`,
    fix: () => 'Use the same `name` as the ConfigMap or Secret in the base, or remove `behavior` to create a new one.',
  },
  'kustomize.generatorExists': {
    what: (p) => `${Layer(p)} generates the ${p.kind ?? 'ConfigMap'} ${code(p.name ?? '?')} again, and it already comes from the base: Kustomize does not know whether to replace it or merge it.`,
    fix: () => 'Add `behavior: merge` to that generator to change only the keys you write (or `behavior: replace` to replace it whole).',
  },
  'kustomize.replicasTarget': {
    what: (p) => `\`replicas\` names ${code(p.name ?? '?')}, and there is no Deployment with that name in ${layer(p)}.`,
    fix: () => 'In `replicas`, `name` is the name of the Deployment (`app-configurada`).',
  },
  'kustomize.duplicateId': {
    what: (p) => `While building ${layer(p)}, the object ${code(p.id ?? '?')} appears twice.`,
    fix: () => 'Each object must come in only once: do not list in the overlay a file that is already in the base; to change it, use a patch.',
  },
  'kustomize.failed': {
    what: (p) => `\`kubectl kustomize\` cannot build ${layer(p)}: ${p.detail ?? 'unknown error'}`,
    fix: (p) => `Run \`kubectl kustomize ${p.overlayDir ?? 'k8s/overlays/…'}\` yourself to see the full error.`,
  },
  'kustomize.timeout': {
    what: (p) => `\`kubectl kustomize\` did not finish building ${layer(p)} within 30 s.`,
    fix: () => 'Is it downloading something from the network (a remote resource, a Helm chart)? Use local files only.',
  },
  'kustomize.notBuilt': {
    what: (p) => `${Layer(p)} does not build, so this cannot be checked.`,
    fix: () => 'First fix what the line “las dos capas se construyen con `kubectl kustomize`…” reports.',
  },
  'kustomize.objectMissing': {
    what: (p) =>
      `Cannot find the ${p.kind ?? 'object'} ${code(p.name ?? '?')} in what ${layer(p)} builds (\`kubectl kustomize ${p.dir ?? '…'}\`).` +
      maybe(p.suggestion, (s) => ` Did you mean ${s}?`) +
      maybe(p.found, (s) => ` Objects built: ${s}.`),
    fix: (p) => `Define the ${p.kind ?? 'object'} with \`metadata.name: ${p.name ?? '…'}\` in the base and list its file under \`resources\` in its \`kustomization.yaml\` (or create it with a generator).`,
  },
  'kustomize.onlyIn': {
    what: (p) => {
      const ok = Array.isArray(p.passing) && p.passing.length ? ` (it passes in ${p.passing.map((s) => code(s)).join(' and ')})` : '';
      return `It only fails in ${layer(p)}${ok}: the difference lies in what each overlay changes from the base; compare them with \`kubectl kustomize ${p.dir ?? 'k8s/overlays/…'}\`.`;
    },
  },
  'kustomize.refMissing': {
    what: (p) =>
      `${Layer(p)} refers to the ${p.kind ?? 'object'} ${code(p.name ?? '?')}, which does not exist in what the overlay builds${maybe(p.found, (s) => ` (there is: ${s})`)}.`,
    fix: (p) =>
      p.typedHash
        ? 'Do not type the `-<hash>` suffix by hand: use the generator\'s name and Kustomize adds the suffix and updates the references.'
        : 'Use the exact name of the object; if a generator creates it, the generator\'s name (without the `-<hash>` suffix).',
    hint: 'A Pod that uses a ConfigMap or Secret that does not exist stays in `CreateContainerConfigError`.',
  },
  'kustomize.refKeyMissing': {
    what: (p) => `The ${p.kind ?? 'object'} ${code(p.name ?? '?')} has no key ${code(p.key ?? '?')}${maybe(p.keys, (s) => ` (it has: ${s})`)}.`,
    fix: () => 'Use a key that exists (case matters) or add it to the ConfigMap or Secret.',
    hint: 'A key that does not exist leaves the Pod in `CreateContainerConfigError`.',
  },
  'kustomize.overlayReplicas': {
    what: (p) => `In ${layer(p)}, the Deployment ${code(p.deployment ?? 'app-configurada')} has ${p.actual ?? '?'} replica${p.actual === 1 ? '' : 's'}; expected ${p.expected ?? '?'}.`,
    fix: (p) =>
      `Change it in the overlay, not in the base: in ${code(`${p.dir ?? 'k8s/overlays/produccion'}/kustomization.yaml`)} add \`replicas: [{name: ${p.deployment ?? 'app-configurada'}, count: ${p.expected ?? 3}}]\` (or a patch with \`spec.replicas\`).`,
    hint: 'That way development keeps few replicas and production gets its own.',
  },
  'kustomize.overlayEnv': {
    what: (p) =>
      `In ${layer(p)}, the variable ${code(p.name ?? '?')} ${p.actual === undefined ? 'does not reach the container' : `is ${code(p.actual)}`}${maybe(p.from, (s) => ` (it comes ${s})`)}; expected ${code(p.expected ?? '?')}.`,
    fix: (p) =>
      `Change the value in this overlay only: in ${code(`${p.dir ?? 'k8s/overlays/produccion'}/kustomization.yaml`)}, a \`configMapGenerator\` with \`behavior: merge\` and \`literals: ["${p.name ?? 'APP_ENTORNO'}=${p.expected ?? ''}"]\`, or a patch of the ConfigMap with that value in \`data\`.`,
  },
  'kustomize.changed': {
    what: (p) =>
      `What ${code(p.dir ?? 'k8s/base')} renders is no longer what you were given: in the ${p.kind ?? 'object'} ${code(p.name ?? '?')}, ${p.actual === undefined ? `${code(p.key ?? '?')} is missing` : `${code(p.key ?? '?')} is ${code(p.actual)}`}; expected ${code(p.expected ?? '?')}.`,
    fix: () => 'Leave the base and the `desarrollo` overlay as they were and put the production changes only in `k8s/overlays/produccion/kustomization.yaml`.',
    hint: 'What you change in the base changes every overlay that uses it.',
  },
  // ConfigMap and Secret
  'config.keysMissing': {
    what: (p) => `The ${p.kind ?? 'object'} ${code(p.name ?? '?')} is missing ${String(p.missing ?? '').includes(',') ? 'the keys ' : 'the key '}${p.missing ?? 'keys'}${maybe(p.present, (s) => ` (it has: ${s})`)}.`,
    fix: (p) =>
      p.kind === 'Secret'
        ? 'Add them under `stringData` (plain text) or `data` (base64), or under `literals` if you create it with `secretGenerator`.'
        : 'Add them under `data` (a file such as `ajustes.json` is a key whose value is the content, written with `|`), or under `literals`/`files` if you create it with `configMapGenerator`.',
  },
  'config.jsonInvalid': {
    what: (p) => `The content of ${code(p.key ?? 'ajustes.json')} is not valid JSON (${p.detail ?? 'syntax error'}).`,
    fix: () => 'Check double quotes, commas and braces; with `|` the text is copied as is, indentation included.',
  },
  'config.secretType': {
    what: (p) => `The Secret ${code(p.name ?? 'app-credenciales')} has type ${code(p.actual ?? '?')}; expected ${code(p.expected ?? 'Opaque')}.`,
    fix: () => 'Use `type: Opaque` (the generic key-value type), or leave `type` out.',
    hint: 'Types such as `kubernetes.io/basic-auth` require specific keys (`username`, `password`).',
  },
  'config.envFromMissing': {
    what: (p) => `The container does not take the variables of the ConfigMap ${code(p.configMap ?? 'app-config')} with \`envFrom\`${maybe(p.found, (s) => ` (it takes: ${s})`)}.`,
    fix: (p) => `Add \`envFrom: [{configMapRef: {name: ${p.configMap ?? 'app-config'}}}]\` to the container.`,
    hint: 'With `envFrom`, every key of the ConfigMap becomes an environment variable.',
  },
  'config.envFromPrefix': {
    what: (p) => `\`envFrom\` adds the prefix ${code(p.prefix ?? '')}: the variables would be called \`${p.prefix ?? ''}APP_ENTORNO\`, and the application looks for \`APP_ENTORNO\`.`,
    fix: () => 'Remove `prefix`.',
  },
  'config.secretEnvMissing': {
    what: (p) =>
      `The container does not define the variable ${code(p.variable ?? 'DB_CLAVE')}${p.viaEnvFrom ? ' as a variable of its own (it takes it with `envFrom` from a Secret)' : ''}.`,
    fix: (p) =>
      `Add to \`env\`: \`- name: ${p.variable ?? 'DB_CLAVE'}\` with \`valueFrom: {secretKeyRef: {name: ${p.secret ?? 'app-credenciales'}, key: ${p.key ?? 'DB_CLAVE'}}}\`.`,
  },
  'config.secretEnvNotRef': {
    what: (p) =>
      p.plain
        ? `The variable ${code(p.variable ?? 'DB_CLAVE')} has its value written in the manifest: anyone who reads the Deployment (or the repository) sees the password.`
        : `The variable ${code(p.variable ?? 'DB_CLAVE')} does not come from a Secret${p.fromConfigMap ? ' (it comes from a ConfigMap, which is not meant for credentials)' : ''}.`,
    fix: (p) => `Use \`valueFrom: {secretKeyRef: {name: ${p.secret ?? 'app-credenciales'}, key: ${p.key ?? 'DB_CLAVE'}}}\` instead of \`value\`.`,
  },
  'config.secretEnvWrongRef': {
    what: (p) =>
      `The variable ${code(p.variable ?? 'DB_CLAVE')} comes from the key ${code(p.actualKey ?? '?')} of the Secret ${code(p.actualSecret ?? '?')}; expected the key ${code(p.key ?? 'DB_CLAVE')} of the Secret ${code(p.secret ?? 'app-credenciales')}.`,
    fix: () => 'In `secretKeyRef`, `name` is the name of the Secret and `key` one of its keys.',
  },
  'config.fileNotMounted': {
    what: (p) => `No mount of the container reaches ${code(p.target ?? '/etc/app-datos/ajustes.json')}${maybe(p.mounts, (s) => ` (mounts: ${s})`)}.`,
    fix: (p) =>
      `Declare a volume \`configMap: {name: ${p.configMap ?? 'app-config'}}\` and mount it with \`mountPath: ${p.target ?? '/etc/app-datos/ajustes.json'}\` and \`subPath: ${p.key ?? 'ajustes.json'}\`.`,
    hint: 'With `subPath` you mount a single key as a file, without hiding the rest of the folder.',
  },
  'config.mountDirAtFile': {
    what: (p) =>
      `Without \`subPath\`, Kubernetes mounts the whole volume as a folder at ${code(p.target ?? '/etc/app-datos/ajustes.json')}: the file would end up at ${code(`${p.target ?? '/etc/app-datos/ajustes.json'}/${p.key ?? 'ajustes.json'}`)}.`,
    fix: (p) => `Add \`subPath: ${p.key ?? 'ajustes.json'}\` to that mount, or mount the folder \`/etc/app-datos\` with \`items\` that pick only that key.`,
  },
  'config.fileWrongSource': {
    what: (p) => `At ${code(p.target ?? '/etc/app-datos/ajustes.json')} there is ${p.actual ?? 'something else'}; expected ${p.expected ?? 'the key `ajustes.json` of the ConfigMap `app-config`'}.`,
    fix: () => 'With `subPath`, its value is the key (or the `path` in `items`) of the ConfigMap; without `subPath`, the file is `mountPath` + the key.',
  },
  'config.credentialKey': {
    what: (p) =>
      `The ConfigMap ${code(p.configMap ?? '?')} stores ${code(p.key ?? '?')}, which looks like a credential (${code(p.word ?? '?')}). A ConfigMap is not protected like a Secret: anyone with read access to the namespace can read it.`,
    fix: () => 'Move that key to the Secret `app-credenciales` and, if the container needs it, pass it with `secretKeyRef`.',
  },
  'config.credentialInValue': {
    what: (p) => `The value of ${code(p.key ?? '?')} in the ConfigMap ${code(p.configMap ?? '?')} contains what looks like a credential (${code(p.found ?? '?')}).`,
    fix: () => 'Take the credential out of the file and pass it from the Secret (a variable with `secretKeyRef` or a `secret` volume).',
  },
  // Live
  'live.configShown': {
    what: (p) => `\`${p.url ?? '/config'}\` does not show what is expected (${p.expected ?? '?'}); it shows: ${p.got ?? 'nothing'}.` + evidence(p.evidence),
    fix: () => '`/config` shows the `APP_*` variables and the files in `/etc/app-datos/`: check `envFrom`, the mount of `ajustes.json` and the values of the `produccion` overlay.',
  },
};
