// Messages of the capture pipeline (exercise 14): settings from a ConfigMap, DATA_DIR on a
// PersistentVolumeClaim, the claim itself, and what the live tier sees in the cluster.
import type { Catalogue } from './types.ts';
import { code, esEvidence as evidence } from './format.ts';

export const esPipeline: Catalogue = {
  // Settings from the ConfigMap
  'pipeline.settingMissing': {
    what: (p) => `El ConfigMap no tiene la clave ${code(p.key)}${p.near ? ` (tiene ${code(p.near)}: ¿está mal escrita?)` : ''}.`,
    fix: (p) => `Añádela en \`data\`: \`${p.key}: "${p.example}"\`. \`captura\` lee exactamente ese nombre.`,
  },
  'pipeline.settingEmpty': {
    what: (p) => `La clave ${code(p.key)} del ConfigMap está vacía.`,
    fix: () => 'Dale un valor: la URL base de Wikipedia, o los títulos separados por comas.',
  },
  'pipeline.baseUrl': {
    what: (p) => `${code(p.key)} vale ${code(p.url)}, que no es una URL \`http://\` ni \`https://\`.`,
    fix: () => 'Usa la URL base, sin la ruta de la API: `https://es.wikipedia.org`.',
    hint: '`captura` le añade `/w/rest.php/v1/page/<titulo>/html`.',
  },
  'pipeline.title': {
    what: (p) => `En ${code(p.key)}, el título ${code(p.title)} ${p.reason}: \`captura\` lo rechazaría.`,
    fix: () => 'Separa los títulos con comas, sin comas de sobra: `Apache Airflow,Kubernetes`. Los espacios valen (se convierten en `_`).',
  },
  'pipeline.envMissing': {
    what: (p) => `El contenedor no recibe la variable ${code(p.name)}.`,
    fix: (p) =>
      `Tómala del ConfigMap: \`envFrom: [{configMapRef: {name: ${p.configMap}}}]\` trae todas sus claves, o en \`env\`: \`- name: ${p.name}\` con \`valueFrom.configMapKeyRef\` (\`name: ${p.configMap}\`, \`key: ${p.name}\`).`,
  },
  'pipeline.envKeyMissing': {
    what: (p) => `\`envFrom\` trae el ConfigMap ${code(p.configMap)}, pero ese ConfigMap no tiene la clave ${code(p.name)}: el contenedor no recibe esa variable.`,
    fix: (p) => `Añade \`${p.name}\` en \`data\` del ConfigMap, escrita igual (mayúsculas incluidas).`,
  },
  'pipeline.envPrefix': {
    what: (p) => `\`envFrom\` añade el prefijo ${code(p.prefix)} a las claves de ${code(p.configMap)}: la variable llegaría como \`${p.prefix}${p.name}\`, y \`captura\` lee ${code(p.name)}.`,
    fix: () => 'Quita `prefix`.',
  },
  'pipeline.envLiteral': {
    what: (p) => `${code(p.name)} está escrita en el contenedor (${code(p.value)}), así que no sale del ConfigMap ${code(p.configMap)}: una entrada de \`env\` gana a \`envFrom\`.`,
    fix: (p) => `Quita esa entrada de \`env\` y deja que llegue de ${code(p.configMap)}.`,
    hint: 'La configuración en un ConfigMap se cambia sin tocar el CronJob; el corrector cambia la URL de ahí para usar su Wikipedia falsa.',
  },
  'pipeline.envOther': {
    what: (p) => `${code(p.name)} sale de un \`${p.what}\`, no del ConfigMap ${code(p.configMap)}.`,
    fix: (p) => `Tómala de ${code(p.configMap)} (\`envFrom\` o \`configMapKeyRef\`). Una URL y unos títulos no son secretos.`,
  },
  'pipeline.envWrongRef': {
    what: (p) => `${code(p.name)} sale de la clave ${code(p.actualKey)} del ConfigMap ${code(p.actualConfigMap)}; se espera la clave ${code(p.name)} de ${code(p.configMap)}.`,
    fix: (p) => `En \`configMapKeyRef\`: \`name: ${p.configMap}\` y \`key: ${p.name}\`.`,
  },
  'pipeline.flagOverrides': {
    what: (p) => `Los argumentos llevan ${code(p.flag)}${p.value ? ` ${code(p.value)}` : ''}, que gana a la variable ${code(p.name)}: lo que diga el ConfigMap (o \`DATA_DIR\`) no se usaría.`,
    fix: (p) => `Quita ${code(p.flag)} de \`args\`; deja solo \`["captura"]\` y pasa la configuración por el entorno (${code(p.name)}).`,
  },
  // The claim
  'pipeline.storage': {
    what: (p) =>
      p.actual === undefined
        ? 'El PVC no pide almacenamiento (`spec.resources.requests.storage`).'
        : `El PVC pide ${code(p.actual)}; se espera ${code(p.expected)}.`,
    fix: (p) => `Pon \`resources.requests.storage: ${p.expected}\` en el \`spec\` del PVC.`,
  },
  'pipeline.emptyStorageClass': {
    what: () => '`storageClassName: ""` pide un volumen *sin* clase: el clúster no crearía ninguno y el PVC se quedaría en `Pending` para siempre.',
    fix: () => 'Quita `storageClassName`: así se usa la clase por defecto del clúster (`standard` en kind y en minikube).',
  },
  'pipeline.namedStorageClass': {
    what: (p) => `El PVC pide la StorageClass ${code(p.storageClass)}, que solo existe en algunos clústeres.`,
    fix: () => 'Quita `storageClassName`: así el PVC usa la clase por defecto de cualquier clúster (`standard` en kind y en minikube).',
  },
  // DATA_DIR on the claim
  'pipeline.dataDirMissing': {
    what: (p) => `El contenedor ${code(p.container)} no define \`DATA_DIR\`: no sabría dónde están las capturas.`,
    fix: (p) => `Añade en \`env\`: \`- name: DATA_DIR\` con la ruta donde montas el PVC ${code(p.claim)} (por ejemplo \`value: /capturas\`).`,
  },
  'pipeline.dataDirUnknown': {
    what: (p) => `No se puede saber qué vale \`DATA_DIR\` en ${code(p.container)}: sale de un ConfigMap o clave que no está en tus manifiestos, o de un Secret.`,
    fix: () => 'Escríbela en `env` con `value:` (o en un ConfigMap de tus manifiestos).',
  },
  'pipeline.dataDirRelative': {
    what: (p) => `\`DATA_DIR\` de ${code(p.container)} vale ${code(p.dataDir)}, una ruta relativa.`,
    fix: () => 'Usa la ruta absoluta del montaje, por ejemplo `/capturas`.',
  },
  'pipeline.claimNotUsed': {
    what: (p) => `La plantilla de Pod no tiene ningún volumen del PVC ${code(p.claim)}.`,
    fix: (p) => `Añade en \`volumes\`: \`- name: capturas\` con \`persistentVolumeClaim: {claimName: ${p.claim}}\`, y móntalo en el contenedor.`,
  },
  'pipeline.claimNotMounted': {
    what: (p) => `El contenedor ${code(p.container)} no monta el volumen del PVC ${code(p.claim)}${p.mounts ? ` (monta: ${p.mounts})` : ''}.`,
    fix: (p) => `Añade en \`volumeMounts\` ese volumen con \`mountPath: ${p.dataDir}\`, la ruta de \`DATA_DIR\`.`,
  },
  'pipeline.dataDirNotOnClaim': {
    what: (p) => `\`DATA_DIR\` de ${code(p.container)} vale ${code(p.dataDir)}, pero el PVC ${code(p.claim)} está montado en ${code(p.mountPath)}: lo escrito ahí no llegaría al disco persistente${p.mounts ? ` (montajes: ${p.mounts})` : ''}.`,
    fix: (p) => `Haz que \`DATA_DIR\` sea ${code(p.mountPath)} (o una carpeta dentro), o monta el PVC en ${code(p.dataDir)}.`,
    hint: 'Sin un volumen, lo escrito va al sistema de archivos del contenedor y desaparece con el Pod.',
  },
  'pipeline.dataDirReadOnly': {
    what: (p) => `${code(p.container)} monta el PVC ${code(p.claim)} con \`readOnly: true\`, y tiene que escribir en \`DATA_DIR\` (${code(p.dataDir)}).`,
    fix: () => 'Quita `readOnly: true` de ese montaje (el visor sí puede montarlo en solo lectura).',
  },
  'pipeline.dataDirElsewhere': {
    what: (p) =>
      `El visor ${code(p.reader)} lee ${p.readerPlace} (\`DATA_DIR=${p.readerDir}\`), pero ${code(p.writer)} escribe en ${p.writerPlace} (\`DATA_DIR=${p.writerDir}\`): el visor no vería las capturas.`,
    fix: () => 'Monta el PVC igual en los dos (mismo `subPath`, o ninguno) y apunta los dos `DATA_DIR` a la misma carpeta del montaje.',
  },
  'pipeline.readerWritable': {
    what: (p) => `El visor ${code(p.reader)} monta el PVC ${code(p.claim)} con permiso de escritura, y solo tiene que leer.`,
    fix: () => 'Añade `readOnly: true` a ese montaje en `volumeMounts` (o al `persistentVolumeClaim` del volumen).',
    hint: 'Mínimo privilegio: si el visor tuviera un fallo, no podría borrar ni cambiar las capturas.',
  },
  // Live
  'pipeline.podSecurity': {
    what: (p) => `En un namespace con el estándar \`restricted\`, el clúster rechaza los Pods del ${p.kind} ${code(p.name)}: ${p.message}`,
    fix: () => 'Añade lo que pide cada punto del mensaje en el `securityContext` del Pod o del contenedor; mira docs/seguridad.md.',
    hint: 'Pod Security no rechaza el CronJob ni el Deployment: rechaza los Pods que crean después, y el Job o el ReplicaSet se quedan sin Pods (evento FailedCreate).',
  },
  'pipeline.jobPodsRefused': {
    what: (p) => `El Job \`${p.name}\` no pudo crear sus Pods.` + evidence(p.evidence),
    fix: (p) => `Lee el evento FailedCreate: \`kubectl -n ${p.namespace} describe job ${p.name}\`.`,
  },
  'pipeline.claimUnbound': {
    what: (p) => `El PVC ${code(p.claim)} sigue en \`${p.phase}\`: el clúster no le ha dado un volumen, y los Pods que lo usan no arrancan.` + evidence(p.evidence),
    fix: () =>
      '¿Tiene tu clúster una StorageClass por defecto? (`kubectl get storageclass`: kind trae `standard` con local-path; en minikube, activa el complemento `storage-provisioner`). No pongas `storageClassName` si no existe esa clase, ni un modo de acceso que el aprovisionador no admita (local-path solo admite ReadWriteOnce).',
  },
  'pipeline.fixture': {
    what: (p) => `El corrector no pudo poner en marcha su Wikipedia falsa en el clúster: ${p.error}.` + evidence(p.evidence),
    fix: () => 'No es un fallo de tus manifiestos: comprueba que el clúster funciona (`kubectl get nodes`) y vuelve a corregir.',
  },
  'pipeline.captureMismatch': {
    what: (p) => `A través del Service ${code(p.service)}, las capturas del ${p.date} no son las páginas que sirvió la Wikipedia:` + evidence(p.evidence),
    fix: () =>
      '¿Lee el visor la misma carpeta del PVC en la que escribe la captura (`DATA_DIR` y montajes)? ¿Selecciona el Service los Pods del visor y llega `targetPort` a su puerto 8080?',
  },
};
