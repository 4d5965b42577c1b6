// The Airflow DAG grader of exercise 04. Static: Python's ast through python3 (analiza_dag.py)
// and the rules on its facts, with bad input (syntax errors, work at import time, python3 absent).
// Live (only where the kit's Airflow environment exists, else skipped with the reason): an import
// error, requests at import time, the fake Wikipedia answering 503 or 404, a task that never
// ends — each with the Spanish message, bounded, and nothing left behind.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { analyseDag, clearDagCache } from '../src/airflow/analysis.ts';
import { dagUnderTest, type Outcome } from '../src/airflow/live.ts';
import '../src/airflow/index.ts';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { exercise } from '../src/catalog/exercise.ts';
import { renderProblem, type Problem } from '../src/messages/index.ts';
import { requireLive } from '../src/live/skip.ts';
import * as rules from '../src/rules/dag.ts';
import type { DagFacts } from '../src/rules/dag.ts';
import { run } from '../src/system/process.ts';
import { isolateSubmission, removeTempDirs, setLang, writeTree } from './helpers.ts';

const FILE = 'dags/captura_wikipedia.py';
const SOLUTION = readFileSync(path.join(REPO_ROOT, 'solutions/04-dag-wikipedia', FILE), 'utf8');

/** The solution with one piece replaced (it must appear exactly once). */
function variant(replace: string, by: string, text = SOLUTION): string {
  expect(text.split(replace).length - 1, `«${replace}» once`).to.equal(1);
  return text.replace(replace, by);
}

async function facts(source: string): Promise<DagFacts | Problem> {
  return analyseDag(writeTree({ [FILE]: source }), FILE);
}

async function factsOk(source: string): Promise<DagFacts> {
  const f = await facts(source);
  if ('code' in f) throw new Error(`expected facts, got ${f.code}`);
  return f;
}

const rendered = (problems: Problem[]) => problems.map((p) => renderProblem(p)).join('\n');

