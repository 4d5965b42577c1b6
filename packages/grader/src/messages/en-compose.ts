// English messages for exercise 03's Compose file (Airflow 3 with the LocalExecutor). Spread into `en`.
import type { Catalogue, Params } from './types.ts';
import { code } from './format.ts';

const who = (p: Params) => ((p.services as string[] | undefined) ?? [String(p.service)]).map(code).join(', ');
const list = (v: unknown) => (Array.isArray(v) ? v.map(code).join(', ') : code(v));
/** "(in airflow-scheduler, airflow-triggerer)" when an inherited value affects several services. */
const where = (p: Params) => {
  const s = (p.services as string[] | undefined) ?? (p.service ? [String(p.service)] : []);
  return s.length ? ` (in ${s.map(code).join(', ')})` : '';
};
// The parser passes `kind` in Spanish; translate the known values.
const KIND: Record<string, string> = { 'una lista': 'a list', 'un valor suelto': 'a plain value' };

const ENV_FIX: Record<string, string> = {
  AIRFLOW__CORE__EXECUTOR: 'Add `AIRFLOW__CORE__EXECUTOR: LocalExecutor` to the `environment` of the `x-airflow-common` anchor.',
  AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: 'Add `AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}` to the anchor\'s `environment`.',
  AIRFLOW__CORE__LOAD_EXAMPLES: "Add `AIRFLOW__CORE__LOAD_EXAMPLES: 'false'` to the anchor's `environment`.",
  AIRFLOW__CORE__EXECUTION_API_SERVER_URL: "Add `AIRFLOW__CORE__EXECUTION_API_SERVER_URL: 'http://airflow-apiserver:8080/execution/'` to the anchor's `environment`.",
  AIRFLOW__API_AUTH__JWT_SECRET: 'Add `AIRFLOW__API_AUTH__JWT_SECRET: ${AIRFLOW_JWT_SECRET:?define AIRFLOW_JWT_SECRET en .env}` to the anchor\'s `environment`, and the value to `.env`.',
  AIRFLOW__CORE__AUTH_MANAGER: `Add \`AIRFLOW__CORE__AUTH_MANAGER: airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager\` to the anchor's \`environment\`.`,
  AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: "Add `AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'true'` (in the anchor or in the `airflow-scheduler` service).",
  AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: "Add `AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: '10'` (seconds) to the `environment` of the anchor or of `airflow-dag-processor`.",
  _AIRFLOW_WWW_USER_USERNAME: 'Add `_AIRFLOW_WWW_USER_USERNAME: ${_AIRFLOW_WWW_USER_USERNAME}` to the `environment` of `airflow-init`, and the value to `.env`.',
  _AIRFLOW_WWW_USER_PASSWORD: 'Add `_AIRFLOW_WWW_USER_PASSWORD: ${_AIRFLOW_WWW_USER_PASSWORD}` to the `environment` of `airflow-init`, and the value to `.env`.',
  _AIRFLOW_WWW_USER_CREATE: "Add `_AIRFLOW_WWW_USER_CREATE: 'true'` to the `environment` of `airflow-init`.",
  POSTGRES_PASSWORD: 'Add `POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}` to the `environment` of `postgres`, and the value to `.env`.',
};
const ENV_HINT: Record<string, string> = {
  AIRFLOW__API_AUTH__JWT_SECRET: 'E17: without a shared secret each service makes up its own at startup, and tasks fail instantly with `Invalid auth token: Signature verification failed`.',
  AIRFLOW__CORE__EXECUTION_API_SERVER_URL: 'In Airflow 3, tasks report their state to the execution API; without this variable they look for it at `localhost:8080` in their own container and fail.',
  AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: 'E19: by default the processor rereads `dags/` every 300 s, so a new DAG takes minutes to show up.',
};

