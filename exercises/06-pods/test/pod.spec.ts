import { dataPlane, exercise, expect, podsScheduled } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const pod = () => ex.object('Pod', 'hola-datos');
const container = () => ex.container('Pod', 'hola-datos');

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el Pod `hola-datos` lleva la etiqueta `app: hola-datos`', () => {
      expect(pod()).to.have.label('app', 'hola-datos');
    });

    it('el contenedor ejecuta `taller/app-datos:1.0` con `serve`', () => {
      expect(container()).to.have.image('taller/app-datos:1.0');
      expect(container()).to.have.args(['serve']);
    });

    it('el contenedor expone el puerto 8080 con nombre `http`', () => {
      expect(container()).to.have.port(8080, 'http');
    });

    it('tiene una sonda de preparación HTTP en `/readyz` (puerto `http` u 8080)', () => {
      expect(container()).to.have.readinessProbe('/readyz', ['http', 8080]);
    });

    it('el contenedor pide CPU y memoria (`requests`)', () => {
      expect(container()).to.have.requests(['cpu', 'memory']);
    });

    it('el límite de memoria no es menor que la memoria pedida', () => {
      expect(container()).to.have.memoryLimitCoveringRequest;
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    const live = ex.live();

    it('el clúster admite el Pod y lo asigna a un nodo', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
      await live.expect(podsScheduled(run, ex, 'Pod', 'hola-datos', 1));
    });

    it('el Pod llega a estar preparado (Ready)', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(dataPlane.podsReady(run, ex, 'Pod', 'hola-datos', 1));
    });

    it('el registro del Pod tiene la línea `escuchando`', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(dataPlane.logIncludes(run, ex, 'hola-datos', '"evento":"escuchando"'));
    });

    it('`/healthz` responde 200', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      const ip = await dataPlane.podIP(run, 'hola-datos');
      await live.expect(
        dataPlane.httpAnswers(run, ex, 'Pod', 'hola-datos', `http://${ip}:8080/healthz`, (r) => r.codigo === 200, 'código 200'),
      );
    });
  });
});
