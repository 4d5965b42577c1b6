import { exercise, expect, followersReplicate, guestBookRoundTrip, tiersRolledOut, withoutNodePorts } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const lider = () => ex.object('Deployment', 'redis-lider');
const seguidor = () => ex.object('Deployment', 'redis-seguidor');
const frontend = () => ex.object('Deployment', 'frontend');
const redisLider = () => ex.container('Deployment', 'redis-lider');
const redisSeguidor = () => ex.container('Deployment', 'redis-seguidor');
const app = () => ex.container('Deployment', 'frontend');
const service = (name: string) => ex.object('Service', name);

const REDIS = 'redis:7.0-bookworm';

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el Deployment `redis-lider` ejecuta un solo Redis (`redis:7.0-bookworm`) con el puerto 6379', () => {
      expect(lider()).to.have.singleReplica;
      expect(redisLider()).to.have.image(REDIS);
      expect(redisLider()).to.have.port(6379);
    });

    it('los Pods del líder llevan `app: redis` y `rol: lider`, y los de los seguidores `app: redis` y `rol: seguidor`', () => {
      expect(lider().at('spec.template')).to.have.label('app', 'redis');
      expect(lider().at('spec.template')).to.have.label('rol', 'lider');
      expect(seguidor().at('spec.template')).to.have.label('app', 'redis');
      expect(seguidor().at('spec.template')).to.have.label('rol', 'seguidor');
    });

    it('el Deployment `redis-seguidor` ejecuta 2 réplicas de `redis:7.0-bookworm` con el puerto 6379', () => {
      expect(seguidor()).to.have.field('spec.replicas', 2);
      expect(redisSeguidor()).to.have.image(REDIS);
      expect(redisSeguidor()).to.have.port(6379);
    });

    it('los seguidores replican al líder (`--replicaof redis-lider 6379`)', () => {
      expect(redisSeguidor()).to.have.replicaOf('redis-lider', 6379);
    });

    it('cada Deployment elige sus propios Pods y solo esos (el líder y los seguidores se distinguen por sus etiquetas)', () => {
      expect(lider()).to.have.selectorMatchingTemplate;
      expect(seguidor()).to.have.selectorMatchingTemplate;
      expect(frontend()).to.have.selectorMatchingTemplate;
      expect(lider()).to.be.selectingOnlyOwnPods([seguidor(), frontend()]);
      expect(seguidor()).to.be.selectingOnlyOwnPods([lider(), frontend()]);
      expect(frontend()).to.be.selectingOnlyOwnPods([lider(), seguidor()]);
    });

    it('el Service `redis-lider` elige solo los Pods del líder y lleva el puerto 6379 al contenedor', () => {
      expect(service('redis-lider')).to.selectPodsOnlyOf(lider(), [seguidor(), frontend()]);
      expect(service('redis-lider')).to.have.portTargeting(6379, lider());
    });

    it('el Service `redis-seguidor` elige solo los Pods de los seguidores y lleva el puerto 6379 al contenedor', () => {
      expect(service('redis-seguidor')).to.selectPodsOnlyOf(seguidor(), [lider(), frontend()]);
      expect(service('redis-seguidor')).to.have.portTargeting(6379, seguidor());
    });

    it('el Deployment `frontend` ejecuta 3 réplicas de `taller/app-datos:1.0` con `serve` y el puerto 8080', () => {
      expect(frontend()).to.have.field('spec.replicas', 3);
      expect(app()).to.have.image('taller/app-datos:1.0');
      expect(app()).to.have.args(['serve']);
      expect(app()).to.have.port(8080);
    });

    it('el `frontend` escribe en `redis-lider` (`REDIS_HOST`) y, si lee de otro sitio, de `redis-seguidor` (`REDIS_HOST_LECTURA`)', () => {
      expect(app()).to.have.redisHosts('redis-lider', 'redis-seguidor');
    });

    it('el Service `frontend` es NodePort con `nodePort: 30080`, o LoadBalancer', () => {
      expect(service('frontend')).to.be.exposedOutside(30080);
    });

    it('el Service `frontend` elige los Pods del `frontend` y lleva el puerto 80 al contenedor', () => {
      expect(service('frontend')).to.selectPodsOnlyOf(frontend(), [lider(), seguidor()]);
      expect(service('frontend')).to.have.portTargeting(80, frontend());
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster and load redis
    // A fixed nodePort is unique in the whole cluster: it is dropped before applying.
    const live = ex.live({ transforms: [withoutNodePorts] });

    it('el clúster admite los Deployments y los Services (sin el `nodePort` fijo)', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('los tres Deployments terminan su despliegue y sus Services tienen endpoints preparados', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(
        tiersRolledOut(run, ex, [
          { deployment: 'redis-lider', service: 'redis-lider', replicas: 1 },
          { deployment: 'redis-seguidor', service: 'redis-seguidor', replicas: 2 },
          { deployment: 'frontend', service: 'frontend', replicas: 3 },
        ]),
      );
    });

    it('cada seguidor informa `role:slave` y `master_link_status:up`', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(followersReplicate(run, ex, 'redis-seguidor', 2));
    });

    it('un mensaje enviado a `/visitas` a través del Service `frontend` se lee de vuelta', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(guestBookRoundTrip(run, ex, 'frontend', 80));
    });
  });
});