export const enCompose: Catalogue = {
  // Reading
  'compose.missing': {
    what: (p) => `There is no ${code(p.file)} in the folder being graded.`,
    fix: () => 'Start from the exercise\'s `docker-compose.yaml` (it has the TODOs you need to complete).',
  },
  'compose.empty': {
    what: () => 'The Compose file is empty or contains only comments.',
    fix: () => 'Get the exercise\'s `docker-compose.yaml` back and complete it.',
  },
  'compose.multipleDocuments': {
    what: () => 'The file has more than one YAML document (`---`); Docker Compose reads only one.',
    fix: () => 'Remove the `---` line and put everything in a single document.',
  },
  'compose.notMapping': {
    what: () => 'The file is not a `key: value` mapping (Compose expects `services:` at the top level).',
  },
  'compose.alias.unknown': {
    what: (p) =>
      p.later
        ? `The alias \`*${p.alias}\` is used before its anchor \`&${p.alias}\` is defined: in YAML the anchor has to come first.`
        : `The alias \`*${p.alias}\` does not match any anchor${p.known ? ` (anchors defined: ${String(p.known).split(', ').map((a) => `\`&${a}\``).join(', ')})` : ''}.`,
    fix: (p) => (p.later ? `Move the block with \`&${p.alias}\` (usually \`x-airflow-common\`) to the top of the file.` : 'Write the exact anchor name, spelled the same as after `&`.'),
    hint: 'An anchor `&name` marks a block; `*name` repeats it and `<<: *name` merges it into a mapping.',
  },
  'compose.merge.notMap': {
    what: (p) => `\`<<: *${p.alias}\` cannot be merged: the anchor \`&${p.alias}\` is ${KIND[String(p.kind)] ?? p.kind}, and \`<<:\` only merges mappings (\`key: value\`).`,
    fix: () => 'Merge the anchor of the whole block (`<<: *airflow-common`); to reuse a list, use the alias as the field\'s value (`volumes: *mis-volumenes`).',
  },
  'compose.merge.notAlias': {
    what: (p) => `\`<<:\` is followed by ${p.text ? `\`${p.text}\`` : 'something'} instead of an alias: a YAML merge needs \`*name\`.`,
    fix: () => 'Write `<<: *airflow-common` (with the asterisk).',
  },
  // Schema
  'compose.schema.unknownField': {
    what: (p) => `The Compose specification has no ${code(p.field)} field here${p.suggestion ? `. Did you mean ${code(p.suggestion)}?` : '.'}`,
    fix: () => 'Fix the name or the indentation: `docker compose` rejects the whole file over one unknown field.',
    hint: 'Custom blocks (like `x-airflow-common`) can only go at the top level, with the `x-` prefix.',
  },
  'compose.schema.required': {
    what: (p) => `Required field ${code(p.field)} is missing.`,
    fix: (p) => `Add ${code(p.field)} to this block.`,
  },
  'compose.schema.enum': {
    what: (p) => `${code(p.value)} is not a valid value here; allowed: ${list(p.allowed)}.`,
    fix: () => 'Use one of the allowed values.',
  },
  'compose.schema.type': {
    what: (p) => `This field must be ${list(p.expected)} according to the Compose specification, but it is ${code(p.actual)}${p.value !== undefined && typeof p.value !== 'object' ? ` (${code(p.value)})` : ''}.`,
    fix: () => 'Check the indentation and the type: a list starts with `- `, a mapping with `key: value`.',
  },
  'compose.schema.other': {
    what: (p) => `Does not follow the Compose specification: ${p.detail}.`,
  },
  // Services
  'compose.service.missing': {
    what: (p) => `The ${code(p.service)} service is missing${p.suggestion ? `. Is it ${code(p.suggestion)}? The name has to be exactly ${code(p.service)}` : ''}.${p.found ? ` Services defined: ${p.found}.` : ''}`,
    fix: () => 'The exercise asks for `postgres`, `airflow-init`, `airflow-apiserver`, `airflow-scheduler`, `airflow-dag-processor` and `airflow-triggerer`, with those names.',
    hint: 'E18: in Airflow 3 the web server is `airflow-apiserver` (`api-server`) and the DAG processor is a separate service.',
  },
  'compose.service.airflow2': {
    what: () => '`airflow-webserver` is from Airflow 2: in Airflow 3 that piece is `airflow-apiserver` with the `api-server` command.',
    fix: () => 'Rename the service to `airflow-apiserver` and its command to `api-server`.',
    hint: 'E18: Airflow 2 tutorials (`webserver`, `db init`, `/api/v1`) do not work with the 3.x image.',
  },
  'compose.service.celery': {
    what: (p) => `${code(p.service)} is only needed by the CeleryExecutor; this exercise uses the LocalExecutor.`,
    fix: (p) => `Remove the ${code(p.service)} service: with the LocalExecutor the scheduler runs the tasks itself.`,
  },
  'compose.command.missing': {
    what: (p) => `The ${code(p.service)} service has no \`command\`: the Airflow image would not know which piece to start.`,
    fix: (p) => `Add \`command: ${p.expected}\`.`,
  },
  'compose.command.webserver': {
    what: (p) => `\`${p.actual}\` is an Airflow 2 command; it does not exist in Airflow 3.`,
    fix: (p) => `Use \`command: ${p.expected}\`.`,
    hint: 'E18: the Airflow 2 web server became `api-server` in Airflow 3.',
  },
  'compose.command.wrong': {
    what: (p) => `The ${code(p.service)} service runs \`${p.actual}\`; expected \`${p.expected}\`.`,
    fix: (p) => `Use \`command: ${p.expected}\`.`,
  },
  // Anchor
  'compose.anchor.missing': {
    what: (p) => `There is no \`x-airflow-common\` block at the top level${p.suggestion ? ` (there is ${code(p.suggestion)}: the name must be exactly \`x-airflow-common\`)` : ''}.`,
    fix: () => 'Define `x-airflow-common: &airflow-common` with the shared image, environment, volumes and user, and merge it into each Airflow service with `<<: *airflow-common`.',
  },
  'compose.anchor.notMap': {
    what: () => '`x-airflow-common` is not a mapping (`key: value`): it cannot be merged with `<<:`.',
  },
  'compose.anchor.noAnchor': {
    what: () => '`x-airflow-common` does not define an anchor: it is missing `&airflow-common` after the colon.',
    fix: () => 'Write `x-airflow-common: &airflow-common` and merge it into the services with `<<: *airflow-common`.',
  },
  'compose.anchor.notMerged': {
    what: (p) => `The ${code(p.service)} service does not merge the anchor \`&${p.anchor}\`${p.merged ? ` (it merges ${String(p.merged).split(', ').map((a) => `\`*${a}\``).join(', ')})` : ''}.`,
    fix: (p) => `Add \`<<: *${p.anchor}\` as the service's first key: that way it shares image, environment, volumes and user with the others.`,
    hint: 'Copying the environment by hand into each service works until you change a variable in one place and not another (E17 is exactly that, with the JWT secret).',
  },
  // Image
  'compose.image.missing': {
    what: (p) => `The ${code(p.service)} service has no \`image\`.`,
    fix: () => 'Put the image in the anchor: `image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:3.3.2}`.',
  },
  'compose.image.notAirflow': {
    what: (p) => `The image ${code(p.image)}${p.written ? ` (written ${code(p.written)})` : ''} is not \`apache/airflow\`${where(p)}.`,
    fix: () => 'Use the official image with an exact version: `apache/airflow:3.3.2`.',
  },
  'compose.image.untagged': {
    what: (p) => `The image ${code(p.image)} has no tag: Docker uses \`latest\`, which changes without warning${where(p)}.`,
    fix: () => 'Pin an exact 3.x version: `apache/airflow:3.3.2`.',
  },
  'compose.image.latest': {
    what: (p) => `The image ${code(p.image)}${p.written ? ` (written ${code(p.written)})` : ''} uses \`latest\`${where(p)}: the file would stop working the day an incompatible version is released.`,
    fix: () => 'Pin an exact 3.x version: `apache/airflow:3.3.2`.',
    hint: 'E18: with `latest` a classmate could have Airflow 3.2 and you 3.3, with different commands and variables.',
  },
  'compose.image.airflow2': {
    what: (p) => `The image ${code(p.image)} is Airflow 2${where(p)}; the exercise is for Airflow 3 (\`api-server\`, \`dag-processor\`, JWT).`,
    fix: () => 'Use `apache/airflow:3.3.2`.',
    hint: 'E18: the `airflow-apiserver` and `airflow-dag-processor` services do not exist in Airflow 2.',
  },
  'compose.image.notExact': {
    what: (p) => `The tag ${code(p.tag)} of ${code(p.image)} is not an exact \`3.x.y\` version${where(p)}: \`3\` or \`3.3\` point to the latest release of that line.`,
    fix: () => 'Write all three numbers: `apache/airflow:3.3.2`.',
  },
  // Environment
  'compose.env.missing': {
    what: (p) => `The variable ${code(p.key)} is missing from the \`environment\`${where(p)}.`,
    fix: (p) => [ENV_FIX[String(p.key)] ?? `Add ${code(p.key)} to the \`environment\`.`, ENV_HINT[String(p.key)]].filter(Boolean).join(' '),
    hint: 'Shared variables go in `x-airflow-common.environment`; a service can add its own with `environment: {<<: *airflow-common-env, …}`.',
  },
  'compose.env.unresolved': {
    what: (p) => `${code(p.key)}${where(p)} uses ${list(p.variables)}, which \`${p.envFile}\` does not define and which has no default value: Docker Compose would leave it empty.`,
    fix: (p) => `Define ${list(p.variables)} in \`${p.envFile}\` (and in your \`.env\`), or fix the variable name.`,
  },
  'compose.executor.celery': {
    what: (p) => `The executor is ${code(p.value)}${where(p)}: it needs Redis and *workers*, which this exercise does not have.`,
    fix: () => 'Use `AIRFLOW__CORE__EXECUTOR: LocalExecutor`: the scheduler runs tasks in subprocesses, with fewer containers and less memory.',
    hint: 'The official Airflow `docker-compose.yaml` uses Celery; the workshop\'s uses the LocalExecutor with Postgres.',
  },
  'compose.executor.sequential': {
    what: (p) => `${code(p.value)} no longer exists in Airflow 3${where(p)}.`,
    fix: () => 'Use `AIRFLOW__CORE__EXECUTOR: LocalExecutor`.',
  },
  'compose.executor.other': {
    what: (p) => `The executor is ${code(p.value)}${where(p)}; the exercise asks for the LocalExecutor.`,
    fix: () => 'Use `AIRFLOW__CORE__EXECUTOR: LocalExecutor`.',
  },
  'compose.secret.literal': {
    what: (p) => `${code(p.key)}${where(p)} has the secret written in the Compose file.`,
    fix: (p) => `Take the value from \`.env\`: \`${p.key}: \${${/^_?AIRFLOW/.test(String(p.key)) && String(p.key).includes('JWT') ? 'AIRFLOW_JWT_SECRET' : String(p.key).replace(/^AIRFLOW__\w+__/, '')}}\`, and write the value in \`.env\` (which is not pushed to the repository).`,
    hint: 'The Compose file is shared and pushed to Git; passwords and secrets live in `.env`. The kit ships `.env.example` as a template.',
  },
  'compose.secret.inUrl': {
    what: (p) => `${code(p.key)}${where(p)} has a password written inside the URL.`,
    fix: () => 'Interpolate the user and password from `.env`: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
    hint: 'The Compose file goes to Git; the password goes only in your `.env`.',
  },
  'compose.secret.default': {
    what: (p) => `${code(p.key)}${where(p)} leaves the password ${code(p.value)} written as the default value of ${code(p.variable)}: if it is missing from \`.env\`, Compose uses it silently.`,
    fix: (p) => `Remove the default value: \`\${${p.variable}}\`, or better \`\${${p.variable}:?define ${p.variable} en .env}\`, which stops Compose with a message if it is missing.`,
  },
  'compose.db.notPostgres': {
    what: (p) => `The metadata database is not Postgres${where(p)}: the connection resolves to ${code(p.value)}.`,
    fix: () => 'Use `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
  },
  'compose.db.host': {
    what: (p) => `The connection points to the host ${code(p.host)}${where(p)}; inside the Compose network, Postgres is reached by its service name: \`postgres\`.`,
    fix: () => 'Use `@postgres/` as the host in the URL (`localhost` would be the Airflow container itself).',
  },
  'compose.db.userNotFromEnv': {
    what: (p) => (p.user ? `The Postgres connection's user (${code(p.user)})${where(p)} is written in the file, not taken from \`.env\`.` : `The Postgres connection${where(p)} has no user.`),
    fix: () => 'Take the user and the password from `.env`, the same the `postgres` service gets: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
    hint: 'With the user written out, changing `POSTGRES_USER` in `.env` creates another user in Postgres and Airflow can no longer log in.',
  },
  'compose.db.noPassword': {
    what: (p) => `The Postgres connection${where(p)} has no password: Postgres would reject Airflow.`,
    fix: () => 'Add the password from `.env` after the user: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
  },
  'compose.db.notInterpolated': {
    what: (p) => `The Postgres connection${where(p)} is written out in full in the file, with no variables from \`.env\`.`,
    fix: () => 'Interpolate the user and password: `postgresql+psycopg2://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres/${POSTGRES_DB}`.',
  },
  'compose.bool.yaml11': {
    what: (p) => `${code(p.key)} is ${code(p.value)}${where(p)}: Compose v2 reads YAML 1.2, so \`${p.value}\` is the string "${p.value}", not a boolean, and Airflow does not understand it.`,
    fix: (p) => `Write \`'${/^(no|off|n)$/i.test(String(p.value)) ? 'false' : 'true'}'\` (in quotes).`,
  },
  'compose.examples.on': {
    what: (p) => `\`AIRFLOW__CORE__LOAD_EXAMPLES\` is ${code(p.value)}${where(p)}: Airflow would load about 80 example DAGs that hide yours and use up memory.`,
    fix: () => "Write `AIRFLOW__CORE__LOAD_EXAMPLES: 'false'`.",
  },
  'compose.executionApi.localhost': {
    what: (p) => `\`AIRFLOW__CORE__EXECUTION_API_SERVER_URL\` is ${code(p.value)}${where(p)}: inside a container, \`localhost\` is that same container, not the API.`,
    fix: () => "Use `'http://airflow-apiserver:8080/execution/'`: the service name and the container port.",
    hint: ENV_HINT.AIRFLOW__CORE__EXECUTION_API_SERVER_URL,
  },
  'compose.executionApi.wrong': {
    what: (p) => `\`AIRFLOW__CORE__EXECUTION_API_SERVER_URL\` is ${code(p.value)}${where(p)}; expected \`http://airflow-apiserver:8080/execution/\`.`,
    fix: () => "Use `'http://airflow-apiserver:8080/execution/'` (the container port, 8080, not the published one).",
    hint: ENV_HINT.AIRFLOW__CORE__EXECUTION_API_SERVER_URL,
  },
  'compose.jwt.empty': {
    what: (p) => `\`AIRFLOW__API_AUTH__JWT_SECRET\`${where(p)} ends up empty: ${list(p.variables)} has no value in \`${p.envFile}\`.`,
    fix: (p) => `Write a long random value for ${list(p.variables)} in \`${p.envFile}\` (for example with \`openssl rand -hex 32\`).`,
    hint: ENV_HINT.AIRFLOW__API_AUTH__JWT_SECRET,
  },
  'compose.jwt.different': {
    what: (p) => `The services do not share the same \`AIRFLOW__API_AUTH__JWT_SECRET\`: ${((p.values as string[] | undefined) ?? []).join('; ')}.`,
    fix: () => 'Define the secret only once, in the `environment` of the `x-airflow-common` anchor, taken from a `.env` variable.',
    hint: ENV_HINT.AIRFLOW__API_AUTH__JWT_SECRET,
  },
  'compose.auth.notFab': {
    what: (p) => `The auth manager is ${code(p.value)}${where(p)}; the exercise uses the FAB one, which stores users and passwords in Postgres.`,
    fix: () => 'Use `AIRFLOW__CORE__AUTH_MANAGER: airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager`.',
    hint: 'With the default `SimpleAuthManager`, Airflow 3 generates random passwords at every start and `/auth/token` does not accept the ones in `.env`.',
  },
  'compose.user.literal': {
    what: (p) => `${code(p.key)} is written in the Compose file instead of being taken from \`.env\`.`,
    fix: (p) => `Write \`${p.key}: \${${p.key}}\` and put the value in \`.env\`.`,
  },
  'compose.user.empty': {
    what: (p) => `${code(p.key)} ends up empty: its variable has no value in \`${p.envFile}\`.`,
    fix: (p) => `Give the variable a value in \`${p.envFile}\` (and in your \`.env\`).`,
  },
  'compose.user.create': {
    what: (p) => `\`_AIRFLOW_WWW_USER_CREATE\` is ${code(p.value)}${where(p)}: \`airflow-init\` would not create the user.`,
    fix: () => "Write `_AIRFLOW_WWW_USER_CREATE: 'true'` in the `environment` of `airflow-init`.",
  },
  'compose.scheduler.healthOff': {
    what: (p) => `\`AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK\` is ${code(p.value)}${where(p)}: the scheduler would not open its health port 8974.`,
    fix: () => "Write `AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'true'`.",
  },
  'compose.refresh.notNumber': {
    what: (p) => `\`AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL\` is ${code(p.value)}${where(p)}; it must be a number of seconds.`,
    fix: () => "Write `AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: '10'`.",
    hint: ENV_HINT.AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL,
  },
  'compose.refresh.tooLong': {
    what: (p) => `\`AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL\` is ${p.value} s${where(p)}; for the workshop, ${p.max} s at most.`,
    fix: () => "Lower the interval, for example to `'10'`.",
    hint: ENV_HINT.AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL,
  },
  // Ports
  'compose.port.missing': {
    what: () => '`airflow-apiserver` does not publish any port: you could not open the UI in your browser.',
    fix: () => 'Add `ports: ["${AIRFLOW_PUERTO:-8080}:8080"]`.',
  },
  'compose.port.noTarget': {
    what: (p) => `\`airflow-apiserver\` does not publish the container's port 8080 (it publishes ${p.found}).`,
    fix: () => 'The server listens on the container\'s port 8080: `"${AIRFLOW_PUERTO:-8080}:8080"`.',
  },
  'compose.port.literal': {
    what: (p) => `The host port is fixed to ${code(p.host)} (${code(p.written)}); expected \`\${AIRFLOW_PUERTO:-8080}\`.`,
    fix: () => 'Write `"${AIRFLOW_PUERTO:-8080}:8080"`: 8080 by default, and another one with `AIRFLOW_PUERTO=8081` in `.env` if yours is taken.',
    hint: 'E11: `port is already allocated` shows up when another program is already using 8080; the grader also picks a free port through that variable.',
  },
  'compose.port.random': {
    what: (p) => `${code(p.written)} publishes 8080 on a random host port.`,
    fix: () => 'Write `"${AIRFLOW_PUERTO:-8080}:8080"`.',
  },
  // Health checks
  'compose.health.missing': {
    what: (p) => `The ${code(p.service)} service has no \`healthcheck\`: \`depends_on\` with \`service_healthy\` and \`docker compose up --wait\` would not know when it is ready.`,
    fix: (p) => `Add a \`healthcheck\` with \`test: ${p.expected}\`, \`interval\`, \`timeout\` and \`retries\`.`,
  },
  'compose.health.disabled': {
    what: (p) => `The health check of ${code(p.service)} is disabled.`,
    fix: (p) => `Use \`test: ${p.expected}\`.`,
  },
  'compose.health.wrong': {
    what: (p) => `The health check of ${code(p.service)} (\`${p.actual}\`) does not check what is expected.`,
    fix: (p) => `Use \`test: ${p.expected}\`.`,
    hint: 'Postgres: `pg_isready`; the API: `/api/v2/version` or `/api/v2/monitor/health` on 8080; the scheduler: its health server on 8974 (`AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK`).',
  },
  'compose.health.apiV1': {
    what: (p) => `The health check of ${code(p.service)} uses \`/api/v1\`, which Airflow 3 no longer has.`,
    fix: (p) => `Use \`test: ${p.expected}\`.`,
    hint: 'E18: the Airflow 3 REST API is `/api/v2`.',
  },
  // depends_on
  'compose.dependsOn.list': {
    what: (p) => `\`depends_on\` of ${code(p.service)} is a list: it only waits for ${code(p.target)} to start, not for it to be ready (\`${p.condition}\`).`,
    fix: (p) => `Write it as a mapping:\n    depends_on:\n      ${p.target}:\n        condition: ${p.condition}`,
    hint: 'E12: if `docker-compose` (v1) rejects `condition`, upgrade to Docker Compose v2 ≥ 2.14 and use `docker compose` (with a space).',
  },
  'compose.dependsOn.missing': {
    what: (p) => `${code(p.service)} does not wait for ${code(p.target)} (\`depends_on\` with \`condition: ${p.condition}\`).`,
    fix: (p) => `Add to the \`depends_on\` of ${code(p.service)}:\n      ${p.target}:\n        condition: ${p.condition}`,
    hint: 'Without waiting for `airflow-init`, the services start before the database exists and fail (or restart in a loop).',
  },
  'compose.dependsOn.condition': {
    what: (p) => `${code(p.service)} waits for ${code(p.target)} with \`${p.actual}\`; expected \`${p.condition}\`.`,
    fix: (p) => `Write \`condition: ${p.condition}\`.`,
    hint: '`service_healthy` waits for its `healthcheck` to pass; `service_completed_successfully` waits for it to exit with code 0 (like `airflow-init`).',
  },
  // Volumes and user
  'compose.mount.missing': {
    what: (p) => `${who(p)} does not mount \`./${p.folder}\` at ${code(p.target)}.`,
    fix: (p) => `Add \`- ./${p.folder}:${p.target}\` to the \`volumes\` of the \`x-airflow-common\` anchor.`,
    hint: 'With `./dags` mounted, a DAG you save in your folder shows up in Airflow without rebuilding anything.',
  },
  'compose.mount.namedVolume': {
    what: (p) => `\`${p.source}:${p.target}\` in ${code(p.service)} creates a named volume \`${p.source}\` instead of mounting your folder: without \`./\` Compose takes it for a volume.`,
    fix: (p) => `Write \`./${p.folder}:${p.target}\`.`,
  },
  'compose.mount.wrongSource': {
    what: (p) => `${code(p.target)} in ${code(p.service)} mounts ${code(p.source)}; expected \`./${p.folder}\`.`,
    fix: (p) => `Write \`./${p.folder}:${p.target}\`.`,
  },
  'compose.uid.missing': {
    what: (p) => `${code(p.service)} does not set \`user\`: Airflow would write to \`./logs\` as uid 50000, which is not yours.`,
    fix: () => 'Add `user: "${AIRFLOW_UID}:0"` to the anchor, and `AIRFLOW_UID=` with your `id -u` to `.env`.',
    hint: 'E16: `Permission denied: /opt/airflow/logs` shows up when the mounted folders belong to another user.',
  },
  'compose.uid.notVariable': {
    what: (p) => `\`user\` of ${code(p.service)} is ${code(p.user)}; the uid is expected to come from \`AIRFLOW_UID\` in \`.env\`.`,
    fix: () => 'Write `user: "${AIRFLOW_UID}:0"` and put `AIRFLOW_UID=$(id -u)` in `.env`.',
    hint: 'E16: everyone has their own uid; hard-coding it in the file only works on the machine of whoever wrote it.',
  },
  'compose.uid.notInEnv': {
    what: (p) => `\`${p.envFile}\` does not define \`AIRFLOW_UID\`.`,
    fix: () => 'Add `AIRFLOW_UID=50000` to `.env.example` (and, in your `.env`, the output of `id -u`).',
    hint: 'E16: without it, Compose warns `The "AIRFLOW_UID" variable is not set`.',
  },
  // Live tier: probes and skips (`what` is the reason the reporter prints)
  'compose.unavailable.missing': {
    what: () => 'Docker Compose v2 is not available: `docker compose version` fails. Install Docker Desktop, or the `docker-compose-plugin` package (E12)',
  },
  'compose.unavailable.v1': {
    what: (p) => `only \`docker-compose\` ${p.v1 ? `${p.v1} ` : ''}(Compose v1) is available, and it understands neither \`service_completed_successfully\` nor \`up --wait\`: install Docker Compose v2 ≥ 2.14 and use \`docker compose\` (E12)`,
  },
  'compose.unavailable.old': {
    what: (p) => `Docker Compose ${p.version} is older than 2.14: it understands neither \`service_completed_successfully\` nor \`up --wait\`; update Docker Desktop or \`docker-compose-plugin\` (E12)`,
  },
  'compose.unavailable.unknownVersion': {
    what: (p) => `the Docker Compose version (\`${p.version}\`) is not recognised; 2.14 or later is required (E12)`,
  },
  'compose.skip.staticFailed': {
    what: () => 'the static tier has failing lines: fix them first (starting Airflow with this file would fail or prove nothing)',
  },
  'compose.skip.imageUnavailable': {
    what: (p) => `the image \`${p.image}\` is not in this Docker and cannot be downloaded (${p.detail}); with a connection, \`docker compose pull\` fetches it (E14, E15)`,
  },
  'compose.skip.notReached': {
    what: () => 'not checked (startup stopped earlier)',
  },
  'compose.skip.earlierStep': {
    what: (p) => `not checked: "${p.step}" failed earlier`,
  },
  // Live tier: failures
  'compose.live.config': {
    what: (p) => `\`docker compose config\` rejects the file:\n      ${p.detail}`,
    fix: () => 'Run `docker compose config` in the exercise folder: it tells you the line and the field.',
  },
  'compose.live.imageNotFound': {
    what: (p) => `The image \`${p.image}\` does not exist in the registry (${p.detail}).`,
    fix: () => 'Check the name and the tag: `apache/airflow:3.3.2`.',
  },
  'compose.live.upFailed': {
    what: (p) =>
      [
        `\`docker compose up -d --wait\` ${p.timedOut ? 'did not finish in time' : 'failed'}: ${p.summary}`,
        p.states ? `    State: ${p.states}` : '',
        ...((p.evidence as string[]) ?? []).map((l) => `    ${l}`),
        ...((p.causes as string[]) ?? []).map((c) => `    Likely cause: ${c}`),
      ].filter(Boolean).join('\n'),
    fix: () => 'Run it by hand: `docker compose up -d --wait`, and look at `docker compose ps -a` and `docker compose logs <service>` for the one that is not healthy.',
    hint: 'E05: Airflow needs 4 GB of memory for Docker (8 GB ideally).',
  },
  'compose.live.unhealthy': {
    what: (p) => `\`/api/v2/monitor/health\` does not report all components as healthy: ${p.components}.`,
    fix: () => 'Look at `docker compose logs airflow-scheduler airflow-dag-processor airflow-triggerer`: each component reports its heartbeat to the database.',
  },
  'compose.live.token': {
    what: (p) => `\`POST /auth/token\` with the user \`${p.username}\` from \`.env\` did not return a token (HTTP ${p.status}): ${p.body}`,
    fix: () => 'Check that `airflow-init` creates that user (`_AIRFLOW_WWW_USER_CREATE`, `_USERNAME`, `_PASSWORD`) and that the auth manager is the FAB one. If you changed the password in `.env` after the user was created, `docker compose down -v` deletes the database and recreates it.',
  },
  'compose.live.dagMissing': {
    what: (p) =>
      [p.broken ? `The DAG \`${p.dagId}\` cannot be imported: it will not show up in the API.` : `The DAG \`${p.dagId}\` did not show up in the API within ${p.seconds} s.`, ...((p.importErrors as string[]) ?? []).map((e) => `    Import error: ${e}`)].join('\n'),
    fix: () => 'Check that `./dags` is mounted at `/opt/airflow/dags` and look at `docker compose exec airflow-scheduler airflow dags list-import-errors`.',
    hint: 'E19: the DAG processor rereads the folder every `AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL` seconds.',
  },
  'compose.live.trigger': {
    what: (p) => `The DAG could not be triggered (HTTP ${p.status}): ${p.body}`,
  },
  'compose.live.runFailed': {
    what: (p) =>
      [
        p.ended ? `The run of \`${p.dagId}\` ended in \`${p.state}\`.` : `The run of \`${p.dagId}\` did not finish within ${p.seconds} s (state \`${p.state}\`).`,
        ...((p.tasks as string[]) ?? []).map((t) => `    Task ${t}`),
        p.jwt ? '    Likely cause: E17, the scheduler log says `Signature verification failed`.' : '',
      ].filter(Boolean).join('\n'),
    fix: () => 'Look at the task log in the UI (http://localhost:8080) or at `docker compose logs airflow-scheduler`.',
    hint: 'E17: if every task fails instantly, the services do not share `AIRFLOW__API_AUTH__JWT_SECRET`; if they stay queued, check `AIRFLOW__CORE__EXECUTION_API_SERVER_URL`.',
  },
  'compose.live.down': {
    what: (p) => `\`docker compose down -v\` (project ${code(p.project)}) did not leave everything clean (exit code ${p.code}${p.detail ? `: ${p.detail}` : ''})${(p.leftovers as string[])?.length ? `; left over: ${(p.leftovers as string[]).join(', ')}` : ''}.`,
    fix: (p) => `Remove it by hand: \`docker compose -p ${p.project} down -v --remove-orphans\`.`,
  },
};
