// Spanish messages for exercise 03's Compose file (Airflow 3 with the LocalExecutor). Spread into `es`.
import type { Catalogue, Params } from './types.ts';
import { code } from './format.ts';

const who = (p: Params) => ((p.services as string[] | undefined) ?? [String(p.service)]).map(code).join(', ');
const list = (v: unknown) => (Array.isArray(v) ? v.map(code).join(', ') : code(v));
/** "(en airflow-scheduler, airflow-triggerer)" when an inherited value affects several services. */
const where = (p: Params) => {
  const s = (p.services as string[] | undefined) ?? (p.service ? [String(p.service)] : []);
  return s.length ? ` (en ${s.map(code).join(', ')})` : '';
};

const ENV_FIX: Record<string, string> = {
  AIRFLOW__CORE__EXECUTOR: 'Añade `AIRFLOW__CORE__EXECUTOR: LocalExecutor` al `environment` del ancla `x-airflow-common`.',
  AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: 'Añade `AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}` al `environment` del ancla.',
  AIRFLOW__CORE__LOAD_EXAMPLES: "Añade `AIRFLOW__CORE__LOAD_EXAMPLES: 'false'` al `environment` del ancla.",
  AIRFLOW__CORE__EXECUTION_API_SERVER_URL: "Añade `AIRFLOW__CORE__EXECUTION_API_SERVER_URL: 'http://airflow-apiserver:8080/execution/'` al `environment` del ancla.",
  AIRFLOW__API_AUTH__JWT_SECRET: 'Añade `AIRFLOW__API_AUTH__JWT_SECRET: ${AIRFLOW_JWT_SECRET:?define AIRFLOW_JWT_SECRET en .env}` al `environment` del ancla, y el valor en `.env`.',
  AIRFLOW__CORE__AUTH_MANAGER: `Añade \`AIRFLOW__CORE__AUTH_MANAGER: airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager\` al \`environment\` del ancla.`,
  AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: "Añade `AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'true'` (en el ancla o en el servicio `airflow-scheduler`).",
  AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: "Añade `AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: '10'` (segundos) al `environment` del ancla o de `airflow-dag-processor`.",
  _AIRFLOW_WWW_USER_USERNAME: 'Añade `_AIRFLOW_WWW_USER_USERNAME: ${_AIRFLOW_WWW_USER_USERNAME}` al `environment` de `airflow-init`, y el valor en `.env`.',
  _AIRFLOW_WWW_USER_PASSWORD: 'Añade `_AIRFLOW_WWW_USER_PASSWORD: ${_AIRFLOW_WWW_USER_PASSWORD}` al `environment` de `airflow-init`, y el valor en `.env`.',
  _AIRFLOW_WWW_USER_CREATE: "Añade `_AIRFLOW_WWW_USER_CREATE: 'true'` al `environment` de `airflow-init`.",
  POSTGRES_PASSWORD: 'Añade `POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}` al `environment` de `postgres`, y el valor en `.env`.',
};
const ENV_HINT: Record<string, string> = {
  AIRFLOW__API_AUTH__JWT_SECRET: 'E17: sin un secreto compartido cada servicio inventa el suyo al arrancar, y las tareas fallan al instante con `Invalid auth token: Signature verification failed`.',
  AIRFLOW__CORE__EXECUTION_API_SERVER_URL: 'En Airflow 3 las tareas informan de su estado a la API de ejecución; sin esta variable la buscan en `localhost:8080` de su propio contenedor y fallan.',
  AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: 'E19: por defecto el procesador relee `dags/` cada 300 s, y un DAG nuevo tarda minutos en aparecer.',
};

