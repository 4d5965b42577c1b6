import { composeStackUnderTest, exercise, expect } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const compose = () => ex.compose();

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('`docker-compose.yaml` se lee (anclas y `<<:` incluidos) y cumple el esquema de la especificación Compose', () => {
      expect(compose()).to.be.valid;
    });

    it('están los servicios `postgres`, `airflow-init`, `airflow-apiserver`, `airflow-scheduler`, `airflow-dag-processor` y `airflow-triggerer`, cada uno con su orden', () => {
      expect(compose()).to.have.airflowServices;
    });

    it('los servicios de Airflow fusionan el ancla compartida `x-airflow-common` (`<<: *airflow-common`)', () => {
      expect(compose()).to.have.sharedAirflowAnchor;
    });

    it('la imagen de Airflow está fijada a una versión 3.x exacta (`apache/airflow:3.x.y`)', () => {
      expect(compose()).to.have.pinnedAirflowImage;
    });

    it('el ejecutor es `LocalExecutor`', () => {
      expect(compose()).to.have.localExecutor;
    });

    it('la conexión a Postgres se interpola desde `.env` y no hay contraseñas escritas en el archivo', () => {
      expect(compose()).to.have.postgresFromEnv;
    });

    it('los DAG de ejemplo están desactivados (`AIRFLOW__CORE__LOAD_EXAMPLES`)', () => {
      expect(compose()).to.have.examplesOff;
    });

    it('`AIRFLOW__CORE__EXECUTION_API_SERVER_URL` apunta a `http://airflow-apiserver:8080/execution/`', () => {
      expect(compose()).to.have.executionApiUrl;
    });

    it('todos los servicios de Airflow comparten un mismo `AIRFLOW__API_AUTH__JWT_SECRET` tomado de `.env` (E17)', () => {
      expect(compose()).to.have.sharedJwtSecret;
    });

    it('el gestor de autenticación es el de FAB y `airflow-init` crea el usuario de `.env` (`_AIRFLOW_WWW_USER_USERNAME`/`_PASSWORD`)', () => {
      expect(compose()).to.have.fabAuthFromEnv;
    });

    it('el planificador abre su comprobación de salud (`AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK=true`)', () => {
      expect(compose()).to.have.schedulerHealthCheckEnabled;
    });

    it('el procesador de DAG relee `dags/` a menudo (`AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL` ≤ 60 s)', () => {
      expect(compose()).to.have.shortDagRefresh;
    });

    it('la API se publica como `${AIRFLOW_PUERTO:-8080}:8080`', () => {
      expect(compose()).to.have.apiPortFromEnv;
    });

    it('hay comprobaciones de salud: `pg_isready`, `/api/v2/version` (o `/api/v2/monitor/health`) y el puerto 8974 del planificador', () => {
      expect(compose()).to.have.airflowHealthChecks;
    });

    it('`depends_on` espera a Postgres con `service_healthy` y a `airflow-init` con `service_completed_successfully`', () => {
      expect(compose()).to.have.dependsOnConditions;
    });

    it('se montan `./dags`, `./logs`, `./plugins` y `./config` en `/opt/airflow/`', () => {
      expect(compose()).to.have.airflowMounts;
    });

    it('el usuario de Airflow sale de `AIRFLOW_UID` en `.env` (E16)', () => {
      expect(compose()).to.have.airflowUidFromEnv;
    });
  });

  // Only when the static tier passed, Docker answers and Compose is v2 ≥ 2.14: one stack under a
  // unique project name and a free port, started once in `before` and always taken down there
  // (`docker compose down -v`, also on failure or Ctrl-C; a failed clean-up is a warning).
  describe('Nivel en vivo (Docker Compose)', () => {
    const stack = composeStackUnderTest(ex, { prefix: 'taller-03', dagId: 'hola_taller' });
    before(async function () {
      await stack.start(this);
    });

    it('`docker compose up -d --wait` levanta todos los servicios sanos (proyecto propio, puerto libre)', async function () {
      await stack.expectStep(this, 'up');
    });

    it('`/api/v2/monitor/health` informa de todas las piezas `healthy`', async function () {
      await stack.expectStep(this, 'health');
    });

    it('`/auth/token` da un token con el usuario y la contraseña de `.env`', async function () {
      await stack.expectStep(this, 'token');
    });

    it('la API lista el DAG `hola_taller` (hasta 120 s)', async function () {
      await stack.expectStep(this, 'dag');
    });

    it('una ejecución de `hola_taller` termina en `success` (hasta 180 s)', async function () {
      await stack.expectStep(this, 'run');
    });
  });
});
