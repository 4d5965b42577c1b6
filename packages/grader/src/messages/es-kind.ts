// Spanish messages of exercise 05: the kind cluster configuration (schema, roles, labels, the
// published port) and the live tier that creates a second kind cluster (why it was skipped,
// what failed). Spread into the main catalogue in es.ts.
import type { Catalogue } from './types.ts';
import { block, code, lines, maybe } from './format.ts';

const plural = (n: unknown, one: string, many: string) => `${String(n ?? '?')} ${n === 1 ? one : many}`;
const node = (i: unknown) => `\`nodes[${String(i ?? '?')}]\``;

export const esKind: Catalogue = {
  // What kind itself would refuse.
  'kind.notMap': {
    what: (p) => `Una configuración de kind es un mapa con \`kind\`, \`apiVersion\` y \`nodes\`; ahora el archivo es ${p.type ?? 'otra cosa'}.`,
    fix: () => 'Empieza el archivo con `kind: Cluster` y `apiVersion: kind.x-k8s.io/v1alpha4`, sin sangría ni `-` delante.',
  },
  'kind.apiVersion': {
    what: (p) =>
      p.value === undefined
        ? `Falta \`apiVersion\`: kind lo necesita para saber cómo leer el archivo.`
        : String(p.value).startsWith('kind.sigs.k8s.io/')
          ? `${code(p.value)} es la \`apiVersion\` de versiones antiguas de kind; las actuales solo leen ${code(p.expected ?? 'kind.x-k8s.io/v1alpha4')}.`
          : `kind no conoce \`apiVersion: ${String(p.value)}\`; solo lee ${code(p.expected ?? 'kind.x-k8s.io/v1alpha4')}.`,
    fix: () => 'Escribe `apiVersion: kind.x-k8s.io/v1alpha4` (y `kind: Cluster`).',
    hint: 'Este archivo no es un manifiesto de Kubernetes: no se aplica con `kubectl`, se le pasa a `kind create cluster --config`.',
  },
  'kind.kind': {
    what: (p) => (p.value === undefined ? 'Falta `kind: Cluster`.' : `\`kind: ${String(p.value)}\` no es una configuración de kind: debe ser \`kind: Cluster\`.`),
    fix: () => 'Escribe `kind: Cluster` (con mayúscula) al principio del archivo.',
  },
  'kind.unknownField': {
    what: (p) =>
      `El campo ${code(p.field)} no existe en ${p.type ?? 'este nivel'} de la configuración de kind.` +
      maybe(p.suggestion, (s) => ` ¿Quisiste decir ${code(s)}?`) +
      maybe(p.belongs, (s) => ` Ese campo va en ${s}: revisa la sangría.`),
    fix: () => 'kind rechaza los campos desconocidos («field … not found in type v1alpha4…»): corrige el nombre (se distinguen mayúsculas) o la sangría que lo colocó ahí.',
  },
  'kind.port.range': {
    what: (p) => `${code(p.value)} no es un puerto válido: kind admite de 1 a 65535 (0 o -1 para uno al azar).`,
  },
  'kind.name': {
    what: (p) => `${code(p.value)} no vale como nombre de clúster: kind solo admite minúsculas, números, \`.\` y \`-\`.`,
    fix: () => 'Por ejemplo `name: taller-05`, o quita `name` y da el nombre al crearlo con `--name`.',
  },
  'kind.listenAddress': {
    what: (p) => `${code(p.value)} no es una dirección IP: \`listenAddress\` necesita una IP como \`127.0.0.1\`, no un nombre como \`localhost\`.`,
  },
  'kind.label.key': {
    what: (p) => `${code(p.key)} no vale como clave de etiqueta.`,
    fix: () => 'Una clave es un nombre de hasta 63 caracteres (letras, números, `-`, `_` y `.`, empezando y acabando en letra o número), con un prefijo opcional de dominio (`ejemplo.com/`).',
  },
  'kind.label.reserved': {
    what: (p) =>
      `${code(p.key)} usa un prefijo reservado de Kubernetes (\`kubernetes.io\` o \`k8s.io\`): el kubelet se niega a arrancar con esa etiqueta en \`--node-labels\` y el nodo no llega a unirse al clúster.`,
    fix: () => 'Usa una clave tuya, como `carga: datos`. Una etiqueta de rol como `node-role.kubernetes.io/worker` se pone después con `kubectl label node`, no en la configuración de kind.',
  },
  'kind.label.value': {
    what: (p) => `${code(p.value)} no vale como valor de etiqueta: hasta 63 caracteres (letras, números, \`-\`, \`_\` y \`.\`), empezando y acabando en letra o número.`,
  },

  // Nodes, roles, labels and the published port.
  'kind.roles': {
    what: (p) => {
      const others = lines(p.others);
      return (
        `Tu configuración crea ${plural(p.controlPlanes, 'control-plane', 'control-plane')} y ${plural(p.workers, 'worker', 'workers')}` +
        (others.length ? ` y ${plural(others.length, 'nodo', 'nodos')} con un rol que kind no conoce (${others.map(code).join(', ')})` : '') +
        `; se esperan ${plural(p.expectedControlPlanes, 'control-plane', 'control-plane')} y ${plural(p.expectedWorkers, 'worker', 'workers')}.` +
        (p.implicit ? ' Sin `nodes`, kind crea un único nodo control-plane.' : maybe(p.nodes, (s) => ` Nodos: ${s}.`))
      );
    },
    fix: (p) =>
      'Pon en `nodes` un elemento `- role: control-plane` y dos `- role: worker` (un nodo sin `role` es control-plane).' +
      (Number(p.controlPlanes) > 1 ? ' Con más de un control-plane kind monta un plano de control de alta disponibilidad, con más nodos y un balanceador: no es lo que pide el ejercicio.' : ''),
  },
  'kind.labels.noWorkers': {
    what: (p) => `No hay ningún worker al que poner la etiqueta ${code(p.labels ?? 'carga: datos')}.`,
    fix: () => 'Añade primero los dos nodos `- role: worker` y, en cada uno, un mapa `labels` con la etiqueta.',
  },
  'kind.labels.missing': {
    what: (p) =>
      `El worker ${node(p.index)} no lleva la etiqueta \`${String(p.key ?? 'carga')}: ${String(p.value ?? 'datos')}\`.` +
      (p.notMap ? ' `labels` debe ser un mapa `clave: valor`, no una lista ni un texto (`carga=datos` es la forma de `kubectl`).' : '') +
      maybe(p.near, (s) => ` Tiene ${code(s)}: las claves se escriben exactas, con las mismas mayúsculas.`) +
      (p.viaPatch ? ' La pones con `node-labels` en `kubeadmConfigPatches`: funciona, pero el ejercicio pide el campo `labels` del nodo, más corto y legible.' : ''),
    fix: (p) => `Añade en ese nodo \`labels:\` y, sangrado debajo, \`${String(p.key ?? 'carga')}: ${String(p.value ?? 'datos')}\`.`,
    hint: 'Con la etiqueta en los workers, un Pod con `nodeSelector: {carga: datos}` solo se programa en ellos.',
  },
  'kind.labels.value': {
    what: (p) => `En el worker ${node(p.index)}, la etiqueta ${code(p.key ?? 'carga')} vale ${code(p.actual)}; se espera ${code(p.expected ?? 'datos')}.`,
  },
  'kind.labels.onControlPlane': {
    what: (p) =>
      `El control-plane ${node(p.index)} también lleva \`${String(p.key ?? 'carga')}: ${String(p.value ?? 'datos')}\`: los Pods con ese \`nodeSelector\` podrían acabar en él.`,
    fix: () => 'Deja la etiqueta solo en los dos workers.',
  },
  'kind.port.missing': {
    what: () => 'El control-plane no publica ningún puerto en tu máquina (`extraPortMappings`).',
    fix: (p) =>
      `Añade en el nodo \`role: control-plane\` un elemento de \`extraPortMappings\` con \`containerPort: ${String(p.containerPort ?? 30080)}\`, \`hostPort: ${String(p.hostPort ?? 8081)}\` y \`listenAddress: ${String(p.listenAddress ?? '127.0.0.1')}\`.`,
    hint: '`extraPortMappings` solo se fija al crear el clúster: para cambiarlo hay que borrarlo y crearlo de nuevo (E24).',
  },
  'kind.port.dockerStyle': {
    what: (p) => `${code(String(p.value ?? ''))} es la forma de \`docker run -p\`; kind describe cada publicación como un mapa.`,
    fix: (p) =>
      `Escríbela así: \`- containerPort: ${String(p.containerPort ?? 30080)}\`, y debajo \`hostPort: ${String(p.hostPort ?? 8081)}\` y \`listenAddress: ${String(p.listenAddress ?? '127.0.0.1')}\`, alineados con \`containerPort\`.`,
  },
  'kind.port.onWorker': {
    what: (p) => `La publicación del puerto ${String(p.containerPort ?? 30080)} está en el worker ${node(p.index)}, no en el control-plane.`,
    fix: () => 'Muévela al nodo `role: control-plane`: es el que existe siempre, también en un clúster de un solo nodo.',
  },
  'kind.port.swapped': {
    what: (p) =>
      `\`hostPort\` y \`containerPort\` están al revés: \`hostPort\` es el puerto de tu máquina (${String(p.hostPort ?? 8081)}) y \`containerPort\` el del nodo, donde escucha el NodePort (${String(p.containerPort ?? 30080)}).`,
    fix: (p) => `Usa \`containerPort: ${String(p.containerPort ?? 30080)}\` y \`hostPort: ${String(p.hostPort ?? 8081)}\`.`,
  },
  'kind.port.field': {
    what: (p) => {
      const role = p.field === 'hostPort' ? 'el puerto de tu máquina' : 'el puerto del nodo, donde escucha el NodePort (rango 30000–32767)';
      return p.actual === undefined
        ? `Falta \`${String(p.field)}\`, ${role}; se espera ${code(p.expected)}.`
        : `\`${String(p.field)}\` (${role}) vale ${code(p.actual)}; se espera ${code(p.expected)}.`;
    },
  },
  'kind.port.listenAddress': {
    what: (p) =>
      p.actual === undefined
        ? 'Falta `listenAddress`: sin ella, kind publica el puerto en todas las interfaces (`0.0.0.0`) y cualquiera de tu red podría llegar a tu clúster.'
        : `\`listenAddress\` es ${code(p.actual)}; se espera ${code(p.listenAddress ?? '127.0.0.1')}, para que solo tu máquina llegue al puerto.`,
    fix: (p) => `Pon \`listenAddress: ${String(p.listenAddress ?? '127.0.0.1')}\` en esa publicación.`,
  },
  'kind.port.protocol': {
    what: (p) => `\`protocol: ${String(p.actual ?? '')}\`: un servicio HTTP va por TCP.`,
    fix: () => 'Usa `protocol: TCP` o quita el campo (TCP es el valor por defecto).',
  },

  // Live tier: why it was skipped (one line each, like every skip reason).
  'kind.skip.optIn': {
    what: () =>
      'este nivel crea un segundo clúster de kind con tres nodos (unos 4 GiB de memoria para Docker y uno o dos minutos), así que solo se ejecuta si lo pides: `TALLER_05_EN_VIVO=1 npm test -w exercise-05`',
  },
  'kind.skip.config': {
    what: () => '`kind-config.yaml` tiene fallos en el nivel estático: corrígelos primero',
  },
  'kind.skip.missing': {
    what: () =>
      'necesita kind 0.30 o posterior y no encuentro la orden `kind`: instálalo como explica docs/instalacion.md («5. kind»: en Linux y WSL2 `curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.30.0/kind-linux-amd64 && sudo install -m 0755 kind /usr/local/bin/kind`; en macOS `brew install kind`), abre una terminal nueva y vuelve a corregir',
  },
  'kind.skip.old': {
    what: (p) => `necesita kind 0.30 o posterior y tienes ${code(p.version ?? '?')}: actualízalo como explica docs/instalacion.md («5. kind»)`,
  },
  'kind.skip.memory': {
    what: (p) =>
      `tres nodos de kind necesitan unos 4 GiB de memoria y Docker solo tiene ${String(p.gib ?? '?')} GiB (E05): dale más en Docker Desktop (Settings › Resources) o en \`.wslconfig\` con WSL2, y vuelve a corregir`,
  },
  'kind.skip.notCreated': {
    what: () => 'kind no creó el clúster: mira la línea «kind crea el clúster»',
  },

  // Live tier: failures with the evidence collected.
  'kind.live.create': {
    what: (p) =>
      (p.timedOut
        ? `\`kind create cluster\` no terminó en ${String(p.minutes ?? '?')} minutos y se canceló.`
        : `\`kind create cluster\` no pudo crear el clúster desde tu \`kind-config.yaml\` (código ${String(p.exitCode ?? '?')}).`) +
      lines(p.causes)
        .map((c) => `\n    Causa probable: ${c}`)
        .join('') +
      block('Últimas líneas de kind', p.tail),
    fix: () => 'Pruébalo a mano desde la carpeta del ejercicio: `kind create cluster --name prueba-05 --config kind-config.yaml` y, al acabar, `kind delete cluster --name prueba-05`.',
  },
  'kind.live.notReady': {
    what: (p) =>
      `Tras ${String(p.seconds ?? '?')} s, ${String(p.ready ?? 0)} de ${String(p.expected ?? 3)} nodos están Ready.` +
      maybe(p.cause, (s) => `\n    Causa probable: ${s}`) +
      block('Nodos', p.evidence),
    fix: () => 'Para verlo tú, crea el clúster a mano (`kind create cluster --name prueba-05 --config kind-config.yaml`) y mira `kubectl --context kind-prueba-05 describe nodes`.',
  },
  'kind.live.labels': {
    what: (p) => `En el clúster, las etiquetas de los nodos no son las esperadas: ${String(p.detail ?? '')}.${block('Nodos y sus etiquetas', p.evidence)}`,
    fix: () => 'Compruébalo tú con `kubectl get nodes -L carga` en un clúster creado desde tu archivo.',
  },
  'kind.live.port': {
    what: (p) =>
      `Docker no publica el puerto ${String(p.containerPort ?? 30080)} del control-plane en \`${String(p.listenAddress ?? '127.0.0.1')}\` (el corrector usó el puerto libre ${String(p.hostPort ?? '?')} en lugar de ${String(p.learnerPort ?? 8081)}).` +
      block('`docker port` dice', p.evidence),
    fix: () => 'Comprueba que la publicación está en el nodo `role: control-plane` y mírala tú con `docker port <clúster>-control-plane`.',
  },
  'kind.live.delete': {
    what: (p) =>
      `No se pudo borrar el clúster de prueba ${code(p.name)} (código ${String(p.exitCode ?? '?')}${maybe(p.detail, (s) => `: ${s}`)}); ocupa memoria hasta que lo borres.`,
    fix: (p) => `Bórralo tú: \`kind delete cluster --name ${String(p.name ?? '<nombre>')}\`.`,
  },
};
