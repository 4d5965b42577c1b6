import { dataPlane, etlExpected, exercise, expect } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const configMap = () => ex.object('ConfigMap', 'ventas-csv');
const job = () => ex.object('Job', 'etl-ventas');
const jobEtl = () => ex.container('Job', 'etl-ventas');
const cronJob = () => ex.object('CronJob', 'etl-ventas-nocturno');
const cronTemplate = () => cronJob().at('spec.jobTemplate');
const cronEtl = () => ex.container('CronJob', 'etl-ventas-nocturno');

const JOB_BOUNDS = {
  'spec.backoffLimit': { max: 3 },
  'spec.activeDeadlineSeconds': { min: 120 },
  'spec.ttlSecondsAfterFinished': { min: 300 },
};

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('los manifiestos se leen y cumplen el esquema de Kubernetes 1.34', () => {
      expect(ex.manifests()).to.be.valid;
    });

    it('el ConfigMap `ventas-csv` contiene un archivo `.csv`', () => {
      expect(configMap()).to.have.keyMatching('data', /\.csv$/, 'que termine en `.csv`');
    });

    it('el Job `etl-ventas` ejecuta `etl` de `taller/app-datos:1.0`', () => {
      expect(jobEtl()).to.have.image('taller/app-datos:1.0');
      expect(jobEtl()).to.have.subcommand('etl');
    });

    it('`--entrada` lee el ConfigMap montado y `--salida` escribe en un volumen escribible', () => {
      expect(job()).to.have.etlArgsMatchingMounts(jobEtl(), 'ventas-csv');
    });

    it('el Job usa `restartPolicy` Never u OnFailure', () => {
      expect(job()).to.have.jobRestartPolicy;
    });

    it('el Job acota reintentos, duración y limpieza (`backoffLimit` ≤ 3, `activeDeadlineSeconds` ≥ 120, `ttlSecondsAfterFinished` ≥ 300)', () => {
      expect(job()).to.have.bounds(JOB_BOUNDS);
    });

    it('el Job y la plantilla del CronJob piden y limitan CPU y memoria (`requests` y `limits`)', () => {
      for (const etl of [jobEtl(), cronEtl()]) {
        expect(etl).to.have.requests(['cpu', 'memory']);
        expect(etl).to.have.limits(['cpu', 'memory']);
      }
    });

    it('el CronJob `etl-ventas-nocturno` se ejecuta cada día a las 02:00', () => {
      expect(cronJob()).to.have.dailySchedule('02:00');
    });

    it('el CronJob fija `timeZone` con una zona horaria IANA', () => {
      expect(cronJob()).to.have.validTimeZone;
    });

    it('el CronJob no solapa ejecuciones (`concurrencyPolicy: Forbid`)', () => {
      expect(cronJob()).to.have.field('spec.concurrencyPolicy', 'Forbid');
    });

    it('el CronJob guarda 3 ejecuciones correctas y 1 fallida, y fija `startingDeadlineSeconds`', () => {
      expect(cronJob()).to.have.fields({ 'spec.successfulJobsHistoryLimit': 3, 'spec.failedJobsHistoryLimit': 1 });
      expect(cronJob()).to.have.bounds({ 'spec.startingDeadlineSeconds': { min: 10 } });
    });

    it('la plantilla del CronJob ejecuta el mismo `etl` con los mismos montajes', () => {
      expect(cronEtl()).to.have.image('taller/app-datos:1.0');
      expect(cronEtl()).to.have.subcommand('etl');
      expect(cronTemplate()).to.have.etlArgsMatchingMounts(cronEtl(), 'ventas-csv');
      expect(cronTemplate()).to.have.jobRestartPolicy;
    });

    it('la plantilla del CronJob tiene los mismos límites que el Job', () => {
      expect(cronTemplate()).to.have.bounds(JOB_BOUNDS);
    });
  });

  describe('Nivel en vivo', function () {
    this.timeout(10 * 60_000); // the first run may create the kind cluster
    const live = ex.live();

    it('el clúster admite el ConfigMap, el Job y el CronJob', async function () {
      const run = await live.require(this, 'cluster');
      await live.expect(run.problems);
    });

    it('el Job termina con éxito', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      await live.expect(dataPlane.jobCompletes(run, ex, 'etl-ventas'));
    });

    it('un Job creado a partir del CronJob termina con éxito', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      const job = await dataPlane.jobFromCronJob(run, 'etl-ventas-nocturno');
      await live.expect(dataPlane.jobCompletes(run, ex, job, { kind: 'CronJob', name: 'etl-ventas-nocturno' }));
    });

    it('el registro de `etl` da las `filas` y el `total` que salen del CSV', async function () {
      const run = await live.requireAdmitted(this, 'cluster', 'data-plane');
      const expected = await etlExpected(this, ex.object('ConfigMap', 'ventas-csv'));
      await live.expect(dataPlane.jobCompletes(run, ex, 'etl-ventas'));
      await live.expect(dataPlane.etlSummaryMatches(run, ex, 'etl-ventas', expected));
    });
  });
});
