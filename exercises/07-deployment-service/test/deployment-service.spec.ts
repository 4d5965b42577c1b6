import { dataPlane, exercise, expect, objectMatches, podsScheduled } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const deployment = () => ex.object('Deployment', 'api-datos');
const api = () => ex.container('Deployment', 'api-datos', 'api');
const service = () => ex.object('Service', 'api-datos');

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el Deployment `api-datos` tiene 3 réplicas', () => {
      expect(deployment()).to.have.field('spec.replicas', 3);
    });

    it('el selector del Deployment coincide con las etiquetas de su plantilla (`app: api-datos`)', () => {
      expect(deployment()).to.have.selectorMatchingTemplate;
      expect(deployment()).to.have.field('spec.template.metadata.labels.app', 'api-datos');
    });

    it('el contenedor `api` ejecuta `taller/app-datos:1.0` con `serve`', () => {
      expect(api()).to.have.image('taller/app-datos:1.0');
      expect(api()).to.have.args(['serve']);
    });

    it('el contenedor expone el puerto 8080 con nombre `http`', () => {
      expect(api()).to.have.port(8080, 'http');
    });

    it('el contenedor define `APP_ENTORNO=taller`', () => {
      expect(api()).to.have.env('APP_ENTORNO', 'taller');
    });

    it('el contenedor pide CPU y memoria (`requests`)', () => {
      expect(api()).to.have.requests(['cpu', 'memory']);
    });

    it('el Service `api-datos` es de tipo ClusterIP', () => {
      expect(service()).to.have.serviceType('ClusterIP');
    });

    it('el Service selecciona los Pods del Deployment', () => {
      expect(service()).to.selectPodsOf(deployment());
    });

    it('el puerto 80 del Service llega a un puerto del contenedor', () => {
      expect(service()).to.have.portTargeting(80, deployment());
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    const live = ex.live();

    it('el clúster admite el Deployment y el Service', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('se crean un ReplicaSet y 3 Pods asignados a nodos', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(podsScheduled(run, ex, 'Deployment', 'api-datos', 3));
      await live.expect(
        objectMatches(run, ex, 'Deployment', 'api-datos', { status: { conditions: [{ type: 'Progressing', status: 'True' }] } }),
      );
    });

    it('el despliegue termina con 3 réplicas disponibles', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(dataPlane.rolloutComplete(run, ex, 'api-datos', 3));
    });

    it('los EndpointSlices del Service tienen 3 endpoints preparados', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(dataPlane.readyEndpoints(run, ex, 'api-datos', 3));
    });

    it('a través del Service, `/config` muestra `APP_ENTORNO=taller`', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      const url = `http://api-datos.${run.namespace}.svc.cluster.local/config`;
      const shows = (r: dataPlane.HttpResult) => r.codigo === 200 && /"APP_ENTORNO":\s*"taller"/.test(r.cuerpo ?? '');
      await live.expect(dataPlane.httpAnswers(run, ex, 'Service', 'api-datos', url, shows, '`APP_ENTORNO` con el valor `taller`'));
    });

    it('al escalar a 4 y cambiar una variable, el despliegue gradual termina', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await dataPlane.scaleAndRoll(run, 'api-datos', 'api', 4, { APP_REVISION: '2' });
      await live.expect(dataPlane.rolloutComplete(run, ex, 'api-datos', 4));
    });
  });
});
