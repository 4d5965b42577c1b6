import { dataPlane, exercise, expect, observability, podsScheduled } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const NAME = 'api-observable';
const SIDECAR = 'recolector-logs';
const deployment = () => ex.object('Deployment', NAME);
const api = () => ex.container('Deployment', NAME, 'api');
const replicas = () => (deployment().at('spec.replicas').value as number | undefined) ?? 1;

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el contenedor `api` ejecuta `serve` de `taller/app-datos:1.0` en el puerto 8080 (`http`)', () => {
      expect(api()).to.have.image('taller/app-datos:1.0');
      expect(api()).to.have.args(['serve']);
      expect(api()).to.have.port(8080, 'http');
    });

    it('la sonda de vida (`livenessProbe`) pide `/healthz` en el puerto del servidor', () => {
      expect(api()).to.have.probeOnServePort('livenessProbe', ['/healthz']);
    });

    it('la sonda de preparación (`readinessProbe`) pide `/readyz` en el puerto del servidor', () => {
      expect(api()).to.have.probeOnServePort('readinessProbe', ['/readyz']);
    });

    it('la sonda de arranque (`startupProbe`) comprueba el puerto del servidor', () => {
      expect(api()).to.have.probeOnServePort('startupProbe', ['/healthz', '/readyz'], 'tcp');
    });

    it('la aplicación escribe su registro en `LOG_FILE`, dentro de un volumen `emptyDir`', () => {
      expect(deployment()).to.have.logFileInEmptyDir('api');
    });

    it('el sidecar `recolector-logs` es nativo: está en `initContainers` con `restartPolicy: Always`', () => {
      expect(deployment()).to.have.nativeSidecar(SIDECAR);
    });

    it('el sidecar ejecuta `tail` sobre el mismo archivo que `LOG_FILE`, en el mismo `emptyDir`', () => {
      expect(deployment()).to.have.sidecarFollowingLogFile(SIDECAR, 'api');
    });

    it('la plantilla de Pod lleva las anotaciones de Prometheus para `/metrics`, como texto', () => {
      expect(deployment()).to.have.prometheusScrape('api', '/metrics');
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    const live = ex.live();

    it('el clúster admite el Deployment y asigna su Pod a un nodo', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
      await live.expect(podsScheduled(run, ex, 'Deployment', NAME, replicas()));
    });

    it('el Pod llega a estar preparado (Ready), sidecar incluido', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(dataPlane.podsReady(run, ex, 'Deployment', NAME, replicas()));
    });

    it('el registro del sidecar `recolector-logs` muestra las líneas JSON de la aplicación', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(observability.containerLogShows(run, ex, 'Deployment', NAME, replicas(), SIDECAR, '"evento":"escuchando"'));
    });

    it('`/metrics`, pedido donde dicen las anotaciones, incluye `app_datos_peticiones_total`', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(observability.scrapeShows(run, ex, 'Deployment', NAME, replicas(), 'app_datos_peticiones_total'));
    });

    it('ningún contenedor se reinicia, tampoco el sidecar', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(observability.noRestarts(run, ex, 'Deployment', NAME, replicas()));
    });
  });
});