describe('exercise 04: the DAG grader', () => {
  let restoreLang: () => void;
  before(() => {
    restoreLang = setLang('es');
  });
  after(() => {
    restoreLang();
    removeTempDirs();
  });

  describe('static tier (python3 + ast)', () => {
    it('the reference solution breaks no rule', async () => {
      const f = await factsOk(SOLUTION);
      const all = [
        rules.sdkImports(f),
        rules.dagIdIs(f),
        rules.dailySchedule(f),
        rules.fixedAwareStart(f),
        rules.catchupFalse(f),
        rules.retriesWithDelay(f),
        rules.hasTag(f),
        rules.descriptiveUserAgent(f),
        rules.nothingAtImport(f),
        rules.variablesInTask(f),
        rules.pathFromLogicalDate(f),
        rules.atomicWrite(f),
      ].flat();
      expect(rendered(all)).to.equal('');
    });

    it('a syntax error is reported with its line and column, in Spanish', async () => {
      const p = (await facts('from airflow.sdk import dag\n\n@dag(dag_id="x"\ndef f():\n    pass\n')) as Problem;
      expect(p.code).to.equal('dag.syntax');
      expect(renderProblem(p)).to.match(/^dags\/captura_wikipedia\.py:3:\d+\n {2}Python no puede leer el archivo: /);
    });

    it('a file that is not UTF-8, or missing, is a clear failure', async () => {
      const latin1 = await analyseDag(writeTree({ [FILE]: Buffer.from('x = "\xe9"\n', 'latin1') }), FILE);
      expect(renderProblem(latin1 as Problem)).to.include('no está en UTF-8');
      const missing = await analyseDag(writeTree({ 'otro.txt': '' }), FILE);
      expect(renderProblem(missing as Problem)).to.include('No existe `dags/captura_wikipedia.py`');
    });

    it('without python3 (nor python) the failure says so and how to install it', async () => {
      const before = process.env.PATH;
      process.env.PATH = path.join(os.tmpdir(), 'sin-python-aqui');
      clearDagCache();
      try {
        const p = (await facts(SOLUTION + '\n# otra versión\n')) as Problem;
        expect(p.code).to.equal('dag.python.missing');
        expect(renderProblem(p)).to.include('necesita `python3`').and.include('apt-get install python3');
      } finally {
        process.env.PATH = before;
        clearDagCache();
      }
    });

    it('a network call at import time is caught with its line, also inside the @dag function', async () => {
      const f = await factsOk(variant('DEFAULT_SALIDA = "/opt/airflow/capturas"\n', 'DEFAULT_SALIDA = "/opt/airflow/capturas"\nimport requests\nHTML = requests.get("https://es.wikipedia.org").text\n'));
      expect(rendered(rules.nothingAtImport(f))).to.include('dags/captura_wikipedia.py:27:8\n  `requests.get("https://es.wikipedia.org")` hace una petición de red al importar');
      const g = await factsOk(variant('def captura_wikipedia():\n', 'def captura_wikipedia():\n    open("/tmp/x", "w").write("y")\n'));
      expect(rendered(rules.nothingAtImport(g))).to.include('toca archivos al importar el archivo (dentro de `captura_wikipedia`');
      // A helper called from the @dag body runs at import time too; one called from a task does not.
      const h = await factsOk(variant('def captura_wikipedia():\n', 'def captura_wikipedia():\n    preparar()\n').replace('def guardar_atomico(', 'def preparar():\n    Variable.get("x")\n\n\ndef guardar_atomico('));
      expect(rendered(rules.nothingAtImport(h))).to.include('lee una Variable al importar el archivo (dentro de `preparar`');
    });

    it('schedules: cron, timedelta and timetables that run daily pass; others fail with a hint', async () => {
      const with_ = async (s: string) => rules.dailySchedule(await factsOk(variant('schedule="@daily"', s)));
      expect(await with_('schedule="0 3 * * *"')).to.deep.equal([]);
      expect(await with_('schedule=timedelta(days=1)')).to.deep.equal([]);
      expect(await with_('schedule=CronTriggerTimetable("0 0 * * *", timezone="UTC")')).to.deep.equal([]);
      expect(rendered(await with_('schedule="*/5 * * * *"'))).to.include('no es una programación diaria');
      expect(rendered(await with_('schedule=None'))).to.include('`schedule=None` no es una programación diaria');
      expect(rendered(await with_('schedule_interval=timedelta(days=1)'))).to.include('es de Airflow 2');
    });

    it('`with DAG(...)` and DAG() with a positional id are read too', async () => {
      const src = `import pendulum
from datetime import timedelta
from airflow.sdk import DAG, task

with DAG("captura_wikipedia", schedule="@daily", start_date=pendulum.datetime(2025, 1, 1), catchup=False,
         default_args=dict(retries=3, retry_delay=timedelta(minutes=1)), tags=["wikipedia"]) as dag:
    pass
`;
      const f = await factsOk(src);
      expect(rendered([...rules.dagIdIs(f), ...rules.dailySchedule(f), ...rules.fixedAwareStart(f), ...rules.catchupFalse(f), ...rules.retriesWithDelay(f), ...rules.hasTag(f)])).to.equal('');
    });

    it('start dates: aware and fixed pass; naive, moving and unknown fail', async () => {
      const with_ = async (s: string) => rules.fixedAwareStart(await factsOk(variant('start_date=pendulum.datetime(2025, 1, 1, tz="UTC")', s)));
      expect(await with_('start_date=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)')).to.deep.equal([]);
      expect(rendered(await with_('start_date=pendulum.datetime(2025, 1, 1, tz=None)'))).to.include('no lleva zona horaria');
      expect(rendered(await with_('start_date=datetime.datetime.now()'))).to.include('cambia cada vez');
      expect(rendered(await with_('start_date=algo()'))).to.include('No se reconoce');
    });

    it('User-Agents: generic, without contact or empty fail; descriptive ones pass', () => {
      expect(rules.userAgentFlaw('python-requests/2.32.3')).to.equal('generic');
      expect(rules.userAgentFlaw('Mozilla/5.0 (X11; Linux x86_64)')).to.equal('generic');
      expect(rules.userAgentFlaw('Python-urllib/3.11')).to.equal('generic');
      expect(rules.userAgentFlaw('mi-captura/1.0')).to.equal('noContact');
      expect(rules.userAgentFlaw('')).to.equal('empty');
      expect(rules.userAgentFlaw('mi-captura/1.0 (ana@example.org)')).to.equal(undefined);
      expect(rules.userAgentFlaw('CapturaBot/0.1 (https://github.com/ana/taller)')).to.equal(undefined);
    });

    it('Variables through templates need their defaults; removed context names are named', async () => {
      const src = variant('Variable.get("wikipedia_titulo", default=DEFAULT_TITULO)', '"{{ var.value.wikipedia_titulo }}"');
      expect(rendered(rules.variablesInTask(await factsOk(src)))).to.include("`{{ var.value.get('wikipedia_titulo', 'Apache_Airflow') }}`");
      const ok = variant('Variable.get("wikipedia_titulo", default=DEFAULT_TITULO)', '"{{ var.value.get(\'wikipedia_titulo\', \'Apache_Airflow\') }}"');
      expect(rules.variablesInTask(await factsOk(ok))).to.deep.equal([]);
      const old = variant('def capturar(ds=None)', 'def capturar(execution_date=None, ds=None)');
      expect(rendered(rules.pathFromLogicalDate(await factsOk(old)))).to.include('`execution_date` ya no existe en Airflow 3');
    });
  });

  describe('static tier: writes, dates and headers as written in practice', () => {
    const SAVE = '        guardar_atomico(ruta, contenido)\n';
    const REQUEST = '        peticion = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})\n';
    const PATH = '        ruta = os.path.join(salida, titulo, f"{ds}.html")\n';

    it('atomic writes in other valid forms pass: pathlib, NamedTemporaryFile, a temporary name beside the file', async () => {
      const valid = [
        variant(SAVE, '        from pathlib import Path\n        tmp = Path(ruta + ".tmp")\n        tmp.parent.mkdir(parents=True, exist_ok=True)\n        tmp.write_bytes(contenido)\n        tmp.replace(ruta)\n'),
        variant(SAVE, '        os.makedirs(os.path.dirname(ruta), exist_ok=True)\n        with tempfile.NamedTemporaryFile("wb", dir=os.path.dirname(ruta), delete=False) as f:\n            f.write(contenido)\n        os.replace(f.name, ruta)\n'),
        variant(SAVE, '        os.makedirs(os.path.dirname(ruta), exist_ok=True)\n        with open(ruta + ".parcial", "wb") as f:\n            f.write(contenido)\n        os.rename(ruta + ".parcial", ruta)\n'),
      ];
      for (const src of valid) expect(rendered(rules.atomicWrite(await factsOk(src)))).to.equal('');
    });

    it('appending, writing the final file, a helper nobody calls or a temporary file in /tmp fail', async () => {
      const append = variant(SAVE, '        with open(ruta, "ab") as f:\n            f.write(contenido)\n');
      expect(rendered(rules.atomicWrite(await factsOk(append)))).to.include('abre el archivo para añadir');
      const pathlib = variant(SAVE, '        from pathlib import Path\n        Path(ruta).write_bytes(contenido)\n');
      expect(rendered(rules.atomicWrite(await factsOk(pathlib)))).to.include('no se escribe de forma atómica');
      const final = variant(SAVE, '        with open(ruta, "wb") as f:\n            f.write(contenido)\n        os.replace(ruta, ruta)\n');
      expect(rendered(rules.atomicWrite(await factsOk(final)))).to.include('escribe directamente en el archivo final (`ruta`)');
      const tmp = variant(SAVE, '        with open("/tmp/captura.html", "wb") as f:\n            f.write(contenido)\n        shutil.move("/tmp/captura.html", ruta)\n');
      expect(rendered(rules.atomicWrite(await factsOk(tmp)))).to.include('deja el temporal fuera de la carpeta de destino');
    });

    it('a path from the wall clock fails, also through a helper; the logical date with a fallback, or the clock in a log, pass', async () => {
      const helper = variant(SAVE, '        guardar_atomico(os.path.join(salida, titulo, pendulum.now().format("YYYY-MM-DD") + ".html"), contenido)\n');
      expect(rendered(rules.pathFromLogicalDate(await factsOk(helper)))).to.include('sale del reloj (`pendulum.now()`)');
      const aliased = variant(PATH, '        from datetime import datetime as dt\n        dia = dt.now().strftime("%Y-%m-%d")\n        ruta = os.path.join(salida, titulo, dia + ".html")\n        print(ds)\n');
      expect(rendered(rules.pathFromLogicalDate(await factsOk(aliased)))).to.include('sale del reloj (`dt.now()`)');
      const valid = [
        variant(PATH, '        fecha = ds or pendulum.now().to_date_string()\n        ruta = os.path.join(salida, titulo, f"{fecha}.html")\n'),
        variant(PATH, '        print("empiezo a las", pendulum.now())\n' + PATH),
        variant('def capturar(ds=None) -> str:', 'def capturar(logical_date=None) -> str:', variant('f"{ds}.html"', 'f"{logical_date:%Y-%m-%d}.html"')),
      ];
      for (const src of valid) expect(rendered(rules.pathFromLogicalDate(await factsOk(src)))).to.equal('');
    });

    it('a User-Agent counts only when a request sends it: headers=, a Request that is opened, add_header, a session', async () => {
      const valid = [
        variant(REQUEST, '        peticion = urllib.request.Request(url)\n        peticion.add_header("User-Agent", USER_AGENT)\n'),
        variant(REQUEST, '        cabeceras = {"Accept": "text/html"}\n        cabeceras["User-Agent"] = USER_AGENT\n        peticion = urllib.request.Request(url, headers=cabeceras)\n'),
        variant(REQUEST, '        import requests\n        sesion = requests.Session()\n        sesion.headers.update({"User-Agent": USER_AGENT})\n        peticion = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})\n'),
      ];
      for (const src of valid) expect(rendered(rules.descriptiveUserAgent(await factsOk(src)))).to.equal('');
      const logged = variant(REQUEST, '        cabeceras = {"User-Agent": USER_AGENT}\n        print(cabeceras)\n        peticion = urllib.request.Request(url)\n');
      expect(rendered(rules.descriptiveUserAgent(await factsOk(logged)))).to.include('se define, pero ninguna petición lo envía');
      const unopened = variant('urllib.request.urlopen(peticion, timeout=30)', 'urllib.request.urlopen(url, timeout=30)');
      expect(rendered(rules.descriptiveUserAgent(await factsOk(unopened)))).to.include('se define, pero ninguna petición lo envía');
    });
  });

  describe('live tier (the kit\'s Airflow environment)', function () {
    this.timeout(10 * 60_000);
    let restoreSubmission: () => void;
    const ex = exercise(path.join(REPO_ROOT, 'exercises/04-dag-wikipedia'));

    before(function () {
      restoreSubmission = isolateSubmission();
    });
    after(() => {
      delete process.env.TALLER_SUBMISSION;
      restoreSubmission();
    });

    /** Runs the live tier on the solution changed by `edit`, with the given options. */
    async function live(ctx: Mocha.Context, source: string, opts: { fail?: number; missing?: string[]; runTimeoutMs?: number } = {}) {
      await requireLive(ctx, 'airflow');
      process.env.TALLER_SUBMISSION = writeTree({ [FILE]: source });
      const dut = dagUnderTest(ex, {
        dagId: 'captura_wikipedia',
        date: '2025-01-15',
        title: 'Apache_Airflow',
        file: FILE,
        afterStatic: false,
        runTimeoutMs: opts.runTimeoutMs,
        fake: { fail: opts.fail, missing: opts.missing },
      });
      const started = Date.now();
      await dut.run(ctx);
      const o = dut.outcomes;
      if (o.error) throw o.error;
      expect(o.skip, 'not skipped').to.equal(undefined);
      // Nothing is left behind: not its temporary folder, not its fake Wikipedia, no process of its Airflow.
      const { workDir, fakePort } = dut.created;
      expect(workDir && existsSync(workDir), `${workDir} removed`).to.equal(false);
      const ps = await run('ps', ['-eo', 'pid,args'], { timeoutMs: 5000 });
      expect(ps.stdout.split('\n').filter((l) => new RegExp(`wikipedia-falsa --puerto ${fakePort}\\b`).test(l))).to.deep.equal([]);
      const env = await run('sh', ['-c', `grep -l -s -a ${workDir} /proc/[0-9]*/environ || true`], { timeoutMs: 5000 });
      expect(env.stdout.trim(), 'processes whose environment points at the run\'s folder').to.equal('');
      return { o, seconds: (Date.now() - started) / 1000 };
    }

    const message = (outcome: Outcome | undefined) => {
      expect(outcome && 'problem' in outcome, `a failure, got ${JSON.stringify(outcome)}`).to.equal(true);
      return renderProblem((outcome as { problem: Problem }).problem);
    };

    it('an import error fails the DagBag line with the learner\'s traceback; the rest is skipped', async function () {
      const { o } = await live(this, variant('import pendulum\n', 'import pendulum\nimport modulo_que_no_existe\n'));
      expect(message(o.imported)).to.include('dags/captura_wikipedia.py:15\n  Airflow no puede importar').and.include("No module named 'modulo_que_no_existe'");
      expect(o.written).to.deep.equal({ skip: 'el DAG no se carga en Airflow (mira la línea de los errores de importación)' });
    });

    it('a request at import time: to the fake, it is counted; to the real Wikipedia, it never leaves', async function () {
      const toFake = variant(
        'DEFAULT_SALIDA = "/opt/airflow/capturas"\n',
        'DEFAULT_SALIDA = "/opt/airflow/capturas"\nurllib.request.urlopen(os.environ["AIRFLOW_VAR_WIKIPEDIA_BASE_URL"] + "/w/rest.php/v1/page/X/html", timeout=5).read()\n',
      );
      expect(message((await live(this, toFake)).o.imported)).to.include('Al importar el DAG se hicieron 1 petición(es) a la Wikipedia falsa (/w/rest.php/v1/page/X/html)');
      const toInternet = variant('DEFAULT_SALIDA = "/opt/airflow/capturas"\n', 'DEFAULT_SALIDA = "/opt/airflow/capturas"\nurllib.request.urlopen(DEFAULT_BASE_URL, timeout=5).read()\n');
      const { o, seconds } = await live(this, toInternet);
      expect(message(o.imported)).to.include('Airflow no puede importar').and.include('URLError');
      expect(seconds).to.be.below(60);
    });

    it('the fake answering 503: the run stops at the first retry (not after retry_delay) and names the cause', async function () {
      const { o, seconds } = await live(this, SOLUTION, { fail: 5 });
      expect(message(o.written)).to.include('falló y Airflow la dejó para reintentar (`up_for_retry`): la Wikipedia falsa respondió 503').and.include('HTTP Error 503');
      expect(o.idempotent).to.deep.equal({ skip: 'la primera ejecución no escribió la captura (mira la línea anterior)' });
      expect(seconds).to.be.below(120);
    });

    it('the fake answering 404: the run fails for good, and the message names the page', async function () {
      const { o } = await live(this, SOLUTION, { missing: ['Apache_Airflow'] });
      expect(message(o.written)).to.include('la Wikipedia falsa respondió 404: la página «Apache_Airflow» no existe');
      // The request did reach the fake, so the User-Agent is still judged.
      expect(o.userAgent).to.deep.equal({ ok: true });
    });

    it('a task that never ends is stopped at the deadline, with its process group', async function () {
      const { o, seconds } = await live(this, variant('        guardar_atomico(ruta, contenido)\n', '        import time\n        time.sleep(3600)\n'), { runTimeoutMs: 25_000 });
      expect(message(o.written)).to.include('no terminó en 25 s y se detuvo');
      // Bounded, not the task's hour: Airflow's own start-up takes most of this on a busy machine.
      expect(seconds).to.be.below(180);
    });
  });
});
