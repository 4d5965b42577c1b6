import path from 'node:path';
import { exercise, expect, kindClusterUnderTest, loadQuizKey, type KindExpectations } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const config = () => ex.document('kind-config.yaml');
const minikube = () => ex.document('minikube.yaml');
// Hashes of the answers and why each wrong option is wrong (see packages/grader/scripts/clave.ts).
const key = loadQuizKey(path.join(import.meta.dirname, 'clave-minikube.yaml'));
const esperado: KindExpectations = {
  controlPlanes: 1,
  workers: 2,
  workerLabels: { carga: 'datos' },
  port: { hostPort: 8081, containerPort: 30080, listenAddress: '127.0.0.1' },
};

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('`kind-config.yaml` se lee y kind lo acepta (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`)', () => {
      expect(config()).to.be.a.validKindConfig;
    });

    it('el clúster tiene un nodo `control-plane` y dos `worker`', () => {
      expect(config()).to.have.kindRoles(esperado);
    });

    it('los dos workers, y solo ellos, llevan la etiqueta `carga: datos` (`labels`)', () => {
      expect(config()).to.have.kindWorkerLabels(esperado);
    });

    it('el control-plane publica su puerto 30080 en `127.0.0.1:8081` de tu máquina (`extraPortMappings`)', () => {
      expect(config()).to.have.kindPortMapping(esperado);
    });

    it('`minikube.yaml` se lee', () => {
      expect(minikube()).to.have.answerSheet(key);
    });

    it('todas las preguntas de `minikube.yaml` tienen respuesta', () => {
      expect(minikube()).to.have.answeredAll(key);
    });

    it('`minikube.yaml` · p1 · un clúster aparte: un perfil propio (`-p`), creado y borrado', () => {
      expect(minikube()).to.have.answerCorrect('p1', key);
    });

    it('`minikube.yaml` · p2 · tres nodos (`--nodes`)', () => {
      expect(minikube()).to.have.answerCorrect('p2', key);
    });

    it('`minikube.yaml` · p3 · la etiqueta `carga=datos` en los workers, después de arrancar (`kubectl label`)', () => {
      expect(minikube()).to.have.answerCorrect('p3', key);
    });

    it('`minikube.yaml` · p4 · llegar a un Service NodePort desde tu máquina (`minikube service`)', () => {
      expect(minikube()).to.have.answerCorrect('p4', key);
    });

    it('`minikube.yaml` · p5 · la terminal de `minikube service` (un túnel)', () => {
      expect(minikube()).to.have.answerCorrect('p5', key);
    });
  });

  // Opt-in (TALLER_05_EN_VIVO=1): it creates a SECOND kind cluster, `taller-05-<random>`, from a
  // copy of kind-config.yaml with free host ports, and always deletes it (also on failure or
  // Ctrl-C). Skipped with the reason without the variable, kind ≥ 0.30, Docker or its memory.
  describe('Nivel en vivo (un segundo clúster de kind)', () => {
    const cluster = kindClusterUnderTest(ex, { prefix: 'taller-05', file: 'kind-config.yaml', expect: esperado });
    before(async function () {
      await cluster.create(this);
    });

    it('kind crea el clúster desde tu `kind-config.yaml` (con otro nombre y un puerto libre)', async function () {
      await cluster.expectStep(this, 'create');
    });

    it('Docker publica el puerto 30080 del control-plane en `127.0.0.1`', async function () {
      await cluster.expectStep(this, 'port');
    });

    it('los 3 nodos quedan `Ready`', async function () {
      await cluster.expectStep(this, 'ready');
    });

    it('en el clúster, los workers llevan `carga=datos` y el control-plane no', async function () {
      await cluster.expectStep(this, 'labels');
    });
  });
});
