import { exercise, expect, pipeline, RESTRICTED_LABELS } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const config = () => ex.object('ConfigMap', 'captura-config');
const claim = () => ex.object('PersistentVolumeClaim', 'capturas');
const cronJob = () => ex.object('CronJob', 'captura-wikipedia');
const cronTemplate = () => cronJob().at('spec.jobTemplate');
const captura = () => ex.container('CronJob', 'captura-wikipedia');
const visor = () => ex.object('Deployment', 'visor-capturas');
const visorContainer = () => ex.container('Deployment', 'visor-capturas');
const service = () => ex.object('Service', 'visor-capturas');

const SETTINGS = ['WIKIPEDIA_BASE_URL', 'TITULOS'];
// The same bounds as exercise 08's Jobs.
const JOB_BOUNDS = {
  'spec.backoffLimit': { max: 3 },
  'spec.activeDeadlineSeconds': { min: 120 },
  'spec.ttlSecondsAfterFinished': { min: 300 },
};
const PIPELINE: pipeline.Pipeline = {
  cronJob: 'captura-wikipedia',
  claim: 'capturas',
  configMap: 'captura-config',
  titlesKey: 'TITULOS',
  viewer: 'visor-capturas',
  service: 'visor-capturas',
  port: 80,
};

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el ConfigMap `captura-config` da `WIKIPEDIA_BASE_URL` (una URL http) y `TITULOS` (títulos separados por comas)', () => {
      expect(config()).to.have.captureSettings('WIKIPEDIA_BASE_URL', 'TITULOS');
    });

    it('el PVC `capturas` pide 1Gi en modo `ReadWriteOnce` a la StorageClass por defecto (sin `storageClassName`)', () => {
      expect(claim()).to.have.claimRequest('1Gi', 'ReadWriteOnce');
    });

    it('el CronJob `captura-wikipedia` ejecuta `captura` de `taller/app-datos:1.0`, sin opciones', () => {
      expect(captura()).to.have.image('taller/app-datos:1.0');
      expect(captura()).to.have.subcommand('captura');
      // Options win over the ConfigMap and DATA_DIR (`--fecha` would pin the date of every capture).
      expect(captura()).to.have.args(['captura']);
    });

    it('la captura toma `WIKIPEDIA_BASE_URL` y `TITULOS` del ConfigMap `captura-config`', () => {
      expect(captura()).to.have.envFromConfigMap('captura-config', SETTINGS, ex.manifests());
    });

    it('la captura escribe en el PVC `capturas`: `DATA_DIR` es la ruta donde lo monta', () => {
      expect(captura()).to.have.dataDirOnClaim('capturas', ex.manifests());
    });

    it('el CronJob se ejecuta una vez al día (un `schedule` cron válido) y no solapa ejecuciones (`concurrencyPolicy: Forbid`)', () => {
      expect(cronJob()).to.have.onceADaySchedule;
      expect(cronJob()).to.have.field('spec.concurrencyPolicy', 'Forbid');
    });

    it('la plantilla del CronJob usa `restartPolicy` Never u OnFailure y acota reintentos, duración y limpieza', () => {
      expect(cronTemplate()).to.have.jobRestartPolicy;
      expect(cronTemplate()).to.have.bounds(JOB_BOUNDS);
    });

    it('la captura pide CPU y memoria y limita su memoria (`requests` y `limits`)', () => {
      expect(captura()).to.have.requests(['cpu', 'memory']);
      expect(captura()).to.have.memoryLimitCoveringRequest;
    });

    it('los Pods de la captura y del visor cumplen el estándar `restricted` (no root, seccomp `RuntimeDefault`, sin escalada de privilegios, sin capacidades)', () => {
      expect(cronJob()).to.have.restrictedPods;
      expect(visor()).to.have.restrictedPods;
    });

    it('el Deployment `visor-capturas` ejecuta `serve` de `taller/app-datos:1.0` con el puerto 8080', () => {
      expect(visor()).to.have.selectorMatchingTemplate;
      expect(visorContainer()).to.have.image('taller/app-datos:1.0');
      expect(visorContainer()).to.have.args(['serve']);
      expect(visorContainer()).to.have.port(8080);
    });

    it('el visor monta el mismo PVC en solo lectura y su `DATA_DIR` es la misma carpeta en la que escribe la captura', () => {
      expect(visorContainer()).to.have.dataDirReadingOf(captura(), 'capturas', ex.manifests());
    });

    it('el Service `visor-capturas` selecciona los Pods del visor y lleva su puerto 80 al contenedor', () => {
      expect(service()).to.selectPodsOf(visor());
      expect(service()).to.have.portTargeting(80, visor());
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    // The run's namespace enforces `restricted` from the start (14 names no namespace: the
    // stand-in only carries the labels), and the capture is pointed at the grader's fake Wikipedia.
    const live = ex.live({
      namespace: { labels: RESTRICTED_LABELS },
      transforms: [pipeline.baseUrlToFixture('captura-config', 'WIKIPEDIA_BASE_URL')],
    });

    it('el clúster admite el ConfigMap, el PVC, el CronJob, el Deployment y el Service', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('en un namespace `restricted`, Pod Security admite los Pods de la captura y del visor', async function () {
      const run = await live.requireAdmitted(this, 'cluster');
      await live.expect(
        pipeline.podsAdmitted(run, ex, [
          { kind: 'CronJob', name: 'captura-wikipedia' },
          { kind: 'Deployment', name: 'visor-capturas' },
        ]),
      );
    });

    it('un Job creado a partir del CronJob captura las páginas de la Wikipedia falsa en el PVC', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(pipeline.captureCompletes(run, ex, PIPELINE));
    });

    it('a través del Service `visor-capturas`, cada `/capturas/<Titulo>/<fecha>.html` es la página capturada', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      const job = await pipeline.requireCapture(this, run, ex, PIPELINE);
      await live.expect(pipeline.capturesServed(run, ex, PIPELINE, job));
    });
  });
});
