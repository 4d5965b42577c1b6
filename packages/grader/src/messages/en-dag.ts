// English messages for the Airflow DAG of exercise 04: the static tier (Python's ast) and the
// live tier (the kit's Airflow virtual environment). Spread into `en`.
import type { Catalogue } from './types.ts';
import { codeText as code } from './format.ts';

const tail = (lines: unknown, title = 'The last thing it printed') =>
  Array.isArray(lines) && lines.length ? `\n  ${title}:\n${lines.map((l) => `    │ ${String(l)}`).join('\n')}` : '';
const AIRFLOW_DOCS = 'docs/airflow-docker-compose.md';
// The rules pass `place` in Spanish ("el DAG", "la tarea `x`"); translate those, capitalised.
const place = (v: unknown) =>
  String(v)
    .replace(/^el DAG$/, 'the DAG')
    .replace(/^la tarea /, 'the task ')
    .replace(/^./, (c) => c.toUpperCase());
const placeLower = (v: unknown) => String(v).replace(/^el DAG$/, 'the DAG').replace(/^la tarea /, 'the task ');

export const enDag: Catalogue = {
  // Reading the file
  'dag.file.missing': {
    what: (p) => `There is no ${code(p.file)} in the folder being graded.`,
    fix: (p) => `Create ${code(p.file)}: the exercise ships a starting point with \`TODO\`s in \`exercises/04-dag-wikipedia/dags/\`.`,
  },
  'dag.file.tooLarge': {
    what: (p) => `The file is ${Math.round(Number(p.size) / 1024)} KB; the grader does not read DAG files larger than ${Math.round(Number(p.max) / 1024)} KB.`,
    fix: () => 'A DAG like this one takes a few KB: check that you did not save something else there.',
  },
  'dag.file.notUtf8': {
    what: () => 'The file is not UTF-8, and Python would not read it as it is.',
    fix: () => 'Save it with UTF-8 encoding (your editor lets you choose it in "Save as").',
  },
  'dag.syntax': {
    what: (p) => `Python cannot read the file: ${String(p.msg).replace(/[.?!]$/, '')}.${p.text ? `\n    │ ${String(p.text).trim()}` : ''}`,
    fix: () => 'Fix that line (or the one before: an unclosed parenthesis, quote or `:` often reports the error on the next line). Check it with `python3 -m py_compile dags/captura_wikipedia.py`.',
    hint: 'With a syntax error Airflow does not load the DAG (it shows up under "DAG Import Errors") and the grader cannot check anything else in the file.',
  },
  'dag.python.missing': {
    what: () => 'The grader needs `python3` (3.8 or later) to read your DAG, and cannot find it.',
    fix: () => 'Install Python 3: on Debian or Ubuntu `sudo apt-get install python3`; on macOS `brew install python`; on Windows, from python.org or `winget install Python.Python.3.12` (use WSL2 for Airflow). Then open a new terminal and check `python3 --version`.',
  },
  'dag.python.failed': {
    what: (p) => `The DAG could not be analysed with \`${p.python}\`: ${p.detail}`,
    fix: () => 'Check that `python3 --version` says 3.8 or later; if it does, this is a grader bug: send this message to whoever maintains the workshop.',
  },
  'dag.none': {
    what: () => 'The file does not define any DAG: there is neither `@dag` nor `DAG(...)`.',
    fix: () => 'Define the DAG with `@dag(dag_id="captura_wikipedia", ...)` on a function, and call that function at the end of the file.',
  },
  // Imports
  'dag.import.sdkMissing': {
    what: () => 'The DAG imports nothing from `airflow.sdk`, the API for writing Airflow 3 DAGs.',
    fix: () => 'Import what you use from there: `from airflow.sdk import dag, task, Variable`.',
    hint: 'In Airflow 3, `airflow.sdk` is the stable interface for DAG authors; `airflow.decorators` and `airflow.models` are Airflow 2 paths.',
  },
  'dag.import.legacy': {
    what: (p) => `\`${p.names ? `from ${p.module} import ${p.names}` : `import ${p.module}`}\` is an Airflow 2 import.`,
    fix: (p) => `In Airflow 3, write \`${p.instead}\`.`,
    hint: '`ruff check --select AIR301` flags these old paths.',
  },
  // dag_id
  'dag.id.wrong': {
    what: (p) =>
      p.found
        ? `The DAG is called ${code(p.found)}; expected ${code(p.expected)}.`
        : `The DAG's name cannot be determined: its \`dag_id\` is not a fixed string; expected ${code(p.expected)}.`,
    fix: (p) => `Write \`dag_id="${p.expected}"\` in \`@dag(...)\` (or in \`DAG(...)\`).`,
    hint: 'With `@dag` and no `dag_id`, the DAG takes the function\'s name. The grader runs `airflow dags test captura_wikipedia …`, so the name has to match.',
  },
  'dag.id.notCalled': {
    what: (p) => `The function \`${p.func}\` is decorated with \`@dag\`, but it is never called: Airflow sees no DAG in the file.`,
    fix: (p) => `Add \`${p.func}()\` at the end of the file, without indentation.`,
  },
  // schedule
  'dag.schedule.interval': {
    what: (p) => `\`schedule_interval=${p.src}\` is from Airflow 2: Airflow 3 rejects it when loading the DAG.`,
    fix: () => 'Use `schedule="@daily"` (or `"0 0 * * *"`).',
    hint: 'In Airflow 3 there is a single argument, `schedule`, which accepts a cron expression, an alias like `@daily`, a `timedelta` or a *timetable*. If a tutorial uses `schedule_interval`, it is for Airflow 2.',
  },
  'dag.schedule.missing': {
    what: () => 'The DAG has no `schedule`: in Airflow 3 that means `None`, and it only runs when triggered by hand.',
    fix: () => 'Add `schedule="@daily"` to `@dag(...)`.',
  },
  'dag.schedule.notDaily': {
    what: (p) => `\`schedule=${p.src}\` is not a daily schedule.`,
    fix: () => 'Use `"@daily"`, a daily cron like `"0 0 * * *"`, `timedelta(days=1)` or a daily *timetable* like `CronTriggerTimetable("0 0 * * *", timezone="UTC")`.',
  },
  // start_date
  'dag.start.missing': {
    what: () => 'The DAG has no `start_date` (neither in `@dag(...)` nor in `default_args`).',
    fix: () => 'Add a fixed date with a time zone: `start_date=pendulum.datetime(2025, 1, 1, tz="UTC")`.',
  },
  'dag.start.dynamic': {
    what: (p) => `\`start_date=${p.src}\` changes every time Airflow reads the file (and it reads it every few seconds).`,
    fix: () => 'Use a fixed date: `pendulum.datetime(2025, 1, 1, tz="UTC")`.',
    hint: 'With a moving date, the scheduler cannot decide which days are due; `days_ago` no longer exists in Airflow 3.',
  },
  'dag.start.naive': {
    what: (p) => `\`start_date=${p.src}\` has no time zone.`,
    fix: (p) =>
      p.how === 'pendulum'
        ? 'Remove `tz=None`: `pendulum.datetime(2025, 1, 1, tz="UTC")`.'
        : 'Add one: `datetime(2025, 1, 1, tzinfo=timezone.utc)` (with `from datetime import datetime, timezone`) or use `pendulum.datetime(2025, 1, 1, tz="UTC")`.',
    hint: 'A date without a time zone is interpreted in the installation\'s default time zone, which may not be yours: the same DAG would run at different times on each machine.',
  },
  'dag.start.unknown': {
    what: (p) => `\`start_date=${p.src}\` is not recognised as a fixed date with a time zone.`,
    fix: () => 'Write it out directly: `pendulum.datetime(2025, 1, 1, tz="UTC")` or `datetime(2025, 1, 1, tzinfo=timezone.utc)`.',
  },
  // catchup
  'dag.catchup.missing': {
    what: () => 'The DAG does not set `catchup`.',
    fix: () => 'Write `catchup=False` in `@dag(...)`.',
    hint: 'Airflow 3 does not catch up on past days by default, but that value comes from each installation\'s configuration (`catchup_by_default`); written in the DAG, it does not depend on it.',
  },
  'dag.catchup.notFalse': {
    what: (p) => `\`catchup=${p.src}\`: with it on, Airflow would launch one run for every day since \`start_date\`.`,
    fix: () => 'Write `catchup=False`.',
    hint: 'A capture taken today cannot pass for one from a month ago: the page is no longer the same.',
  },
  // retries
  'dag.retries.missing': {
    what: (p) => `${place(p.place)} has no \`retries\`: a passing 503 or 429 would make the day's capture fail.`,
    fix: () => 'Add `default_args={"retries": 2, "retry_delay": timedelta(minutes=5)}` to `@dag(...)` (or `retries` in `@task(...)`).',
  },
  'dag.retries.few': {
    what: (p) => `\`retries\` is ${p.n} in ${placeLower(p.place)}; at least ${p.min} are required.`,
    fix: (p) => `Raise \`retries\` to ${p.min} or more.`,
    hint: 'Wikipedia answers 429 (too many requests) or 5xx now and then; retrying later almost always solves it.',
  },
  'dag.retries.unknown': {
    what: (p) => `The value of \`retries=${p.src}\` cannot be determined.`,
    fix: (p) => `Write the number directly, for example \`"retries": ${p.min}\`.`,
  },
  'dag.retryDelay.missing': {
    what: (p) => `${place(p.place)} has no \`retry_delay\`: the retries would come right away, before the server has recovered.`,
    fix: () => 'Add `"retry_delay": timedelta(minutes=5)` to `default_args` (with `from datetime import timedelta`).',
  },
  'dag.retryDelay.zero': {
    what: (p) => `\`retry_delay=${p.src}\` in ${p.place} waits for nothing: the retries would come right away, before the server has recovered.`,
    fix: () => 'Give a real wait: `"retry_delay": timedelta(minutes=5)`.',
  },
  // tags
  'dag.tags.missing': {
    what: (p) => `The DAG has no \`tags\`; they are expected to include ${code(p.tag)}.`,
    fix: (p) => `Add \`tags=["${p.tag}"]\` to \`@dag(...)\`.`,
    hint: 'Tags let you filter DAGs in the web UI.',
  },
  'dag.tags.without': {
    what: (p) => `\`tags=${p.src}\` does not include ${code(p.tag)}.`,
    fix: (p) => `Add \`"${p.tag}"\` to the list.`,
  },
  // User-Agent
  'dag.ua.missing': {
    what: () => 'No `User-Agent` in sight: the request would go out with the library\'s generic one (`Python-urllib/3.x`, `python-requests/2.x`), which Wikipedia rejects with 403.',
    fix: () =>
      'Define a constant `USER_AGENT = "mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"` and send it in the header: `headers={"User-Agent": USER_AGENT}`.',
    hint: 'The Wikimedia User-Agent policy asks for a program name with a version and a way to contact you (email or URL).',
  },
  'dag.ua.empty': {
    what: () => 'The User-Agent is empty: the request would go out with the library\'s generic one (`Python-urllib/3.x`), which Wikipedia rejects with 403.',
    fix: () => 'Write one with a name, a version and a contact: `"mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"`.',
    hint: 'The Wikimedia User-Agent policy asks you to identify the program and who to notify if it causes problems.',
  },
  'dag.ua.generic': {
    what: (p) => `The User-Agent ${code(p.ua)} is generic: Wikipedia rejects it with 403.`,
    fix: () => 'Use your own, with a name, a version and a contact: `"mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"`.',
    hint: 'The Wikimedia User-Agent policy asks you to identify the program and who to notify if it causes problems.',
  },
  'dag.ua.noContact': {
    what: (p) => `The User-Agent ${code(p.ua)} has no way to contact you (neither email nor URL).`,
    fix: () => 'Add an email or a URL in parentheses: `"mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"`.',
    hint: 'Wikimedia uses that contact to warn you before blocking your program if it makes too many requests.',
  },
  'dag.ua.noProduct': {
    what: (p) => `The User-Agent ${code(p.ua)} does not start with the program's name and version.`,
    fix: () => 'Start with `name/version` and add the contact: `"mi-captura/1.0 (tu@correo.example)"`.',
  },
  'dag.ua.unknown': {
    what: (p) => `The User-Agent (${code(p.src)}) cannot be read without running the code.`,
    fix: () => 'Write it as a fixed string in a module constant (`USER_AGENT = "…"`) and use that constant in the header.',
  },
  'dag.ua.notSent': {
    what: (p) => `The User-Agent ${code(p.ua ?? p.src)} is defined, but no request sends it: the library's generic one (\`Python-urllib/3.x\`) would go out, which Wikipedia rejects with 403.`,
    fix: () => 'Pass it in the request\'s header: `urllib.request.Request(url, headers={"User-Agent": USER_AGENT})` (or `requests.get(url, headers={"User-Agent": USER_AGENT})`).',
  },
  // Import time
  'dag.atImport.network': {
    what: (p) => `\`${p.src}\` makes a network request when the file is imported${p.func ? ` (inside \`${p.func}\`, which runs when the DAG is loaded)` : ''}.`,
    fix: () => 'Move the request into the task function (`@task`): that way it only happens when the task runs.',
    hint: 'The DAG processor imports your files every few seconds: a request here would repeat hundreds of times a day, and if it is slow, the DAG never finishes loading (`dagbag_import_timeout` limit).',
  },
  'dag.atImport.file': {
    what: (p) => `\`${p.src}\` touches files when the file is imported${p.func ? ` (inside \`${p.func}\`, which runs when the DAG is loaded)` : ''}.`,
    fix: () => 'Move the writing (and the folder creation) into the task function (`@task`).',
    hint: 'Importing should only define the DAG; the DAG processor may run on another machine, or as another user, than the task.',
  },
  'dag.atImport.variable': {
    what: (p) => `\`${p.src}\` reads a Variable when the file is imported${p.func ? ` (inside \`${p.func}\`, which runs when the DAG is loaded)` : ''}.`,
    fix: () => 'Read Variables inside the task function (`@task`), or pass them as a template `"{{ var.value.get(\'wikipedia_titulo\', \'Apache_Airflow\') }}"`.',
    hint: 'Each `Variable.get` at import time is a query to the Airflow database every time the file is reread.',
  },
  // Variables
  'dag.var.missing': {
    what: (p) => `The Variable ${code(p.key)} is not read${p.found ? ` (did you mean ${code(p.key)} instead of ${code(p.found)}?)` : ''}.`,
    fix: (p) => `Read it inside the task: \`Variable.get("${p.key}", default="${p.def}")\`.`,
    hint: 'The grader sets the Variables with `AIRFLOW_VAR_WIKIPEDIA_BASE_URL`, `…_TITULO` and `…_SALIDA`: that is how it points your DAG to its fake Wikipedia and to a temporary folder.',
  },
  'dag.var.atImport': {
    what: (p) => `The Variable ${code(p.key)} is read when the file is imported${p.func ? ` (in \`${p.func}\`, which runs when the DAG is loaded)` : ''}, not when the task runs.`,
    fix: () => 'Move the `Variable.get(...)` inside the function decorated with `@task`.',
    hint: 'The DAG processor rereads the file every few seconds: each read would be a database query, and a change to the Variable would not reach the task until the next read.',
  },
  'dag.var.noDefault': {
    what: (p) => `\`Variable.get("${p.key}")\` has no default value: if the Variable does not exist, the task fails.`,
    fix: (p) => `Add one: \`Variable.get("${p.key}", default="${p.def}")\`.`,
  },
  'dag.var.wrongDefault': {
    what: (p) => `The default value of ${code(p.key)} is ${code(p.found)}; expected ${code(p.def)}.`,
    fix: (p) => `Use \`default="${p.def}"\`.`,
  },
  'dag.var.templateNoDefault': {
    what: (p) => `The template \`${p.text}\` has no default value: if the Variable does not exist, the task fails.`,
    fix: (p) => `Write \`{{ var.value.get('${p.key}', '${p.def}') }}\`.`,
  },
  // Dates
  'dag.date.interval': {
    what: (p) => `${code(p.name)} is used: the capture's path must come from the logical date (\`ds\`), not from the data interval.`,
    fix: () => 'Take `ds` in the task (`def capturar(ds=None)`) and write `f"{salida}/{titulo}/{ds}.html"`.',
    hint: 'In Airflow 3, with `@daily`, the logical date is the moment of the trigger and the interval may not exist; `ds` is the same day on every retry and every rerun, so the file is always the same.',
  },
  'dag.date.removed': {
    what: (p) => `${code(p.name)} no longer exists in Airflow 3: the task would fail with a template or key error.`,
    fix: () => 'Use the logical date: `ds` (a `YYYY-MM-DD` string) or `logical_date`.',
    hint: 'Airflow 3 removed `execution_date`, `next_ds` and `prev_ds` from the context.',
  },
  'dag.date.clock': {
    what: (p) => `The capture's path comes from the clock (${code(p.src)}), not from the run's logical date.`,
    fix: () => 'Take `ds` in the task (`def capturar(ds=None)`) and write to `f"{salida}/{titulo}/{ds}.html"`.',
    hint: 'A retry after midnight, or rerunning yesterday\'s run, would write into another day\'s file; `ds` is always the run\'s day.',
  },
  'dag.date.noDs': {
    what: () => 'No `ds` (nor `logical_date`) in sight in the task: the file name must be the run\'s logical date.',
    fix: () => 'Take `ds` as an argument of the task (`def capturar(ds=None)`) and write to `f"{salida}/{titulo}/{ds}.html"`.',
    hint: 'With the current time (`datetime.now()`), rerunning yesterday\'s run would create another file instead of replacing its own.',
  },
  // Atomic writes
  'dag.write.append': {
    what: (p) => `${code(p.src)} opens the file for appending: rerunning the same day would duplicate the page.`,
    fix: () => 'Write the whole page into a temporary file in the same folder (`tempfile.mkstemp(dir=carpeta)`) and replace the final file with `os.replace(temporal, ruta)`.',
  },
  'dag.write.final': {
    what: (p) => `${code(p.src)} writes straight into the final file (${code(p.target)}): while it writes, or if the task fails halfway, half a page is left in the folder.`,
    fix: () => 'Write into a temporary file in the same folder (`tempfile.mkstemp(dir=carpeta)`) and rename it at the end with `os.replace(temporal, ruta)`.',
    hint: 'A rename within one file system is atomic: whoever reads the folder sees the previous capture or the whole new one, never half of one.',
  },
  'dag.write.notAtomic': {
    what: (p) =>
      `The capture is not written atomically${p.src ? ` (${code(p.src)} writes and nothing renames it afterwards)` : ''}: there is no \`os.replace\` (nor \`os.rename\`, \`Path.replace\`) putting the file in place.`,
    fix: () => 'Write into a temporary file in the same folder (`tempfile.mkstemp(dir=carpeta)`) and rename it at the end with `os.replace(temporal, ruta)`.',
    hint: 'A rename within one file system is atomic: whoever reads the folder sees the previous capture or the whole new one, never half of one.',
  },
  'dag.write.tempElsewhere': {
    what: (p) => `${code(p.src)} puts the temporary file outside the destination folder (in the system's temporary folder).`,
    fix: () => 'Create the temporary file next to the final one: `tempfile.mkstemp(dir=os.path.dirname(ruta))`, then `os.replace(temporal, ruta)`.',
    hint: '`/tmp` is often another file system: there `os.replace` fails (EXDEV) and `shutil.move` copies, which is no longer atomic.',
  },

  // ------------------------------------------------------------------ live tier (Airflow)
  'airflow.unavailable.disabled': {
    what: () => 'Airflow is not run because you asked for it (TALLER_AIRFLOW=no)',
  },
  'airflow.unavailable.windows': {
    what: () => 'Airflow does not run on Windows directly: grade from WSL2 to run your DAG',
  },
  'airflow.unavailable.python': {
    what: (p) => `python3 ${p.min} or later is needed for Airflow ${p.version}${p.found ? ` (found ${p.found})` : ' (`python3` not found)'}`,
  },
  'airflow.unavailable.noVenv': {
    what: (p) =>
      `the workshop's Airflow ${p.version} environment is missing (about 300 MB in ${p.dir}); create it once with \`TALLER_AIRFLOW=instalar npm test -w exercise-04\` (or \`bash .ci/airflow/setup.sh\`) and grade again`,
  },
  'airflow.unavailable.badDir': {
    what: (p) => `TALLER_AIRFLOW=${p.dir} is not a virtual environment with Airflow (${p.missing} is missing); use \`instalar\`, \`no\` or the folder of an environment with \`bin/airflow\``,
  },
  'airflow.unavailable.installFailed': {
    what: (p) => `the Airflow environment could not be created in ${p.dir}: ${p.detail}`,
  },
  'airflow.unavailable.lock': {
    what: (p) => `another process has been using Airflow for ${p.minutes} min${p.holder ? ` (${p.holder})` : ''}; if there is none, delete ${p.file}`,
  },
  'airflow.skip.staticFailed': {
    what: () => 'the static tier lines have to pass first',
  },
  'airflow.skip.notImported': {
    what: () => 'the DAG does not load in Airflow (see the import errors line)',
  },
  'airflow.skip.firstRun': {
    what: () => 'the first run did not write the capture (see the previous line)',
  },
  'airflow.migrate.failed': {
    what: (p) => `\`airflow db migrate\` failed (exit code ${p.exitCode}) while preparing the grader's SQLite database.${tail(p.tail)}`,
    fix: () => 'This is a problem with the workshop\'s Airflow environment, not with your DAG: delete it (the folder is shown above) and create it again with `TALLER_AIRFLOW=instalar`.',
  },
  'airflow.import.errors': {
    what: (p) => `Airflow cannot import ${code(p.file)}:${tail(p.tail, 'The Python error')}`,
    fix: () => 'Fix the error shown on the last line. To see it yourself: `python3 dags/captura_wikipedia.py` with Airflow installed, or `airflow dags list-import-errors`.',
    hint: 'A `ModuleNotFoundError` means you import something that is not installed alongside Airflow; use the standard library (`urllib.request`) or packages Airflow already ships (`requests`, `httpx`).',
  },
  'airflow.import.timeout': {
    what: (p) => `Importing the DAG took more than ${p.seconds} s: something runs when the file is loaded (a network request?).${tail(p.tail)}`,
    fix: () => 'Keep only definitions at module level; requests and reads go inside the task.',
  },
  'airflow.import.noDag': {
    what: (p) => `Airflow imports the file without errors, but does not find the DAG ${code(p.dagId)}${p.found ? `; it finds: ${p.found}` : ''}.`,
    fix: () => 'Check the `dag_id`, and that the function decorated with `@dag` is called at the end of the file.',
  },
  'airflow.import.requests': {
    what: (p) => `Importing the DAG made ${p.count} request${Number(p.count) === 1 ? '' : 's'} to the fake Wikipedia (${p.paths}): the file does work when it is loaded, not when it runs.`,
    fix: () => 'Move the requests and the Variable reads inside the task (`@task`).',
  },
  'airflow.run.timeout': {
    what: (p) => `\`airflow dags test ${p.dagId} ${p.date}\` did not finish within ${p.seconds} s and was stopped.${tail(p.tail)}`,
    fix: () => 'Set a `timeout` on the request (`urlopen(..., timeout=30)`) and check that the task is not waiting for something that never comes.',
  },
  'airflow.run.retry': {
    what: (p) => `The task \`${p.task}\` failed and Airflow set it to retry (\`up_for_retry\`)${p.cause ? `: ${p.cause}` : ''}.${tail(p.tail, 'The error')}`,
    fix: (p) => String(p.fix ?? 'Fix the error shown in the traceback. The grader does not wait for retries (`retry_delay`): the first run has to work.'),
  },
  'airflow.run.failed': {
    what: (p) => `\`airflow dags test ${p.dagId} ${p.date}\` ended in \`${p.state ?? 'failed'}\` (exit code ${p.exitCode})${p.cause ? `: ${p.cause}` : ''}.${tail(p.tail, 'The error')}`,
    fix: (p) => String(p.fix ?? 'Fix the error shown in the traceback; to see it yourself, run the same `airflow dags test` with `AIRFLOW_VAR_WIKIPEDIA_*` pointing to your folder.'),
  },
  'airflow.write.missing': {
    what: (p) => `The run finished, but there is no ${code(p.expected)} in the output folder${p.found ? `; it has: ${p.found}` : ' (it is empty)'}.`,
    fix: () => 'Write to `os.path.join(salida, titulo, f"{ds}.html")`, with `salida` and `titulo` read from the Variables and `ds` the logical date (`YYYY-MM-DD`).',
    hint: '`ds_nodash` gives `20250115` and `data_interval_end` may be another day: the name has to be `2025-01-15.html` for the January 15 run.',
  },
  'airflow.write.content': {
    what: (p) => `${code(p.expected)} does not hold what the fake Wikipedia returned (${p.got} bytes; expected ${p.size}${p.detail ? `, ${p.detail}` : ''}).`,
    fix: () => 'Save the response body as is, in binary (`respuesta.read()` → `"wb"`), without adding or transforming anything.',
  },
  'airflow.ua.none': {
    what: (p) => `The fake Wikipedia received no page request${p.other ? ` (it received: ${p.other})` : ''}.`,
    fix: () => 'Request `{wikipedia_base_url}/w/rest.php/v1/page/{titulo}/html`, reading the base URL from the `wikipedia_base_url` Variable.',
  },
  'airflow.ua.generic': {
    what: (p) => `The fake Wikipedia received the request with the User-Agent ${code(p.ua || '(empty)')}, which is not descriptive${p.flaw === 'noContact' ? ' (it has no contact)' : ''}.`,
    fix: () => 'Send your User-Agent in the request header: `urllib.request.Request(url, headers={"User-Agent": USER_AGENT})` (with `requests`: `requests.get(url, headers={"User-Agent": USER_AGENT})`).',
    hint: 'Defining the constant is not enough: you have to pass it on every request. Wikipedia rejects generic User-Agents with 403.',
  },
  'airflow.idempotent.files': {
    what: (p) => `After rerunning the ${p.date} run, the output folder has ${p.count} files (${p.found}); only ${code(p.expected)} is expected.`,
    fix: () => 'The file name can only depend on the logical date (`ds`), never on the current time; and temporary files are renamed with `os.replace` or deleted.',
  },
  'airflow.idempotent.content': {
    what: (p) => `After rerunning the ${p.date} run, ${code(p.expected)} is no longer the page: it has ${p.got} bytes instead of ${p.size}${p.doubled ? ' (the page appears twice: it was appended instead of replaced)' : ''}.`,
    fix: () => 'Write to a temporary file in the same folder and replace the target with `os.replace(temporal, ruta)`; never open the target in `"a"` mode.',
    hint: `Rerunning a run (a retry, a "Clear" in the UI) has to leave the same result: that is an idempotent task. See ${AIRFLOW_DOCS}.`,
  },
};
