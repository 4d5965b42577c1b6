import { dagUnderTest, exercise, expect } from '@taller/grader';

const ex = exercise(import.meta.dirname);
const dag = () => ex.dag('dags/captura_wikipedia.py');

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('el DAG usa la API de Airflow 3 (`from airflow.sdk import ...`)', async () => {
      expect(await dag()).to.have.dagSdkImports;
    });

    it('el DAG se llama `captura_wikipedia`', async () => {
      expect(await dag()).to.have.dagIdentifier('captura_wikipedia');
    });

    it('se ejecuta una vez al día (`schedule="@daily"`, no `schedule_interval`)', async () => {
      expect(await dag()).to.have.dagDailySchedule;
    });

    it('`start_date` es una fecha fija con zona horaria', async () => {
      expect(await dag()).to.have.dagFixedStartDate;
    });

    it('no recupera días pasados (`catchup=False`)', async () => {
      expect(await dag()).to.have.dagCatchupOff;
    });

    it('reintenta al menos 2 veces, con `retry_delay`', async () => {
      expect(await dag()).to.have.dagRetries(2);
    });

    it('lleva la etiqueta `wikipedia`', async () => {
      expect(await dag()).to.have.dagTag('wikipedia');
    });

    it('se identifica con un User-Agent descriptivo con contacto', async () => {
      expect(await dag()).to.have.dagUserAgent;
    });

    it('al importar el archivo no se hace ninguna petición ni se tocan archivos ni Variables', async () => {
      expect(await dag()).to.have.dagQuietImport;
    });

    it('lee las Variables `wikipedia_base_url`, `wikipedia_titulo` y `wikipedia_salida` dentro de la tarea, con sus valores por defecto', async () => {
      expect(await dag()).to.have.dagVariablesInTask({
        wikipedia_base_url: 'https://es.wikipedia.org',
        wikipedia_titulo: 'Apache_Airflow',
        wikipedia_salida: '/opt/airflow/capturas',
      });
    });

    it('la ruta de salida sale de la fecha lógica (`ds`), no de `data_interval_end` ni `next_ds`', async () => {
      expect(await dag()).to.have.dagPathFromLogicalDate;
    });

    it('la captura se escribe de forma atómica: un temporal en la misma carpeta y después `os.replace`', async () => {
      expect(await dag()).to.have.dagAtomicWrite;
    });
  });

  // Only when the static tier passed and the kit's Airflow is there (TALLER_AIRFLOW=instalar
  // creates it): a temporary AIRFLOW_HOME, the grader's fake Wikipedia, `airflow dags test` twice.
  describe('Nivel en vivo (Airflow)', () => {
    const airflow = dagUnderTest(ex, { dagId: 'captura_wikipedia', date: '2025-01-15', title: 'Apache_Airflow', file: 'dags/captura_wikipedia.py' });
    before(async function () {
      await airflow.run(this);
    });
    after(async () => {
      await airflow.cleanup();
    });

    it('Airflow carga el DAG sin errores de importación', function () {
      airflow.expectImported(this);
    });

    it('`airflow dags test captura_wikipedia 2025-01-15` escribe `<salida>/Apache_Airflow/2025-01-15.html` con la página', function () {
      airflow.expectWritten(this);
    });

    it('la Wikipedia falsa recibió la petición con un User-Agent descriptivo', function () {
      airflow.expectUserAgent(this);
    });

    it('repetir la ejecución del mismo día deja el mismo único archivo (idempotente)', function () {
      airflow.expectIdempotent(this);
    });
  });
});