export const esCompose: Catalogue = {
  // Reading
  'compose.missing': {
    what: (p) => `No existe ${code(p.file)} en la carpeta que se corrige.`,
    fix: () => 'Parte del `docker-compose.yaml` del ejercicio (tiene los TODO que hay que completar).',
  },
  'compose.empty': {
    what: () => 'El archivo de Compose está vacío o solo tiene comentarios.',
    fix: () => 'Recupera el `docker-compose.yaml` del ejercicio y complétalo.',
  },
  'compose.multipleDocuments': {
    what: () => 'El archivo tiene más de un documento YAML (`---`); Docker Compose solo lee uno.',
    fix: () => 'Quita la línea `---` y junta todo en un solo documento.',
  },
  'compose.notMapping': {
    what: () => 'El archivo no es un mapa `clave: valor` (Compose espera `services:` en el nivel superior).',
  },
  'compose.alias.unknown': {
    what: (p) =>
      p.later
        ? `El alias \`*${p.alias}\` se usa antes de definir su ancla \`&${p.alias}\`: en YAML el ancla tiene que ir antes.`
        : `El alias \`*${p.alias}\` no corresponde a ninguna ancla${p.known ? ` (anclas definidas: ${String(p.known).split(', ').map((a) => `\`&${a}\``).join(', ')})` : ''}.`,
    fix: (p) => (p.later ? `Mueve el bloque con \`&${p.alias}\` (normalmente \`x-airflow-common\`) al principio del archivo.` : 'Escribe el nombre exacto del ancla, con la misma ortografía que tras `&`.'),
    hint: 'Un ancla `&nombre` marca un bloque; `*nombre` lo repite y `<<: *nombre` lo fusiona en un mapa.',
  },
  'compose.merge.notMap': {
    what: (p) => `\`<<: *${p.alias}\` no se puede fusionar: el ancla \`&${p.alias}\` es ${p.kind}, y \`<<:\` solo fusiona mapas (\`clave: valor\`).`,
    fix: () => 'Fusiona el ancla del bloque completo (`<<: *airflow-common`); para reutilizar una lista, usa el alias como valor del campo (`volumes: *mis-volumenes`).',
  },
  'compose.merge.notAlias': {
    what: (p) => `\`<<:\` va seguido de ${p.text ? `\`${p.text}\`` : 'algo'} en lugar de un alias: la fusión YAML necesita \`*nombre\`.`,
    fix: () => 'Escribe `<<: *airflow-common` (con asterisco).',
  },
  // Schema
  'compose.schema.unknownField': {
    what: (p) => `La especificación de Compose no tiene el campo ${code(p.field)} aquí${p.suggestion ? `. ¿Quisiste decir ${code(p.suggestion)}?` : '.'}`,
    fix: () => 'Corrige el nombre o la sangría: `docker compose` rechaza el archivo entero por un campo desconocido.',
    hint: 'Los bloques propios (como `x-airflow-common`) solo pueden ir en el nivel superior y con el prefijo `x-`.',
  },
  'compose.schema.required': {
    what: (p) => `Falta el campo obligatorio ${code(p.field)}.`,
    fix: (p) => `Añade ${code(p.field)} en este bloque.`,
  },
  'compose.schema.enum': {
    what: (p) => `${code(p.value)} no es un valor válido aquí; se admite ${list(p.allowed)}.`,
    fix: () => 'Usa uno de los valores admitidos.',
  },
  'compose.schema.type': {
    what: (p) => `Este campo debe ser ${list(p.expected)} según la especificación de Compose, y es ${code(p.actual)}${p.value !== undefined && typeof p.value !== 'object' ? ` (${code(p.value)})` : ''}.`,
    fix: () => 'Revisa la sangría y el tipo: una lista empieza con `- `, un mapa con `clave: valor`.',
  },
  'compose.schema.other': {
    what: (p) => `No cumple la especificación de Compose: ${p.detail}.`,
  },
  // Services
  'compose.service.missing': {
    what: (p) => `Falta el servicio ${code(p.service)}${p.suggestion ? `. ¿Es ${code(p.suggestion)}? El nombre tiene que ser exactamente ${code(p.service)}` : ''}.${p.found ? ` Servicios definidos: ${p.found}.` : ''}`,
    fix: () => 'El ejercicio pide `postgres`, `airflow-init`, `airflow-apiserver`, `airflow-scheduler`, `airflow-dag-processor` y `airflow-triggerer`, con esos nombres.',
    hint: 'E18: en Airflow 3 el servidor web es `airflow-apiserver` (`api-server`) y el procesador de DAG es un servicio aparte.',
  },
  'compose.service.airflow2': {
    what: () => '`airflow-webserver` es de Airflow 2: en Airflow 3 esa pieza es `airflow-apiserver` con la orden `api-server`.',
    fix: () => 'Renombra el servicio a `airflow-apiserver` y su orden a `api-server`.',
    hint: 'E18: los tutoriales de Airflow 2 (`webserver`, `db init`, `/api/v1`) no funcionan con la imagen 3.x.',
  },
  'compose.service.celery': {
    what: (p) => `${code(p.service)} solo lo necesita el CeleryExecutor; este ejercicio usa el LocalExecutor.`,
    fix: (p) => `Quita el servicio ${code(p.service)}: con el LocalExecutor el planificador ejecuta las tareas él mismo.`,
  },
  'compose.command.missing': {
    what: (p) => `El servicio ${code(p.service)} no tiene \`command\`: la imagen de Airflow no sabría qué pieza arrancar.`,
    fix: (p) => `Añade \`command: ${p.expected}\`.`,
  },
  'compose.command.webserver': {
    what: (p) => `\`${p.actual}\` es una orden de Airflow 2; en Airflow 3 no existe.`,
    fix: (p) => `Usa \`command: ${p.expected}\`.`,
    hint: 'E18: el servidor web de Airflow 2 pasó a ser `api-server` en Airflow 3.',
  },
  'compose.command.wrong': {
    what: (p) => `El servicio ${code(p.service)} ejecuta \`${p.actual}\`; se espera \`${p.expected}\`.`,
    fix: (p) => `Usa \`command: ${p.expected}\`.`,
  },
  // Anchor
  'compose.anchor.missing': {
    what: (p) => `No hay un bloque \`x-airflow-common\` en el nivel superior${p.suggestion ? ` (hay ${code(p.suggestion)}: el nombre debe ser exactamente \`x-airflow-common\`)` : ''}.`,
    fix: () => 'Define `x-airflow-common: &airflow-common` con la imagen, el entorno, los volúmenes y el usuario comunes, y fusiónalo en cada servicio de Airflow con `<<: *airflow-common`.',
  },
  'compose.anchor.notMap': {
    what: () => '`x-airflow-common` no es un mapa (`clave: valor`): no se puede fusionar con `<<:`.',
  },
  'compose.anchor.noAnchor': {
    what: () => '`x-airflow-common` no define un ancla: le falta `&airflow-common` detrás de los dos puntos.',
    fix: () => 'Escribe `x-airflow-common: &airflow-common` y fusiónalo en los servicios con `<<: *airflow-common`.',
  },
  'compose.anchor.notMerged': {
    what: (p) => `El servicio ${code(p.service)} no fusiona el ancla \`&${p.anchor}\`${p.merged ? ` (fusiona ${String(p.merged).split(', ').map((a) => `\`*${a}\``).join(', ')})` : ''}.`,
    fix: (p) => `Añade \`<<: *${p.anchor}\` como primera clave del servicio: así comparte imagen, entorno, volúmenes y usuario con los demás.`,
    hint: 'Copiar el entorno a mano en cada servicio funciona hasta que cambias una variable en un sitio y no en otro (E17 es justo eso con el secreto JWT).',
  },
  // Image
  'compose.image.missing': {
    what: (p) => `El servicio ${code(p.service)} no tiene \`image\`.`,
    fix: () => 'Pon la imagen en el ancla: `image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:3.3.2}`.',
  },
  'compose.image.notAirflow': {
    what: (p) => `La imagen ${code(p.image)}${p.written ? ` (escrita ${code(p.written)})` : ''} no es \`apache/airflow\`${where(p)}.`,
    fix: () => 'Usa la imagen oficial con una versión exacta: `apache/airflow:3.3.2`.',
  },
  'compose.image.untagged': {
    what: (p) => `La imagen ${code(p.image)} no lleva etiqueta: Docker usa \`latest\`, que cambia sin avisar${where(p)}.`,
    fix: () => 'Fija una versión 3.x exacta: `apache/airflow:3.3.2`.',
  },
  'compose.image.latest': {
    what: (p) => `La imagen ${code(p.image)}${p.written ? ` (escrita ${code(p.written)})` : ''} usa \`latest\`${where(p)}: el archivo dejaría de funcionar el día que salga una versión incompatible.`,
    fix: () => 'Fija una versión 3.x exacta: `apache/airflow:3.3.2`.',
    hint: 'E18: con `latest` un compañero puede tener Airflow 3.2 y tú 3.3, con órdenes y variables distintas.',
  },
  'compose.image.airflow2': {
    what: (p) => `La imagen ${code(p.image)} es de Airflow 2${where(p)}; el ejercicio es de Airflow 3 (\`api-server\`, \`dag-processor\`, JWT).`,
    fix: () => 'Usa `apache/airflow:3.3.2`.',
    hint: 'E18: los servicios `airflow-apiserver` y `airflow-dag-processor` no existen en Airflow 2.',
  },
  'compose.image.notExact': {
    what: (p) => `La etiqueta ${code(p.tag)} de ${code(p.image)} no es una versión exacta \`3.x.y\`${where(p)}: \`3\` o \`3.3\` apuntan a la última publicada de esa rama.`,
    fix: () => 'Escribe las tres cifras: `apache/airflow:3.3.2`.',
  },
  // Environment
  'compose.env.missing': {
    what: (p) => `Falta la variable ${code(p.key)} en el \`environment\`${where(p)}.`,
    fix: (p) => [ENV_FIX[String(p.key)] ?? `Añade ${code(p.key)} al \`environment\`.`, ENV_HINT[String(p.key)]].filter(Boolean).join(' '),
    hint: 'Las variables comunes van en `x-airflow-common.environment`; un servicio puede añadir las suyas con `environment: {<<: *airflow-common-env, …}`.',
  },
  'compose.env.unresolved': {
    what: (p) => `${code(p.key)}${where(p)} usa ${list(p.variables)}, que ni \`${p.envFile}\` define ni tiene valor por defecto: Docker Compose la dejaría vacía.`,
    fix: (p) => `Define ${list(p.variables)} en \`${p.envFile}\` (y en tu \`.env\`), o corrige el nombre de la variable.`,
  },
  'compose.executor.celery': {
    what: (p) => `El ejecutor es ${code(p.value)}${where(p)}: necesita Redis y *workers*, que este ejercicio no tiene.`,
    fix: () => 'Usa `AIRFLOW__CORE__EXECUTOR: LocalExecutor`: el planificador ejecuta las tareas en subprocesos, con menos contenedores y memoria.',
    hint: 'El `docker-compose.yaml` oficial de Airflow usa Celery; el del taller, LocalExecutor con Postgres.',
  },
  'compose.executor.sequential': {
    what: (p) => `${code(p.value)} ya no existe en Airflow 3${where(p)}.`,
    fix: () => 'Usa `AIRFLOW__CORE__EXECUTOR: LocalExecutor`.',
  },
  'compose.executor.other': {
    what: (p) => `El ejecutor es ${code(p.value)}${where(p)}; el ejercicio pide el LocalExecutor.`,
    fix: () => 'Usa `AIRFLOW__CORE__EXECUTOR: LocalExecutor`.',
  },
  'compose.secret.literal': {
    what: (p) => `${code(p.key)}${where(p)} tiene el secreto escrito en el archivo de Compose.`,
    fix: (p) => `Toma el valor de \`.env\`: \`${p.key}: \${${/^_?AIRFLOW/.test(String(p.key)) && String(p.key).includes('JWT') ? 'AIRFLOW_JWT_SECRET' : String(p.key).replace(/^AIRFLOW__\w+__/, '')}}\`, y escribe el valor en \`.env\` (que no se sube al repositorio).`,
    hint: 'El archivo de Compose se comparte y se sube a Git; las contraseñas y secretos viven en `.env`. El kit trae `.env.example` como plantilla.',
  },
  'compose.secret.inUrl': {
    what: (p) => `${code(p.key)}${where(p)} lleva una contraseña escrita dentro de la URL.`,
    fix: () => 'Interpola usuario y contraseña desde `.env`: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
    hint: 'El archivo de Compose se sube a Git; la contraseña, solo a tu `.env`.',
  },
  'compose.secret.default': {
    what: (p) => `${code(p.key)}${where(p)} deja la contraseña ${code(p.value)} escrita como valor por defecto de ${code(p.variable)}: si falta en \`.env\`, Compose la usa sin avisar.`,
    fix: (p) => `Quita el valor por defecto: \`\${${p.variable}}\`, o mejor \`\${${p.variable}:?define ${p.variable} en .env}\`, que para Compose con un mensaje si falta.`,
  },
  'compose.db.notPostgres': {
    what: (p) => `La base de metadatos no es Postgres${where(p)}: la conexión resuelve a ${code(p.value)}.`,
    fix: () => 'Usa `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
  },
  'compose.db.host': {
    what: (p) => `La conexión apunta al servidor ${code(p.host)}${where(p)}; dentro de la red de Compose, Postgres se llama como su servicio: \`postgres\`.`,
    fix: () => 'Usa `@postgres/` como servidor en la URL (`localhost` sería el propio contenedor de Airflow).',
  },
  'compose.db.userNotFromEnv': {
    what: (p) => (p.user ? `El usuario de la conexión a Postgres (${code(p.user)})${where(p)} está escrito en el archivo, no sale de \`.env\`.` : `La conexión a Postgres${where(p)} no lleva usuario.`),
    fix: () => 'Toma el usuario y la contraseña de `.env`, los mismos que recibe el servicio `postgres`: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
    hint: 'Si el usuario está escrito, cambiar `POSTGRES_USER` en `.env` crea otro usuario en Postgres y Airflow ya no puede entrar.',
  },
  'compose.db.noPassword': {
    what: (p) => `La conexión a Postgres${where(p)} no lleva contraseña: Postgres rechazaría a Airflow.`,
    fix: () => 'Añade la contraseña de `.env` tras el usuario: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
  },
  'compose.db.notInterpolated': {
    what: (p) => `La conexión a Postgres${where(p)} está escrita entera en el archivo, sin variables de \`.env\`.`,
    fix: () => 'Interpola usuario y contraseña: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
  },
  'compose.bool.yaml11': {
    what: (p) => `${code(p.key)} vale ${code(p.value)}${where(p)}: Compose v2 lee YAML 1.2, así que \`${p.value}\` es el texto «${p.value}», no un booleano, y Airflow no lo entiende.`,
    fix: (p) => `Escribe \`'${/^(no|off|n)$/i.test(String(p.value)) ? 'false' : 'true'}'\` (entre comillas).`,
  },
  'compose.examples.on': {
    what: (p) => `\`AIRFLOW__CORE__LOAD_EXAMPLES\` vale ${code(p.value)}${where(p)}: Airflow cargaría unos 80 DAG de ejemplo que esconden los tuyos y gastan memoria.`,
    fix: () => "Escribe `AIRFLOW__CORE__LOAD_EXAMPLES: 'false'`.",
  },
  'compose.executionApi.localhost': {
    what: (p) => `\`AIRFLOW__CORE__EXECUTION_API_SERVER_URL\` vale ${code(p.value)}${where(p)}: dentro de un contenedor, \`localhost\` es ese mismo contenedor, no la API.`,
    fix: () => "Usa `'http://airflow-apiserver:8080/execution/'`: el nombre del servicio y el puerto del contenedor.",
    hint: ENV_HINT.AIRFLOW__CORE__EXECUTION_API_SERVER_URL,
  },
  'compose.executionApi.wrong': {
    what: (p) => `\`AIRFLOW__CORE__EXECUTION_API_SERVER_URL\` vale ${code(p.value)}${where(p)}; se espera \`http://airflow-apiserver:8080/execution/\`.`,
    fix: () => "Usa `'http://airflow-apiserver:8080/execution/'` (el puerto del contenedor, 8080, no el publicado).",
    hint: ENV_HINT.AIRFLOW__CORE__EXECUTION_API_SERVER_URL,
  },
  'compose.jwt.empty': {
    what: (p) => `\`AIRFLOW__API_AUTH__JWT_SECRET\`${where(p)} queda vacío: ${list(p.variables)} no tiene valor en \`${p.envFile}\`.`,
    fix: (p) => `Escribe un valor largo y aleatorio para ${list(p.variables)} en \`${p.envFile}\` (por ejemplo con \`openssl rand -hex 32\`).`,
    hint: ENV_HINT.AIRFLOW__API_AUTH__JWT_SECRET,
  },
  'compose.jwt.different': {
    what: (p) => `Los servicios no comparten el mismo \`AIRFLOW__API_AUTH__JWT_SECRET\`: ${((p.values as string[] | undefined) ?? []).join('; ')}.`,
    fix: () => 'Define el secreto una sola vez, en el `environment` del ancla `x-airflow-common`, tomado de una variable de `.env`.',
    hint: ENV_HINT.AIRFLOW__API_AUTH__JWT_SECRET,
  },
  'compose.auth.notFab': {
    what: (p) => `El gestor de autenticación es ${code(p.value)}${where(p)}; el ejercicio usa el de FAB, que guarda usuarios y contraseñas en Postgres.`,
    fix: () => 'Usa `AIRFLOW__CORE__AUTH_MANAGER: airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager`.',
    hint: 'Con el `SimpleAuthManager` por defecto, Airflow 3 genera contraseñas al azar en cada arranque y `/auth/token` no acepta las de `.env`.',
  },
  'compose.user.literal': {
    what: (p) => `${code(p.key)} está escrito en el archivo de Compose en lugar de tomarse de \`.env\`.`,
    fix: (p) => `Escribe \`${p.key}: \${${p.key}}\` y el valor en \`.env\`.`,
  },
  'compose.user.empty': {
    what: (p) => `${code(p.key)} queda vacío: su variable no tiene valor en \`${p.envFile}\`.`,
    fix: (p) => `Da un valor a la variable en \`${p.envFile}\` (y en tu \`.env\`).`,
  },
  'compose.user.create': {
    what: (p) => `\`_AIRFLOW_WWW_USER_CREATE\` vale ${code(p.value)}${where(p)}: \`airflow-init\` no crearía el usuario.`,
    fix: () => "Escribe `_AIRFLOW_WWW_USER_CREATE: 'true'` en el `environment` de `airflow-init`.",
  },
  'compose.scheduler.healthOff': {
    what: (p) => `\`AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK\` vale ${code(p.value)}${where(p)}: el planificador no abriría su puerto de salud 8974.`,
    fix: () => "Escribe `AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'true'`.",
  },
  'compose.refresh.notNumber': {
    what: (p) => `\`AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL\` vale ${code(p.value)}${where(p)}; debe ser un número de segundos.`,
    fix: () => "Escribe `AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: '10'`.",
    hint: ENV_HINT.AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL,
  },
  'compose.refresh.tooLong': {
    what: (p) => `\`AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL\` vale ${p.value} s${where(p)}; para el taller, como mucho ${p.max} s.`,
    fix: () => "Baja el intervalo, por ejemplo a `'10'`.",
    hint: ENV_HINT.AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL,
  },
  // Ports
  'compose.port.missing': {
    what: () => '`airflow-apiserver` no publica ningún puerto: no podrías abrir la interfaz en el navegador.',
    fix: () => 'Añade `ports: ["${AIRFLOW_PUERTO:-8080}:8080"]`.',
  },
  'compose.port.noTarget': {
    what: (p) => `\`airflow-apiserver\` no publica el puerto 8080 del contenedor (publica ${p.found}).`,
    fix: () => 'El servidor escucha en el 8080 del contenedor: `"${AIRFLOW_PUERTO:-8080}:8080"`.',
  },
  'compose.port.literal': {
    what: (p) => `El puerto del anfitrión está fijado a ${code(p.host)} (${code(p.written)}); se espera \`\${AIRFLOW_PUERTO:-8080}\`.`,
    fix: () => 'Escribe `"${AIRFLOW_PUERTO:-8080}:8080"`: 8080 por defecto, y otro con `AIRFLOW_PUERTO=8081` en `.env` si el tuyo está ocupado.',
    hint: 'E11: `port is already allocated` aparece cuando otro programa usa ya el 8080; el corrector también elige un puerto libre con esa variable.',
  },
  'compose.port.random': {
    what: (p) => `${code(p.written)} publica el 8080 en un puerto al azar del anfitrión.`,
    fix: () => 'Escribe `"${AIRFLOW_PUERTO:-8080}:8080"`.',
  },
  // Health checks
  'compose.health.missing': {
    what: (p) => `El servicio ${code(p.service)} no tiene \`healthcheck\`: \`depends_on\` con \`service_healthy\` y \`docker compose up --wait\` no sabrían cuándo está listo.`,
    fix: (p) => `Añade \`healthcheck\` con \`test: ${p.expected}\`, \`interval\`, \`timeout\` y \`retries\`.`,
  },
  'compose.health.disabled': {
    what: (p) => `La comprobación de salud de ${code(p.service)} está desactivada.`,
    fix: (p) => `Usa \`test: ${p.expected}\`.`,
  },
  'compose.health.wrong': {
    what: (p) => `La comprobación de salud de ${code(p.service)} (\`${p.actual}\`) no comprueba lo que se espera.`,
    fix: (p) => `Usa \`test: ${p.expected}\`.`,
    hint: 'Postgres: `pg_isready`; la API: `/api/v2/version` o `/api/v2/monitor/health` en el 8080; el planificador: su servidor de salud en el 8974 (`AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK`).',
  },
  'compose.health.apiV1': {
    what: (p) => `La comprobación de salud de ${code(p.service)} usa \`/api/v1\`, que Airflow 3 ya no tiene.`,
    fix: (p) => `Usa \`test: ${p.expected}\`.`,
    hint: 'E18: la API REST de Airflow 3 es `/api/v2`.',
  },
  // depends_on
  'compose.dependsOn.list': {
    what: (p) => `\`depends_on\` de ${code(p.service)} es una lista: solo espera a que ${code(p.target)} arranque, no a que esté lista (\`${p.condition}\`).`,
    fix: (p) => `Escríbelo como mapa:\n    depends_on:\n      ${p.target}:\n        condition: ${p.condition}`,
    hint: 'E12: si `docker-compose` (v1) rechaza `condition`, actualiza a Docker Compose v2 ≥ 2.14 y usa `docker compose` (con espacio).',
  },
  'compose.dependsOn.missing': {
    what: (p) => `${code(p.service)} no espera a ${code(p.target)} (\`depends_on\` con \`condition: ${p.condition}\`).`,
    fix: (p) => `Añade a \`depends_on\` de ${code(p.service)}:\n      ${p.target}:\n        condition: ${p.condition}`,
    hint: 'Sin esperar a `airflow-init`, los servicios arrancan antes de que exista la base y fallan (o se reinician en bucle).',
  },
  'compose.dependsOn.condition': {
    what: (p) => `${code(p.service)} espera a ${code(p.target)} con \`${p.actual}\`; se espera \`${p.condition}\`.`,
    fix: (p) => `Escribe \`condition: ${p.condition}\`.`,
    hint: '`service_healthy` espera a que pase su `healthcheck`; `service_completed_successfully`, a que termine con código 0 (como `airflow-init`).',
  },
  // Volumes and user
  'compose.mount.missing': {
    what: (p) => `${who(p)} no monta \`./${p.folder}\` en ${code(p.target)}.`,
    fix: (p) => `Añade \`- ./${p.folder}:${p.target}\` a los \`volumes\` del ancla \`x-airflow-common\`.`,
    hint: 'Con `./dags` montado, un DAG que guardas en tu carpeta aparece en Airflow sin reconstruir nada.',
  },
  'compose.mount.namedVolume': {
    what: (p) => `\`${p.source}:${p.target}\` en ${code(p.service)} crea un volumen con nombre \`${p.source}\`, no monta tu carpeta: sin \`./\` Compose lo toma por un volumen.`,
    fix: (p) => `Escribe \`./${p.folder}:${p.target}\`.`,
  },
  'compose.mount.wrongSource': {
    what: (p) => `${code(p.target)} en ${code(p.service)} monta ${code(p.source)}; se espera \`./${p.folder}\`.`,
    fix: (p) => `Escribe \`./${p.folder}:${p.target}\`.`,
  },
  'compose.uid.missing': {
    what: (p) => `${code(p.service)} no fija \`user\`: Airflow escribiría en \`./logs\` como el uid 50000, que no es el tuyo.`,
    fix: () => 'Añade `user: "${AIRFLOW_UID}:0"` al ancla, y `AIRFLOW_UID=` con tu `id -u` en `.env`.',
    hint: 'E16: `Permission denied: /opt/airflow/logs` aparece cuando las carpetas montadas son de otro usuario.',
  },
  'compose.uid.notVariable': {
    what: (p) => `\`user\` de ${code(p.service)} vale ${code(p.user)}; se espera que el uid salga de \`AIRFLOW_UID\` en \`.env\`.`,
    fix: () => 'Escribe `user: "${AIRFLOW_UID}:0"` y pon `AIRFLOW_UID=$(id -u)` en `.env`.',
    hint: 'E16: cada persona tiene su uid; fijarlo en el archivo solo funciona en la máquina de quien lo escribió.',
  },
  'compose.uid.notInEnv': {
    what: (p) => `\`${p.envFile}\` no define \`AIRFLOW_UID\`.`,
    fix: () => 'Añade `AIRFLOW_UID=50000` a `.env.example` (y en tu `.env`, el resultado de `id -u`).',
    hint: 'E16: sin él, Compose avisa `The "AIRFLOW_UID" variable is not set`.',
  },
  // Live tier: probes and skips (`what` is the reason the reporter prints)
  'compose.unavailable.missing': {
    what: () => 'no hay Docker Compose v2: `docker compose version` falla. Instala Docker Desktop, o el paquete `docker-compose-plugin` (E12)',
  },
  'compose.unavailable.v1': {
    what: (p) => `solo está \`docker-compose\` ${p.v1 ? `${p.v1} ` : ''}(Compose v1), que no entiende \`service_completed_successfully\` ni \`up --wait\`: instala Docker Compose v2 ≥ 2.14 y usa \`docker compose\` (E12)`,
  },
  'compose.unavailable.old': {
    what: (p) => `Docker Compose ${p.version} es anterior a 2.14: no entiende \`service_completed_successfully\` ni \`up --wait\`; actualiza Docker Desktop o \`docker-compose-plugin\` (E12)`,
  },
  'compose.unavailable.unknownVersion': {
    what: (p) => `no se reconoce la versión de Docker Compose (\`${p.version}\`); hace falta la 2.14 o posterior (E12)`,
  },
  'compose.skip.staticFailed': {
    what: () => 'el nivel estático tiene líneas sin cumplir: corrígelas primero (levantar Airflow con ese archivo fallaría o no demostraría nada)',
  },
  'compose.skip.imageUnavailable': {
    what: (p) => `la imagen \`${p.image}\` no está en este Docker y no se puede descargar (${p.detail}); con conexión, \`docker compose pull\` la trae (E14, E15)`,
  },
  'compose.skip.notReached': {
    what: () => 'no se llegó a comprobar (el arranque se detuvo antes)',
  },
  'compose.skip.earlierStep': {
    what: (p) => `no se comprobó: antes falló «${p.step}»`,
  },
  // Live tier: failures
  'compose.live.config': {
    what: (p) => `\`docker compose config\` rechaza el archivo:\n      ${p.detail}`,
    fix: () => 'Prueba `docker compose config` en la carpeta del ejercicio: dice la línea y el campo.',
  },
  'compose.live.imageNotFound': {
    what: (p) => `La imagen \`${p.image}\` no existe en el registro (${p.detail}).`,
    fix: () => 'Revisa el nombre y la etiqueta: `apache/airflow:3.3.2`.',
  },
  'compose.live.upFailed': {
    what: (p) =>
      [
        `\`docker compose up -d --wait\` ${p.timedOut ? 'no terminó a tiempo' : 'falló'}: ${p.summary}`,
        p.states ? `    Estado: ${p.states}` : '',
        ...((p.evidence as string[]) ?? []).map((l) => `    ${l}`),
        ...((p.causes as string[]) ?? []).map((c) => `    Causa probable: ${c}`),
      ].filter(Boolean).join('\n'),
    fix: () => 'Repite a mano: `docker compose up -d --wait`, y mira `docker compose ps -a` y `docker compose logs <servicio>` del que no está sano.',
    hint: 'E05: Airflow necesita 4 GB de memoria para Docker (8 GB ideal).',
  },
  'compose.live.unhealthy': {
    what: (p) => `\`/api/v2/monitor/health\` no informa de todas las piezas sanas: ${p.components}.`,
    fix: () => 'Mira `docker compose logs airflow-scheduler airflow-dag-processor airflow-triggerer`: cada pieza informa de su latido a la base.',
  },
  'compose.live.token': {
    what: (p) => `\`POST /auth/token\` con el usuario \`${p.username}\` de \`.env\` no dio un token (HTTP ${p.status}): ${p.body}`,
    fix: () => 'Comprueba que `airflow-init` crea ese usuario (`_AIRFLOW_WWW_USER_CREATE`, `_USERNAME`, `_PASSWORD`) y que el gestor de autenticación es el de FAB. Si cambiaste la contraseña en `.env` después de crear el usuario, `docker compose down -v` borra la base y lo recrea.',
  },
  'compose.live.dagMissing': {
    what: (p) =>
      [p.broken ? `El DAG \`${p.dagId}\` no se puede importar: no aparecerá en la API.` : `El DAG \`${p.dagId}\` no apareció en la API en ${p.seconds} s.`, ...((p.importErrors as string[]) ?? []).map((e) => `    Error de importación: ${e}`)].join('\n'),
    fix: () => 'Comprueba que `./dags` está montado en `/opt/airflow/dags` y mira `docker compose exec airflow-scheduler airflow dags list-import-errors`.',
    hint: 'E19: el procesador de DAG relee la carpeta cada `AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL` segundos.',
  },
  'compose.live.trigger': {
    what: (p) => `No se pudo lanzar el DAG (HTTP ${p.status}): ${p.body}`,
  },
  'compose.live.runFailed': {
    what: (p) =>
      [
        p.ended ? `La ejecución de \`${p.dagId}\` terminó en \`${p.state}\`.` : `La ejecución de \`${p.dagId}\` no terminó en ${p.seconds} s (estado \`${p.state}\`).`,
        ...((p.tasks as string[]) ?? []).map((t) => `    Tarea ${t}`),
        p.jwt ? '    Causa probable: E17, el registro del planificador dice `Signature verification failed`.' : '',
      ].filter(Boolean).join('\n'),
    fix: () => 'Mira el registro de la tarea en la interfaz (http://localhost:8080) o `docker compose logs airflow-scheduler`.',
    hint: 'E17: si todas las tareas fallan al instante, los servicios no comparten `AIRFLOW__API_AUTH__JWT_SECRET`; si se quedan en cola, revisa `AIRFLOW__CORE__EXECUTION_API_SERVER_URL`.',
  },
  'compose.live.down': {
    what: (p) => `\`docker compose down -v\` (proyecto ${code(p.project)}) no dejó todo limpio (código ${p.code}${p.detail ? `: ${p.detail}` : ''})${(p.leftovers as string[])?.length ? `; quedan: ${(p.leftovers as string[]).join(', ')}` : ''}.`,
    fix: (p) => `Bórralo a mano: \`docker compose -p ${p.project} down -v --remove-orphans\`.`,
  },
};
