import { exercise, expect, scaling } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const deployment = () => ex.object('Deployment', 'api-escalable');
const api = () => ex.container('Deployment', 'api-escalable', 'api');
const hpa = () => ex.object('HorizontalPodAutoscaler', 'api-escalable');
const pdb = () => ex.object('PodDisruptionBudget', 'api-escalable');

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el contenedor `api` ejecuta `taller/app-datos:1.0` con `serve`', () => {
      expect(api()).to.have.image('taller/app-datos:1.0');
      expect(api()).to.have.args(['serve']);
    });

    it('el contenedor pide CPU y memoria y limita la memoria (`requests` y `limits.memory`)', () => {
      expect(api()).to.have.requests(['cpu', 'memory']);
      expect(api()).to.have.memoryLimitCoveringRequest;
    });

    it('el contenedor tiene una sonda de preparación HTTP en `/readyz` (puerto `http` u 8080)', () => {
      expect(api()).to.have.readinessProbe('/readyz', ['http', 8080]);
    });

    it('la actualización gradual nunca baja de las réplicas deseadas (`maxUnavailable: 0`, `maxSurge` ≥ 1)', () => {
      expect(deployment()).to.have.rollingUpdateKeepingReplicas(ex.manifests());
    });

    it('las réplicas se reparten entre nodos como preferencia, sin quedarse en Pending con un solo nodo', () => {
      expect(deployment()).to.have.spreadOverNodes;
    });

    it('el HPA `api-escalable` (`autoscaling/v2`) escala el Deployment `api-escalable`', () => {
      expect(hpa()).to.have.scaleTarget(deployment());
    });

    it('el Deployment no fija `spec.replicas`: las réplicas las gestiona el HPA', () => {
      expect(deployment()).to.have.replicasLeftToAutoscaler(ex.manifests());
    });

    it('el HPA mantiene entre 2 y 10 réplicas', () => {
      expect(hpa()).to.have.fields({ 'spec.minReplicas': 2, 'spec.maxReplicas': 10 });
    });

    it('el HPA busca un 70 % de uso medio de CPU', () => {
      expect(hpa()).to.have.cpuUtilizationTarget(70, 'api');
    });

    it('el PodDisruptionBudget `api-escalable` elige los Pods del Deployment', () => {
      expect(pdb()).to.have.budgetSelectingPodsOf(deployment());
    });

    it('el PDB deja al menos una interrupción permitida, también con el mínimo del HPA', () => {
      expect(pdb()).to.have.budgetAllowingDisruptionOf(deployment(), ex.manifests());
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    const live = ex.live();

    it('el clúster admite el Deployment, el HPA y el PDB', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('el despliegue termina con todas las réplicas disponibles', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(scaling.rolloutAtDesired(run, ex, 'api-escalable'));
    });

    it('el PDB cuenta los Pods sanos y permite al menos una interrupción', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(scaling.budgetCountsHealthyPods(run, ex, 'api-escalable'));
    });

    it('durante una actualización, las réplicas disponibles nunca bajan de las deseadas', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(scaling.availabilityDuringUpdate(run, ex, 'api-escalable', 'api'));
    });

    // After the data-plane lines: the HPA controller first looks at a new HPA up to 15 s later.
    it('el HPA encuentra su Deployment y puede escalarlo (`AbleToScale`)', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(scaling.hpaAbleToScale(run, ex, 'api-escalable'));
    });

    it('con carga de CPU, el HPA añade réplicas (solo donde hay metrics-server)', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await scaling.requireMetricsServer(this, run);
      await live.expect(scaling.scalesUnderLoad(run, ex, 'api-escalable', 'api-escalable', 8080));
    });
  });
});
