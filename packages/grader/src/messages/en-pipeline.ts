// Messages of the capture pipeline (exercise 14): settings from a ConfigMap, DATA_DIR on a
// PersistentVolumeClaim, the claim itself, and what the live tier sees in the cluster.
import type { Catalogue } from './types.ts';
import { code, enEvidence as evidence } from './format.ts';

export const enPipeline: Catalogue = {
  // Settings from the ConfigMap
  'pipeline.settingMissing': {
    what: (p) => `The ConfigMap has no key ${code(p.key)}${p.near ? ` (it has ${code(p.near)}: is it misspelled?)` : ''}.`,
    fix: (p) => `Add it under \`data\`: \`${p.key}: "${p.example}"\`. \`captura\` reads exactly that name.`,
  },
  'pipeline.settingEmpty': {
    what: (p) => `The key ${code(p.key)} of the ConfigMap is empty.`,
    fix: () => 'Give it a value: the base URL of Wikipedia, or the titles separated by commas.',
  },
  'pipeline.baseUrl': {
    what: (p) => `${code(p.key)} is ${code(p.url)}, which is not an \`http://\` or \`https://\` URL.`,
    fix: () => 'Use the base URL, without the API path: `https://es.wikipedia.org`.',
    hint: '`captura` appends `/w/rest.php/v1/page/<title>/html` to it.',
  },
  'pipeline.title': {
    what: (p) => `In ${code(p.key)}, the title ${code(p.title)} ${p.reason}: \`captura\` would reject it.`,
    fix: () => 'Separate the titles with commas, with no extra commas: `Apache Airflow,Kubernetes`. Spaces are fine (they become `_`).',
  },
  'pipeline.envMissing': {
    what: (p) => `The container does not receive the variable ${code(p.name)}.`,
    fix: (p) =>
      `Take it from the ConfigMap: \`envFrom: [{configMapRef: {name: ${p.configMap}}}]\` brings in all its keys, or in \`env\`: \`- name: ${p.name}\` with \`valueFrom.configMapKeyRef\` (\`name: ${p.configMap}\`, \`key: ${p.name}\`).`,
  },
  'pipeline.envKeyMissing': {
    what: (p) => `\`envFrom\` brings in the ConfigMap ${code(p.configMap)}, but that ConfigMap has no key ${code(p.name)}: the container does not receive that variable.`,
    fix: (p) => `Add \`${p.name}\` under \`data\` in the ConfigMap, spelled the same (including case).`,
  },
  'pipeline.envPrefix': {
    what: (p) => `\`envFrom\` adds the prefix ${code(p.prefix)} to the keys of ${code(p.configMap)}: the variable would arrive as \`${p.prefix}${p.name}\`, and \`captura\` reads ${code(p.name)}.`,
    fix: () => 'Remove `prefix`.',
  },
  'pipeline.envLiteral': {
    what: (p) => `${code(p.name)} is written in the container (${code(p.value)}), so it does not come from the ConfigMap ${code(p.configMap)}: an \`env\` entry wins over \`envFrom\`.`,
    fix: (p) => `Remove that \`env\` entry and let it come from ${code(p.configMap)}.`,
    hint: 'Settings in a ConfigMap can be changed without touching the CronJob; the grader changes the URL there to use its fake Wikipedia.',
  },
  'pipeline.envOther': {
    what: (p) => `${code(p.name)} comes from a \`${p.what}\`, not from the ConfigMap ${code(p.configMap)}.`,
    fix: (p) => `Take it from ${code(p.configMap)} (\`envFrom\` or \`configMapKeyRef\`). A URL and a few titles are not secrets.`,
  },
  'pipeline.envWrongRef': {
    what: (p) => `${code(p.name)} comes from the key ${code(p.actualKey)} of the ConfigMap ${code(p.actualConfigMap)}; expected the key ${code(p.name)} of ${code(p.configMap)}.`,
    fix: (p) => `In \`configMapKeyRef\`: \`name: ${p.configMap}\` and \`key: ${p.name}\`.`,
  },
  'pipeline.flagOverrides': {
    what: (p) => `The arguments include ${code(p.flag)}${p.value ? ` ${code(p.value)}` : ''}, which wins over the variable ${code(p.name)}: whatever the ConfigMap (or \`DATA_DIR\`) says would not be used.`,
    fix: (p) => `Remove ${code(p.flag)} from \`args\`; keep just \`["captura"]\` and pass the settings through the environment (${code(p.name)}).`,
  },
  // The claim
  'pipeline.storage': {
    what: (p) =>
      p.actual === undefined
        ? 'The PVC does not request any storage (`spec.resources.requests.storage`).'
        : `The PVC requests ${code(p.actual)}; expected ${code(p.expected)}.`,
    fix: (p) => `Set \`resources.requests.storage: ${p.expected}\` in the PVC's \`spec\`.`,
  },
  'pipeline.emptyStorageClass': {
    what: () => '`storageClassName: ""` asks for a volume with *no* class: the cluster would not create one and the PVC would stay `Pending` forever.',
    fix: () => 'Remove `storageClassName`: that way the cluster\'s default class is used (`standard` on kind and minikube).',
  },
  'pipeline.namedStorageClass': {
    what: (p) => `The PVC asks for the StorageClass ${code(p.storageClass)}, which exists only in some clusters.`,
    fix: () => 'Remove `storageClassName`: that way the PVC uses the default class of any cluster (`standard` on kind and minikube).',
  },
  // DATA_DIR on the claim
  'pipeline.dataDirMissing': {
    what: (p) => `The container ${code(p.container)} does not define \`DATA_DIR\`: it would not know where the captures are.`,
    fix: (p) => `Add to \`env\`: \`- name: DATA_DIR\` with the path where you mount the PVC ${code(p.claim)} (for example \`value: /capturas\`).`,
  },
  'pipeline.dataDirUnknown': {
    what: (p) => `Cannot tell the value of \`DATA_DIR\` in ${code(p.container)}: it comes from a ConfigMap or key that is not in your manifests, or from a Secret.`,
    fix: () => 'Write it in `env` with `value:` (or in a ConfigMap in your manifests).',
  },
  'pipeline.dataDirRelative': {
    what: (p) => `\`DATA_DIR\` of ${code(p.container)} is ${code(p.dataDir)}, a relative path.`,
    fix: () => 'Use the absolute path of the mount, for example `/capturas`.',
  },
  'pipeline.claimNotUsed': {
    what: (p) => `The Pod template has no volume for the PVC ${code(p.claim)}.`,
    fix: (p) => `Add to \`volumes\`: \`- name: capturas\` with \`persistentVolumeClaim: {claimName: ${p.claim}}\`, and mount it in the container.`,
  },
  'pipeline.claimNotMounted': {
    what: (p) => `The container ${code(p.container)} does not mount the volume of the PVC ${code(p.claim)}${p.mounts ? ` (it mounts: ${p.mounts})` : ''}.`,
    fix: (p) => `Add that volume to \`volumeMounts\` with \`mountPath: ${p.dataDir}\`, the path in \`DATA_DIR\`.`,
  },
  'pipeline.dataDirNotOnClaim': {
    what: (p) => `\`DATA_DIR\` of ${code(p.container)} is ${code(p.dataDir)}, but the PVC ${code(p.claim)} is mounted at ${code(p.mountPath)}: what is written there would not reach the persistent disk${p.mounts ? ` (mounts: ${p.mounts})` : ''}.`,
    fix: (p) => `Make \`DATA_DIR\` ${code(p.mountPath)} (or a folder inside it), or mount the PVC at ${code(p.dataDir)}.`,
    hint: 'Without a volume, what is written goes to the container\'s filesystem and disappears with the Pod.',
  },
  'pipeline.dataDirReadOnly': {
    what: (p) => `${code(p.container)} mounts the PVC ${code(p.claim)} with \`readOnly: true\`, and it has to write to \`DATA_DIR\` (${code(p.dataDir)}).`,
    fix: () => 'Remove `readOnly: true` from that mount (the viewer may mount it read-only).',
  },
  'pipeline.dataDirElsewhere': {
    what: (p) =>
      `The viewer ${code(p.reader)} reads ${p.readerPlace} (\`DATA_DIR=${p.readerDir}\`), but ${code(p.writer)} writes to ${p.writerPlace} (\`DATA_DIR=${p.writerDir}\`): the viewer would not see the captures.`,
    fix: () => 'Mount the PVC the same way in both (same `subPath`, or none) and point both `DATA_DIR` at the same folder of the mount.',
  },
  'pipeline.readerWritable': {
    what: (p) => `The viewer ${code(p.reader)} mounts the PVC ${code(p.claim)} writable, and it only has to read.`,
    fix: () => 'Add `readOnly: true` to that mount in `volumeMounts` (or to the volume\'s `persistentVolumeClaim`).',
    hint: 'Least privilege: if the viewer had a bug, it could not delete or change the captures.',
  },
  // Live
  'pipeline.podSecurity': {
    what: (p) => `In a namespace with the \`restricted\` standard, the cluster rejects the Pods of the ${p.kind} ${code(p.name)}: ${p.message}`,
    fix: () => 'Add what each point of the message asks for to the `securityContext` of the Pod or the container; see docs/seguridad.md.',
    hint: 'Pod Security does not reject the CronJob or the Deployment: it rejects the Pods they create later, and the Job or the ReplicaSet is left without Pods (FailedCreate event).',
  },
  'pipeline.jobPodsRefused': {
    what: (p) => `The Job \`${p.name}\` could not create its Pods.` + evidence(p.evidence),
    fix: (p) => `Read the FailedCreate event: \`kubectl -n ${p.namespace} describe job ${p.name}\`.`,
  },
  'pipeline.claimUnbound': {
    what: (p) => `The PVC ${code(p.claim)} is still \`${p.phase}\`: the cluster has not given it a volume, and the Pods that use it do not start.` + evidence(p.evidence),
    fix: () =>
      'Does your cluster have a default StorageClass? (`kubectl get storageclass`: kind ships `standard` with local-path; on minikube, enable the `storage-provisioner` addon). Do not set `storageClassName` if that class does not exist, nor an access mode the provisioner does not support (local-path only supports ReadWriteOnce).',
  },
  'pipeline.fixture': {
    what: (p) => `The grader could not start its fake Wikipedia in the cluster: ${p.error}.` + evidence(p.evidence),
    fix: () => 'This is not a problem in your manifests: check that the cluster works (`kubectl get nodes`) and run the grader again.',
  },
  'pipeline.captureMismatch': {
    what: (p) => `Through the Service ${code(p.service)}, the captures of ${p.date} are not the pages the fake Wikipedia served:` + evidence(p.evidence),
    fix: () =>
      'Does the viewer read the same PVC folder the capture writes to (`DATA_DIR` and mounts)? Does the Service select the viewer\'s Pods, and does `targetPort` reach its port 8080?',
  },
};
