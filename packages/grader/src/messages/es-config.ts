// Messages of exercise 09: ConfigMap, Secret and the Kustomize layout (static and live).
import type { Catalogue } from './types.ts';
import { code, esEvidence as evidence, maybe } from './format.ts';

const capa = (p: Record<string, unknown>) => (p.overlay ? `la capa ${code(p.overlay)}` : 'la capa');
const Capa = (p: Record<string, unknown>) => `L${capa(p).slice(1)}`;

export const esConfig: Catalogue = {
  // The layout
  'kustomize.baseMissing': {
    what: (p) => `No existe ${code(`${p.dir ?? 'k8s/base'}/kustomization.yaml`)}: falta la base que comparten las capas.`,
    fix: (p) => `Crea la carpeta ${code(p.dir ?? 'k8s/base')} con un \`kustomization.yaml\` que liste tus manifiestos en \`resources\`.`,
    hint: 'La base lleva lo común a todos los entornos; cada capa solo dice lo que cambia.',
  },
  'kustomize.overlayMissing': {
    what: (p) => `No existe ${code(`${p.dir ?? 'k8s/overlays/…'}/kustomization.yaml`)}: falta ${capa(p)}.`,
    fix: (p) => `Crea esa carpeta con un \`kustomization.yaml\` que tenga \`resources: [${p.base ? `"../../${String(p.base).split('/').pop()}"` : '"../../base"'}]\`.`,
  },
  'kustomize.overlayWithoutBase': {
    what: (p) => `${Capa(p)} no se construye sobre la base ${code(p.base ?? 'k8s/base')}${maybe(p.listed, (s) => ` (sus \`resources\`: ${s})`)}.`,
    fix: (p) => `Añade a \`resources\` la ruta de la base relativa a la capa: ${code(p.relative ?? '../../base')}.`,
    hint: 'Una capa sin la base tendría que repetir todos los manifiestos, que es justo lo que Kustomize evita.',
  },
  'kustomize.unknownField': {
    what: (p) => `Un \`kustomization.yaml\` tiene el campo ${code(p.field)}, que Kustomize no conoce.${maybe(p.suggestion, (s) => ` ¿Quisiste decir ${code(s)}?`)}`,
    fix: () => 'Corrige el nombre (se distinguen mayúsculas) o la sangría; los campos habituales son `resources`, `patches`, `replicas`, `configMapGenerator` y `secretGenerator`.',
  },
  'kustomize.nameAffix': {
    what: (p) => `\`${p.field ?? 'namePrefix'}\` cambia el nombre de todos los objetos, y en este ejercicio los nombres son fijos (\`app-config\`, \`app-credenciales\`, \`app-configurada\`).`,
    fix: (p) => `Quita \`${p.field ?? 'namePrefix'}\`. Para distinguir los entornos se usan namespaces o etiquetas (\`labels\`), no nombres distintos.`,
    hint: 'Los generadores sí pueden añadir su sufijo `-<hash>`: el corrector lo reconoce.',
  },
  'kustomize.remote': {
    what: (p) => `${code(p.entry)} es un recurso remoto: el corrector no descarga nada de la red.`,
    fix: () => 'Copia lo que necesites a tu carpeta `k8s/` y lístalo con una ruta local.',
  },
  'kustomize.outside': {
    what: (p) => `${code(p.entry)} lleva fuera de la carpeta que se corrige (una ruta con \`..\` de más, absoluta o un enlace simbólico que sale): el corrector no lo lee ni deja que \`kubectl kustomize\` lo lea.`,
    fix: () => 'Copia lo que necesites dentro de tu carpeta `k8s/` y nómbralo con una ruta relativa que no salga de ella.',
  },
  // kubectl kustomize
  'kustomize.noKustomization': {
    what: (p) => `La carpeta ${code(p.dir ?? 'k8s/…')} no tiene \`kustomization.yaml\`, y ${capa(p)} la usa como si fuera una kustomization.`,
    fix: () => 'Añade ahí un `kustomization.yaml`, o, si querías un solo archivo, lístalo con su nombre (`deployment.yaml`) en lugar de la carpeta.',
  },
  'kustomize.fileMissing': {
    what: (p) => `Al construir ${capa(p)}, falta ${code(p.file ?? 'un archivo')}.`,
    fix: () => 'Crea ese archivo o corrige la ruta en el `kustomization.yaml` que lo nombra: las rutas son relativas a la carpeta de ese `kustomization.yaml`.',
  },
  'kustomize.outsideRoot': {
    what: (p) => `Kustomize no deja leer ${code(p.file ?? 'ese archivo')} desde ${code(p.dir ?? 'la capa')}: un generador solo lee archivos de su carpeta o de las de dentro.`,
    fix: () => 'Pon el generador en la kustomization de la carpeta donde está el archivo (normalmente la base), o copia el archivo junto a la capa.',
    hint: 'Los `resources` sí pueden apuntar a otra carpeta con `kustomization.yaml` (`../../base`); los archivos sueltos de fuera, no.',
  },
  'kustomize.patchTarget': {
    what: (p) => `Un parche de ${capa(p)} va dirigido al ${p.kind ?? 'objeto'} ${code(p.name ?? '?')}, que no está entre lo que construye la capa.`,
    fix: () => 'El parche debe tener el mismo `kind` y `metadata.name` que el objeto de la base (sin el sufijo `-<hash>` de un generador).',
  },
  'kustomize.mergeMissing': {
    what: (p) => `${Capa(p)} fusiona (\`behavior: merge\` o \`replace\`) el ${p.kind ?? 'ConfigMap'} ${code(p.name ?? '?')}, pero la base no lo define.`,
    fix: () => 'Usa el mismo `name` que el ConfigMap o Secret de la base, o quita `behavior` para crear uno nuevo.',
  },
  'kustomize.generatorExists': {
    what: (p) => `${Capa(p)} genera otra vez el ${p.kind ?? 'ConfigMap'} ${code(p.name ?? '?')}, que ya viene de la base: Kustomize no sabe si sustituirlo o fusionarlo.`,
    fix: () => 'Añade `behavior: merge` a ese generador para cambiar solo las claves que escribes (o `behavior: replace` para sustituirlo entero).',
  },
  'kustomize.replicasTarget': {
    what: (p) => `\`replicas\` nombra ${code(p.name ?? '?')}, y no hay ningún Deployment con ese nombre en ${capa(p)}.`,
    fix: () => 'En `replicas`, `name` es el nombre del Deployment (`app-configurada`).',
  },
  'kustomize.duplicateId': {
    what: (p) => `Al construir ${capa(p)}, el objeto ${code(p.id ?? '?')} aparece dos veces.`,
    fix: () => 'Cada objeto debe entrar una sola vez: no listes en la capa un archivo que ya está en la base; para cambiarlo, usa un parche.',
  },
  'kustomize.failed': {
    what: (p) => `\`kubectl kustomize\` no puede construir ${capa(p)}: ${p.detail ?? 'error desconocido'}`,
    fix: (p) => `Ejecuta tú \`kubectl kustomize ${p.overlayDir ?? 'k8s/overlays/…'}\` para ver el error completo.`,
  },
  'kustomize.timeout': {
    what: (p) => `\`kubectl kustomize\` no terminó de construir ${capa(p)} en 30 s.`,
    fix: () => '¿Descarga algo de la red (un recurso remoto, un chart de Helm)? Usa solo archivos locales.',
  },
  'kustomize.notBuilt': {
    what: (p) => `${Capa(p)} no se construye, así que esto no se puede comprobar.`,
    fix: () => 'Corrige primero lo que dice la línea «las dos capas se construyen con `kubectl kustomize`…».',
  },
  'kustomize.objectMissing': {
    what: (p) =>
      `No encuentro el ${p.kind ?? 'objeto'} ${code(p.name ?? '?')} en lo que construye ${capa(p)} (\`kubectl kustomize ${p.dir ?? '…'}\`).` +
      maybe(p.suggestion, (s) => ` ¿Quisiste decir ${s}?`) +
      maybe(p.found, (s) => ` Objetos construidos: ${s}.`),
    fix: (p) => `Define el ${p.kind ?? 'objeto'} con \`metadata.name: ${p.name ?? '…'}\` en la base y lista su archivo en \`resources\` de su \`kustomization.yaml\` (o créalo con un generador).`,
  },
  'kustomize.onlyIn': {
    what: (p) => {
      const ok = Array.isArray(p.passing) && p.passing.length ? ` (en ${p.passing.map((s) => code(s)).join(' y ')} se cumple)` : '';
      return `Solo falla en ${capa(p)}${ok}: la diferencia está en lo que cada capa cambia de la base; compáralas con \`kubectl kustomize ${p.dir ?? 'k8s/overlays/…'}\`.`;
    },
  },
  'kustomize.refMissing': {
    what: (p) =>
      `En ${capa(p)} se hace referencia al ${p.kind ?? 'objeto'} ${code(p.name ?? '?')}, que no existe en lo que construye la capa${maybe(p.found, (s) => ` (hay: ${s})`)}.`,
    fix: (p) =>
      p.typedHash
        ? 'No escribas el sufijo `-<hash>` a mano: usa el nombre del generador y Kustomize pone el sufijo y actualiza las referencias.'
        : 'Usa el nombre exacto del objeto; si lo crea un generador, el nombre del generador (sin el sufijo `-<hash>`).',
    hint: 'Un Pod que usa un ConfigMap o Secret que no existe se queda en `CreateContainerConfigError`.',
  },
  'kustomize.refKeyMissing': {
    what: (p) => `El ${p.kind ?? 'objeto'} ${code(p.name ?? '?')} no tiene la clave ${code(p.key ?? '?')}${maybe(p.keys, (s) => ` (tiene: ${s})`)}.`,
    fix: () => 'Usa una clave que exista (se distinguen mayúsculas) o añádela al ConfigMap o Secret.',
    hint: 'Una clave que no existe deja el Pod en `CreateContainerConfigError`.',
  },
  'kustomize.overlayReplicas': {
    what: (p) => `En ${capa(p)}, el Deployment ${code(p.deployment ?? 'app-configurada')} tiene ${p.actual ?? '?'} réplica${p.actual === 1 ? '' : 's'}; se esperan ${p.expected ?? '?'}.`,
    fix: (p) =>
      `Cámbialo en la capa, no en la base: en ${code(`${p.dir ?? 'k8s/overlays/produccion'}/kustomization.yaml`)} añade \`replicas: [{name: ${p.deployment ?? 'app-configurada'}, count: ${p.expected ?? 3}}]\` (o un parche con \`spec.replicas\`).`,
    hint: 'Así desarrollo sigue con pocas réplicas y producción tiene las suyas.',
  },
  'kustomize.overlayEnv': {
    what: (p) =>
      `En ${capa(p)}, la variable ${code(p.name ?? '?')} ${p.actual === undefined ? 'no llega al contenedor' : `vale ${code(p.actual)}`}${maybe(p.from, (s) => ` (viene ${s})`)}; se espera ${code(p.expected ?? '?')}.`,
    fix: (p) =>
      `Cambia el valor solo en esta capa: en ${code(`${p.dir ?? 'k8s/overlays/produccion'}/kustomization.yaml`)}, un \`configMapGenerator\` con \`behavior: merge\` y \`literals: ["${p.name ?? 'APP_ENTORNO'}=${p.expected ?? ''}"]\`, o un parche del ConfigMap con ese valor en \`data\`.`,
  },
  'kustomize.changed': {
    what: (p) =>
      `Lo que construye ${code(p.dir ?? 'k8s/base')} ya no es lo que se te dio: en el ${p.kind ?? 'objeto'} ${code(p.name ?? '?')}, ${p.actual === undefined ? `falta ${code(p.key ?? '?')}` : `${code(p.key ?? '?')} vale ${code(p.actual)}`}; se espera ${code(p.expected ?? '?')}.`,
    fix: () => 'Deja la base y la capa `desarrollo` como estaban y pon los cambios de producción solo en `k8s/overlays/produccion/kustomization.yaml`.',
    hint: 'Lo que cambias en la base cambia todas las capas que la usan.',
  },
  // ConfigMap and Secret
  'config.keysMissing': {
    what: (p) => `Al ${p.kind ?? 'objeto'} ${code(p.name ?? '?')} le falta${String(p.missing ?? '').includes(',') ? 'n' : ''} ${p.missing ?? 'claves'}${maybe(p.present, (s) => ` (tiene: ${s})`)}.`,
    fix: (p) =>
      p.kind === 'Secret'
        ? 'Añádelas en `stringData` (texto) o en `data` (base64), o en `literals` si lo creas con `secretGenerator`.'
        : 'Añádelas en `data` (un archivo como `ajustes.json` es una clave cuyo valor es el contenido, con `|`), o en `literals`/`files` si lo creas con `configMapGenerator`.',
  },
  'config.jsonInvalid': {
    what: (p) => `El contenido de ${code(p.key ?? 'ajustes.json')} no es JSON válido (${p.detail ?? 'error de sintaxis'}).`,
    fix: () => 'Revisa comillas dobles, comas y llaves; con `|` el texto se copia tal cual, respetando la sangría.',
  },
  'config.secretType': {
    what: (p) => `El Secret ${code(p.name ?? 'app-credenciales')} es de tipo ${code(p.actual ?? '?')}; se espera ${code(p.expected ?? 'Opaque')}.`,
    fix: () => 'Usa `type: Opaque` (el tipo genérico de clave-valor), o no pongas `type`.',
    hint: 'Tipos como `kubernetes.io/basic-auth` exigen claves concretas (`username`, `password`).',
  },
  'config.envFromMissing': {
    what: (p) => `El contenedor no toma las variables del ConfigMap ${code(p.configMap ?? 'app-config')} con \`envFrom\`${maybe(p.found, (s) => ` (toma: ${s})`)}.`,
    fix: (p) => `Añade al contenedor \`envFrom: [{configMapRef: {name: ${p.configMap ?? 'app-config'}}}]\`.`,
    hint: 'Con `envFrom`, cada clave del ConfigMap se convierte en una variable de entorno.',
  },
  'config.envFromPrefix': {
    what: (p) => `\`envFrom\` añade el prefijo ${code(p.prefix ?? '')}: las variables se llamarían \`${p.prefix ?? ''}APP_ENTORNO\`, y la aplicación busca \`APP_ENTORNO\`.`,
    fix: () => 'Quita `prefix`.',
  },
  'config.secretEnvMissing': {
    what: (p) =>
      `El contenedor no define la variable ${code(p.variable ?? 'DB_CLAVE')}${p.viaEnvFrom ? ' como variable suelta (la toma con `envFrom` de un Secret)' : ''}.`,
    fix: (p) =>
      `Añade en \`env\`: \`- name: ${p.variable ?? 'DB_CLAVE'}\` con \`valueFrom: {secretKeyRef: {name: ${p.secret ?? 'app-credenciales'}, key: ${p.key ?? 'DB_CLAVE'}}}\`.`,
  },
  'config.secretEnvNotRef': {
    what: (p) =>
      p.plain
        ? `La variable ${code(p.variable ?? 'DB_CLAVE')} lleva su valor escrito en el manifiesto: cualquiera que lea el Deployment (o el repositorio) ve la clave.`
        : `La variable ${code(p.variable ?? 'DB_CLAVE')} no sale de un Secret${p.fromConfigMap ? ' (sale de un ConfigMap, que no es para credenciales)' : ''}.`,
    fix: (p) => `Usa \`valueFrom: {secretKeyRef: {name: ${p.secret ?? 'app-credenciales'}, key: ${p.key ?? 'DB_CLAVE'}}}\` en lugar de \`value\`.`,
  },
  'config.secretEnvWrongRef': {
    what: (p) =>
      `La variable ${code(p.variable ?? 'DB_CLAVE')} sale de la clave ${code(p.actualKey ?? '?')} del Secret ${code(p.actualSecret ?? '?')}; se espera la clave ${code(p.key ?? 'DB_CLAVE')} del Secret ${code(p.secret ?? 'app-credenciales')}.`,
    fix: () => 'En `secretKeyRef`, `name` es el nombre del Secret y `key` una de sus claves.',
  },
  'config.fileNotMounted': {
    what: (p) => `Ningún montaje del contenedor llega a ${code(p.target ?? '/etc/app-datos/ajustes.json')}${maybe(p.mounts, (s) => ` (montajes: ${s})`)}.`,
    fix: (p) =>
      `Declara un volumen \`configMap: {name: ${p.configMap ?? 'app-config'}}\` y móntalo con \`mountPath: ${p.target ?? '/etc/app-datos/ajustes.json'}\` y \`subPath: ${p.key ?? 'ajustes.json'}\`.`,
    hint: 'Con `subPath` montas una sola clave como un archivo, sin tapar el resto de la carpeta.',
  },
  'config.mountDirAtFile': {
    what: (p) =>
      `Sin \`subPath\`, Kubernetes monta el volumen entero como una carpeta en ${code(p.target ?? '/etc/app-datos/ajustes.json')}: el archivo quedaría en ${code(`${p.target ?? '/etc/app-datos/ajustes.json'}/${p.key ?? 'ajustes.json'}`)}.`,
    fix: (p) => `Añade \`subPath: ${p.key ?? 'ajustes.json'}\` a ese montaje, o monta la carpeta \`/etc/app-datos\` con \`items\` que elijan solo esa clave.`,
  },
  'config.fileWrongSource': {
    what: (p) => `En ${code(p.target ?? '/etc/app-datos/ajustes.json')} queda ${p.actual ?? 'otra cosa'}; se espera ${p.expected ?? 'la clave `ajustes.json` del ConfigMap `app-config`'}.`,
    fix: () => 'Con `subPath`, su valor es la clave (o el `path` de `items`) del ConfigMap; sin `subPath`, el archivo es `mountPath` + la clave.',
  },
  'config.credentialKey': {
    what: (p) =>
      `El ConfigMap ${code(p.configMap ?? '?')} guarda ${code(p.key ?? '?')}, que parece una credencial (${code(p.word ?? '?')}). Un ConfigMap no se protege como un Secret: lo lee cualquiera con acceso de lectura al namespace.`,
    fix: () => 'Mueve esa clave al Secret `app-credenciales` y, si el contenedor la necesita, pásala con `secretKeyRef`.',
  },
  'config.credentialInValue': {
    what: (p) => `El valor de ${code(p.key ?? '?')} en el ConfigMap ${code(p.configMap ?? '?')} contiene lo que parece una credencial (${code(p.found ?? '?')}).`,
    fix: () => 'Saca la credencial del archivo y pásala desde el Secret (una variable con `secretKeyRef` o un volumen `secret`).',
  },
  // Live
  'live.configShown': {
    what: (p) => `\`${p.url ?? '/config'}\` no muestra lo esperado (${p.expected ?? '?'}); muestra: ${p.got ?? 'nada'}.` + evidence(p.evidence),
    fix: () => '`/config` enseña las variables `APP_*` y los archivos de `/etc/app-datos/`: revisa `envFrom`, el montaje de `ajustes.json` y los valores de la capa `produccion`.',
  },
};
