// Spanish messages for the Airflow DAG of exercise 04: the static tier (Python's ast) and the
// live tier (the kit's Airflow virtual environment). Spread into `es`.
import type { Catalogue } from './types.ts';
import { codeText as code } from './format.ts';

const tail = (lines: unknown, title = 'Lo último que escribió') =>
  Array.isArray(lines) && lines.length ? `\n  ${title}:\n${lines.map((l) => `    │ ${String(l)}`).join('\n')}` : '';
const AIRFLOW_DOCS = 'docs/airflow-docker-compose.md';

export const esDag: Catalogue = {
  // Reading the file
  'dag.file.missing': {
    what: (p) => `No existe ${code(p.file)} en la carpeta que se corrige.`,
    fix: (p) => `Crea ${code(p.file)}: el ejercicio trae un punto de partida con \`TODO\` en \`exercises/04-dag-wikipedia/dags/\`.`,
  },
  'dag.file.tooLarge': {
    what: (p) => `El archivo ocupa ${Math.round(Number(p.size) / 1024)} KB; el corrector no lee DAG de más de ${Math.round(Number(p.max) / 1024)} KB.`,
    fix: () => 'Un DAG como este ocupa unos pocos KB: revisa que no hayas guardado ahí otra cosa.',
  },
  'dag.file.notUtf8': {
    what: () => 'El archivo no está en UTF-8, y Python no lo leería así.',
    fix: () => 'Guárdalo con la codificación UTF-8 (tu editor lo permite en «Guardar como»).',
  },
  'dag.syntax': {
    what: (p) => `Python no puede leer el archivo: ${String(p.msg).replace(/[.?!]$/, '')}.${p.text ? `\n    │ ${String(p.text).trim()}` : ''}`,
    fix: () => 'Corrige esa línea (o la anterior: un paréntesis, una comilla o un `:` sin cerrar suelen dar el error en la línea siguiente). Compruébalo con `python3 -m py_compile dags/captura_wikipedia.py`.',
    hint: 'Con un error de sintaxis Airflow no carga el DAG (aparece en «DAG Import Errors») y el corrector no puede comprobar nada más del archivo.',
  },
  'dag.python.missing': {
    what: () => 'El corrector necesita `python3` (3.8 o posterior) para leer tu DAG, y no lo encuentra.',
    fix: () => 'Instala Python 3: en Debian o Ubuntu `sudo apt-get install python3`; en macOS `brew install python`; en Windows, desde python.org o `winget install Python.Python.3.12` (usa WSL2 para Airflow). Después abre otra terminal y comprueba `python3 --version`.',
  },
  'dag.python.failed': {
    what: (p) => `No se pudo analizar el DAG con \`${p.python}\`: ${p.detail}`,
    fix: () => 'Comprueba que `python3 --version` dice 3.8 o posterior; si es así, es un fallo del corrector: avisa a quien mantiene el taller con este mensaje.',
  },
  'dag.none': {
    what: () => 'El archivo no define ningún DAG: no hay ni `@dag` ni `DAG(...)`.',
    fix: () => 'Define el DAG con `@dag(dag_id="captura_wikipedia", ...)` sobre una función, y llama a esa función al final del archivo.',
  },
  // Imports
  'dag.import.sdkMissing': {
    what: () => 'El DAG no importa nada de `airflow.sdk`, la API para escribir DAG de Airflow 3.',
    fix: () => 'Importa lo que usas de ahí: `from airflow.sdk import dag, task, Variable`.',
    hint: 'En Airflow 3, `airflow.sdk` es la interfaz estable para autores de DAG; `airflow.decorators` y `airflow.models` son rutas de Airflow 2.',
  },
  'dag.import.legacy': {
    what: (p) => `\`${p.names ? `from ${p.module} import ${p.names}` : `import ${p.module}`}\` es una importación de Airflow 2.`,
    fix: (p) => `En Airflow 3 escribe \`${p.instead}\`.`,
    hint: '`ruff check --select AIR301` señala estas rutas antiguas.',
  },
  // dag_id
  'dag.id.wrong': {
    what: (p) =>
      p.found
        ? `El DAG se llama ${code(p.found)}; se espera ${code(p.expected)}.`
        : `No se sabe cómo se llama el DAG: su \`dag_id\` no es un texto fijo; se espera ${code(p.expected)}.`,
    fix: (p) => `Escribe \`dag_id="${p.expected}"\` en \`@dag(...)\` (o en \`DAG(...)\`).`,
    hint: 'Con `@dag` y sin `dag_id`, el DAG toma el nombre de la función. El corrector ejecuta `airflow dags test captura_wikipedia …`, así que el nombre tiene que coincidir.',
  },
  'dag.id.notCalled': {
    what: (p) => `La función \`${p.func}\` está decorada con \`@dag\`, pero nunca se llama: Airflow no ve ningún DAG en el archivo.`,
    fix: (p) => `Añade al final del archivo, sin sangría, \`${p.func}()\`.`,
  },
  // schedule
  'dag.schedule.interval': {
    what: (p) => `\`schedule_interval=${p.src}\` es de Airflow 2: Airflow 3 lo rechaza al cargar el DAG.`,
    fix: () => 'Usa `schedule="@daily"` (o `"0 0 * * *"`).',
    hint: 'En Airflow 3 hay un solo argumento, `schedule`, que acepta un cron, un alias como `@daily`, un `timedelta` o un *timetable*. Si un tutorial usa `schedule_interval`, es de Airflow 2.',
  },
  'dag.schedule.missing': {
    what: () => 'El DAG no tiene `schedule`: en Airflow 3 eso significa `None`, y solo se ejecuta a mano.',
    fix: () => 'Añade `schedule="@daily"` a `@dag(...)`.',
  },
  'dag.schedule.notDaily': {
    what: (p) => `\`schedule=${p.src}\` no es una programación diaria.`,
    fix: () => 'Usa `"@daily"`, un cron diario como `"0 0 * * *"`, `timedelta(days=1)` o un *timetable* diario como `CronTriggerTimetable("0 0 * * *", timezone="UTC")`.',
  },
  // start_date
  'dag.start.missing': {
    what: () => 'El DAG no tiene `start_date` (ni en `@dag(...)` ni en `default_args`).',
    fix: () => 'Añade una fecha fija con zona horaria: `start_date=pendulum.datetime(2025, 1, 1, tz="UTC")`.',
  },
  'dag.start.dynamic': {
    what: (p) => `\`start_date=${p.src}\` cambia cada vez que Airflow lee el archivo (y lo lee cada pocos segundos).`,
    fix: () => 'Usa una fecha fija: `pendulum.datetime(2025, 1, 1, tz="UTC")`.',
    hint: 'Con una fecha que se mueve, el planificador no puede decidir qué días tocan; `days_ago` ya no existe en Airflow 3.',
  },
  'dag.start.naive': {
    what: (p) => `\`start_date=${p.src}\` no lleva zona horaria.`,
    fix: (p) =>
      p.how === 'pendulum'
        ? 'Quita `tz=None`: `pendulum.datetime(2025, 1, 1, tz="UTC")`.'
        : 'Añádela: `datetime(2025, 1, 1, tzinfo=timezone.utc)` (con `from datetime import datetime, timezone`) o usa `pendulum.datetime(2025, 1, 1, tz="UTC")`.',
    hint: 'Una fecha sin zona se interpreta con la zona por defecto de la instalación, que puede no ser la tuya: el mismo DAG se ejecutaría a horas distintas en cada máquina.',
  },
  'dag.start.unknown': {
    what: (p) => `No se reconoce \`start_date=${p.src}\` como una fecha fija con zona horaria.`,
    fix: () => 'Escríbela directamente: `pendulum.datetime(2025, 1, 1, tz="UTC")` o `datetime(2025, 1, 1, tzinfo=timezone.utc)`.',
  },
  // catchup
  'dag.catchup.missing': {
    what: () => 'El DAG no dice `catchup`.',
    fix: () => 'Escribe `catchup=False` en `@dag(...)`.',
    hint: 'Airflow 3 no recupera días pasados por defecto, pero ese valor sale de la configuración (`catchup_by_default`) de cada instalación; escrito en el DAG no depende de ella.',
  },
  'dag.catchup.notFalse': {
    what: (p) => `\`catchup=${p.src}\`: al activarlo, Airflow lanzaría una ejecución por cada día desde \`start_date\`.`,
    fix: () => 'Escribe `catchup=False`.',
    hint: 'Una captura de hoy no puede pasar por la de hace un mes: la página ya no es la misma.',
  },
  // retries
  'dag.retries.missing': {
    what: (p) => `${String(p.place).replace(/^./, (c) => c.toUpperCase())} no tiene \`retries\`: un 503 o un 429 pasajero haría fallar la captura del día.`,
    fix: () => 'Añade `default_args={"retries": 2, "retry_delay": timedelta(minutes=5)}` a `@dag(...)` (o `retries` en `@task(...)`).',
  },
  'dag.retries.few': {
    what: (p) => `\`retries\` vale ${p.n} en ${p.place}; se piden ${p.min} como mínimo.`,
    fix: (p) => `Sube \`retries\` a ${p.min} o más.`,
    hint: 'Wikipedia contesta 429 (demasiadas peticiones) o 5xx de vez en cuando; reintentar más tarde lo resuelve casi siempre.',
  },
  'dag.retries.unknown': {
    what: (p) => `No se puede saber cuánto vale \`retries=${p.src}\`.`,
    fix: (p) => `Escribe el número directamente, por ejemplo \`"retries": ${p.min}\`.`,
  },
  'dag.retryDelay.missing': {
    what: (p) => `${String(p.place).replace(/^./, (c) => c.toUpperCase())} no tiene \`retry_delay\`: los reintentos llegarían enseguida, cuando el servidor aún no se ha recuperado.`,
    fix: () => 'Añade `"retry_delay": timedelta(minutes=5)` a `default_args` (con `from datetime import timedelta`).',
  },
  'dag.retryDelay.zero': {
    what: (p) => `\`retry_delay=${p.src}\` en ${p.place} no espera nada: los reintentos llegarían enseguida, cuando el servidor aún no se ha recuperado.`,
    fix: () => 'Da una espera de verdad: `"retry_delay": timedelta(minutes=5)`.',
  },
  // tags
  'dag.tags.missing': {
    what: (p) => `El DAG no tiene \`tags\`; se espera que incluya ${code(p.tag)}.`,
    fix: (p) => `Añade \`tags=["${p.tag}"]\` a \`@dag(...)\`.`,
    hint: 'Las etiquetas sirven para filtrar los DAG en la interfaz web.',
  },
  'dag.tags.without': {
    what: (p) => `\`tags=${p.src}\` no incluye ${code(p.tag)}.`,
    fix: (p) => `Añade \`"${p.tag}"\` a la lista.`,
  },
  // User-Agent
  'dag.ua.missing': {
    what: () => 'No se ve ningún `User-Agent`: la petición saldría con el genérico de la biblioteca (`Python-urllib/3.x`, `python-requests/2.x`), que Wikipedia rechaza con 403.',
    fix: () =>
      'Define una constante `USER_AGENT = "mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"` y envíala en la cabecera: `headers={"User-Agent": USER_AGENT}`.',
    hint: 'La política de User-Agent de Wikimedia pide un nombre de programa con versión y una forma de contacto (correo o URL).',
  },
  'dag.ua.empty': {
    what: () => 'El User-Agent está vacío: la petición saldría con el genérico de la biblioteca (`Python-urllib/3.x`), que Wikipedia rechaza con 403.',
    fix: () => 'Escribe uno con nombre, versión y contacto: `"mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"`.',
    hint: 'La política de User-Agent de Wikimedia pide identificar el programa y a quién avisar si causa problemas.',
  },
  'dag.ua.generic': {
    what: (p) => `El User-Agent ${code(p.ua)} es genérico: Wikipedia lo rechaza con 403.`,
    fix: () => 'Usa uno propio, con nombre, versión y contacto: `"mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"`.',
    hint: 'La política de User-Agent de Wikimedia pide identificar el programa y a quién avisar si causa problemas.',
  },
  'dag.ua.noContact': {
    what: (p) => `El User-Agent ${code(p.ua)} no lleva forma de contacto (ni correo ni URL).`,
    fix: () => 'Añade un correo o una URL entre paréntesis: `"mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)"`.',
    hint: 'Wikimedia usa ese contacto para avisarte antes de bloquear tu programa si hace demasiadas peticiones.',
  },
  'dag.ua.noProduct': {
    what: (p) => `El User-Agent ${code(p.ua)} no empieza por el nombre del programa y su versión.`,
    fix: () => 'Empieza por `nombre/versión` y añade el contacto: `"mi-captura/1.0 (tu@correo.example)"`.',
  },
  'dag.ua.unknown': {
    what: (p) => `No se puede leer el User-Agent (${code(p.src)}) sin ejecutar el código.`,
    fix: () => 'Escríbelo como un texto fijo en una constante del módulo (`USER_AGENT = "…"`) y usa esa constante en la cabecera.',
  },
  'dag.ua.notSent': {
    what: (p) => `El User-Agent ${code(p.ua ?? p.src)} se define, pero ninguna petición lo envía: saldría el genérico de la biblioteca (\`Python-urllib/3.x\`), que Wikipedia rechaza con 403.`,
    fix: () => 'Pásalo en la cabecera de la petición: `urllib.request.Request(url, headers={"User-Agent": USER_AGENT})` (o `requests.get(url, headers={"User-Agent": USER_AGENT})`).',
  },
  // Import time
  'dag.atImport.network': {
    what: (p) => `\`${p.src}\` hace una petición de red al importar el archivo${p.func ? ` (dentro de \`${p.func}\`, que se ejecuta al cargar el DAG)` : ''}.`,
    fix: () => 'Mueve la petición dentro de la función de la tarea (`@task`): así solo ocurre cuando la tarea se ejecuta.',
    hint: 'El procesador de DAG importa tus archivos cada pocos segundos: una petición aquí se repetiría cientos de veces al día, y si tarda, el DAG no llega a cargarse (límite `dagbag_import_timeout`).',
  },
  'dag.atImport.file': {
    what: (p) => `\`${p.src}\` toca archivos al importar el archivo${p.func ? ` (dentro de \`${p.func}\`, que se ejecuta al cargar el DAG)` : ''}.`,
    fix: () => 'Mueve la escritura (y la creación de carpetas) dentro de la función de la tarea (`@task`).',
    hint: 'Al importar solo se define el DAG; el procesador de DAG puede correr en otra máquina o con otro usuario que la tarea.',
  },
  'dag.atImport.variable': {
    what: (p) => `\`${p.src}\` lee una Variable al importar el archivo${p.func ? ` (dentro de \`${p.func}\`, que se ejecuta al cargar el DAG)` : ''}.`,
    fix: () => 'Lee las Variables dentro de la función de la tarea (`@task`), o pásalas como plantilla `"{{ var.value.get(\'wikipedia_titulo\', \'Apache_Airflow\') }}"`.',
    hint: 'Cada `Variable.get` al importar es una consulta a la base de datos de Airflow cada vez que se relee el archivo.',
  },
  // Variables
  'dag.var.missing': {
    what: (p) => `No se lee la Variable ${code(p.key)}${p.found ? ` (¿quisiste decir ${code(p.key)} en lugar de ${code(p.found)}?)` : ''}.`,
    fix: (p) => `Léela dentro de la tarea: \`Variable.get("${p.key}", default="${p.def}")\`.`,
    hint: 'El corrector da valor a las Variables con `AIRFLOW_VAR_WIKIPEDIA_BASE_URL`, `…_TITULO` y `…_SALIDA`: así apunta tu DAG a su Wikipedia falsa y a una carpeta temporal.',
  },
  'dag.var.atImport': {
    what: (p) => `La Variable ${code(p.key)} se lee al importar el archivo${p.func ? ` (en \`${p.func}\`, que se ejecuta al cargar el DAG)` : ''}, no al ejecutar la tarea.`,
    fix: () => 'Mueve el `Variable.get(...)` dentro de la función decorada con `@task`.',
    hint: 'El procesador de DAG relee el archivo cada pocos segundos: cada lectura sería una consulta a la base de datos, y un cambio de la Variable no llegaría a la tarea hasta la siguiente lectura.',
  },
  'dag.var.noDefault': {
    what: (p) => `\`Variable.get("${p.key}")\` no tiene valor por defecto: si la Variable no existe, la tarea falla.`,
    fix: (p) => `Añádelo: \`Variable.get("${p.key}", default="${p.def}")\`.`,
  },
  'dag.var.wrongDefault': {
    what: (p) => `El valor por defecto de ${code(p.key)} es ${code(p.found)}; se espera ${code(p.def)}.`,
    fix: (p) => `Usa \`default="${p.def}"\`.`,
  },
  'dag.var.templateNoDefault': {
    what: (p) => `La plantilla \`${p.text}\` no tiene valor por defecto: si la Variable no existe, la tarea falla.`,
    fix: (p) => `Escribe \`{{ var.value.get('${p.key}', '${p.def}') }}\`.`,
  },
  // Dates
  'dag.date.interval': {
    what: (p) => `Se usa ${code(p.name)}: la ruta de la captura debe salir de la fecha lógica (\`ds\`), no del intervalo de datos.`,
    fix: () => 'Recibe `ds` en la tarea (`def capturar(ds=None)`) y escribe `f"{salida}/{titulo}/{ds}.html"`.',
    hint: 'En Airflow 3, con `@daily`, la fecha lógica es el momento del disparo y el intervalo puede no existir; `ds` es el mismo día en cada reintento y en cada repetición, así que el archivo siempre es el mismo.',
  },
  'dag.date.removed': {
    what: (p) => `${code(p.name)} ya no existe en Airflow 3: la tarea fallaría con un error de plantilla o de clave.`,
    fix: () => 'Usa la fecha lógica: `ds` (texto `AAAA-MM-DD`) o `logical_date`.',
    hint: 'Airflow 3 retiró `execution_date`, `next_ds` y `prev_ds` del contexto.',
  },
  'dag.date.clock': {
    what: (p) => `La ruta de la captura sale del reloj (${code(p.src)}), no de la fecha lógica de la ejecución.`,
    fix: () => 'Recibe `ds` en la tarea (`def capturar(ds=None)`) y escribe en `f"{salida}/{titulo}/{ds}.html"`.',
    hint: 'Un reintento después de medianoche, o repetir la ejecución de ayer, escribiría en el archivo de otro día; `ds` es siempre el día de la ejecución.',
  },
  'dag.date.noDs': {
    what: () => 'No se ve `ds` (ni `logical_date`) en la tarea: el nombre del archivo debe ser la fecha lógica de la ejecución.',
    fix: () => 'Recibe `ds` como argumento de la tarea (`def capturar(ds=None)`) y escribe en `f"{salida}/{titulo}/{ds}.html"`.',
    hint: 'Con la hora actual (`datetime.now()`), repetir la ejecución de ayer crearía otro archivo en lugar de sustituir el suyo.',
  },
  // Atomic writes
  'dag.write.append': {
    what: (p) => `${code(p.src)} abre el archivo para añadir: repetir la ejecución del mismo día duplicaría la página.`,
    fix: () => 'Escribe la página entera en un temporal de la misma carpeta (`tempfile.mkstemp(dir=carpeta)`) y sustituye el archivo final con `os.replace(temporal, ruta)`.',
  },
  'dag.write.final': {
    what: (p) => `${code(p.src)} escribe directamente en el archivo final (${code(p.target)}): mientras se escribe, o si la tarea falla a medias, en la carpeta queda media página.`,
    fix: () => 'Escribe en un temporal de la misma carpeta (`tempfile.mkstemp(dir=carpeta)`) y renómbralo al final con `os.replace(temporal, ruta)`.',
    hint: 'Renombrar dentro de un mismo sistema de archivos es atómico: quien lee la carpeta ve la captura anterior o la nueva entera, nunca una a medias.',
  },
  'dag.write.notAtomic': {
    what: (p) =>
      `La captura no se escribe de forma atómica${p.src ? ` (${code(p.src)} escribe y nada la renombra después)` : ''}: no se ve ningún \`os.replace\` (ni \`os.rename\`, \`Path.replace\`) que ponga el archivo en su sitio.`,
    fix: () => 'Escribe en un temporal de la misma carpeta (`tempfile.mkstemp(dir=carpeta)`) y renómbralo al final con `os.replace(temporal, ruta)`.',
    hint: 'Renombrar dentro de un mismo sistema de archivos es atómico: quien lee la carpeta ve la captura anterior o la nueva entera, nunca una a medias.',
  },
  'dag.write.tempElsewhere': {
    what: (p) => `${code(p.src)} deja el temporal fuera de la carpeta de destino (en la carpeta temporal del sistema).`,
    fix: () => 'Crea el temporal junto al archivo final: `tempfile.mkstemp(dir=os.path.dirname(ruta))`, y después `os.replace(temporal, ruta)`.',
    hint: '`/tmp` suele estar en otro sistema de archivos: allí `os.replace` falla (EXDEV) y `shutil.move` copia, que ya no es atómico.',
  },

  // ------------------------------------------------------------------ live tier (Airflow)
  'airflow.unavailable.disabled': {
    what: () => 'no se ejecuta Airflow porque lo pediste (TALLER_AIRFLOW=no)',
  },
  'airflow.unavailable.windows': {
    what: () => 'Airflow no funciona en Windows directamente: corrige desde WSL2 para ejecutar tu DAG',
  },
  'airflow.unavailable.python': {
    what: (p) => `hace falta python3 ${p.min} o posterior para Airflow ${p.version}${p.found ? ` (hay ${p.found})` : ' (no se encuentra `python3`)'}`,
  },
  'airflow.unavailable.noVenv': {
    what: (p) =>
      `falta el entorno de Airflow ${p.version} del taller (unos 300 MB en ${p.dir}); créalo una vez con \`TALLER_AIRFLOW=instalar npm test -w exercise-04\` (o \`bash .ci/airflow/setup.sh\`) y vuelve a corregir`,
  },
  'airflow.unavailable.badDir': {
    what: (p) => `TALLER_AIRFLOW=${p.dir} no es un entorno virtual con Airflow (falta ${p.missing}); usa \`instalar\`, \`no\` o la carpeta de un entorno con \`bin/airflow\``,
  },
  'airflow.unavailable.installFailed': {
    what: (p) => `no se pudo crear el entorno de Airflow en ${p.dir}: ${p.detail}`,
  },
  'airflow.unavailable.lock': {
    what: (p) => `otro proceso lleva ${p.minutes} min usando Airflow${p.holder ? ` (${p.holder})` : ''}; si no hay ninguno, borra ${p.file}`,
  },
  'airflow.skip.staticFailed': {
    what: () => 'primero tienen que pasar las líneas del nivel estático',
  },
  'airflow.skip.notImported': {
    what: () => 'el DAG no se carga en Airflow (mira la línea de los errores de importación)',
  },
  'airflow.skip.firstRun': {
    what: () => 'la primera ejecución no escribió la captura (mira la línea anterior)',
  },
  'airflow.migrate.failed': {
    what: (p) => `\`airflow db migrate\` falló (código ${p.exitCode}) al preparar la base SQLite del corrector.${tail(p.tail)}`,
    fix: () => 'Es un problema del entorno de Airflow del taller, no de tu DAG: bórralo (la carpeta se indica arriba) y vuelve a crearlo con `TALLER_AIRFLOW=instalar`.',
  },
  'airflow.import.errors': {
    what: (p) => `Airflow no puede importar ${code(p.file)}:${tail(p.tail, 'El error de Python')}`,
    fix: () => 'Corrige el error que muestra la última línea. Para verlo tú: `python3 dags/captura_wikipedia.py` con Airflow instalado, o `airflow dags list-import-errors`.',
    hint: 'Un `ModuleNotFoundError` significa que importas algo que no está instalado junto a Airflow; usa la biblioteca estándar (`urllib.request`) o paquetes que Airflow ya trae (`requests`, `httpx`).',
  },
  'airflow.import.timeout': {
    what: (p) => `Importar el DAG tardó más de ${p.seconds} s: algo se ejecuta al cargar el archivo (¿una petición de red?).${tail(p.tail)}`,
    fix: () => 'Deja en el nivel del módulo solo definiciones; las peticiones y las lecturas van dentro de la tarea.',
  },
  'airflow.import.noDag': {
    what: (p) => `Airflow importa el archivo sin errores, pero no encuentra el DAG ${code(p.dagId)}${p.found ? `; encuentra: ${p.found}` : ''}.`,
    fix: () => 'Comprueba el `dag_id` y que la función decorada con `@dag` se llama al final del archivo.',
  },
  'airflow.import.requests': {
    what: (p) => `Al importar el DAG se hicieron ${p.count} petición(es) a la Wikipedia falsa (${p.paths}): el archivo trabaja al cargarse, no al ejecutarse.`,
    fix: () => 'Mueve las peticiones y las lecturas de Variables dentro de la tarea (`@task`).',
  },
  'airflow.run.timeout': {
    what: (p) => `\`airflow dags test ${p.dagId} ${p.date}\` no terminó en ${p.seconds} s y se detuvo.${tail(p.tail)}`,
    fix: () => 'Pon un `timeout` a la petición (`urlopen(..., timeout=30)`) y revisa que la tarea no espere algo que nunca llega.',
  },
  'airflow.run.retry': {
    what: (p) => `La tarea \`${p.task}\` falló y Airflow la dejó para reintentar (\`up_for_retry\`)${p.cause ? `: ${p.cause}` : ''}.${tail(p.tail, 'El error')}`,
    fix: (p) => String(p.fix ?? 'Corrige el error que muestra la traza. El corrector no espera a los reintentos (`retry_delay`): la primera ejecución tiene que funcionar.'),
  },
  'airflow.run.failed': {
    what: (p) => `\`airflow dags test ${p.dagId} ${p.date}\` terminó en \`${p.state ?? 'failed'}\` (código ${p.exitCode})${p.cause ? `: ${p.cause}` : ''}.${tail(p.tail, 'El error')}`,
    fix: (p) => String(p.fix ?? 'Corrige el error que muestra la traza; para verlo tú, ejecuta el mismo `airflow dags test` con `AIRFLOW_VAR_WIKIPEDIA_*` apuntando a tu carpeta.'),
  },
  'airflow.write.missing': {
    what: (p) => `La ejecución terminó, pero no existe ${code(p.expected)} en la carpeta de salida${p.found ? `; hay: ${p.found}` : ' (está vacía)'}.`,
    fix: () => 'Escribe en `os.path.join(salida, titulo, f"{ds}.html")`, con `salida` y `titulo` leídos de las Variables y `ds` la fecha lógica (`AAAA-MM-DD`).',
    hint: '`ds_nodash` da `20250115` y `data_interval_end` puede ser otro día: el nombre tiene que ser `2025-01-15.html` para la ejecución del 15 de enero.',
  },
  'airflow.write.content': {
    what: (p) => `${code(p.expected)} no tiene lo que devolvió la Wikipedia falsa (${p.got} bytes; se esperaban ${p.size}${p.detail ? `, ${p.detail}` : ''}).`,
    fix: () => 'Guarda el cuerpo de la respuesta tal cual, en binario (`respuesta.read()` → `"wb"`), sin añadir ni transformar nada.',
  },
  'airflow.ua.none': {
    what: (p) => `La Wikipedia falsa no recibió ninguna petición de página${p.other ? ` (recibió: ${p.other})` : ''}.`,
    fix: () => 'Pide `{wikipedia_base_url}/w/rest.php/v1/page/{titulo}/html`, leyendo la URL base de la Variable `wikipedia_base_url`.',
  },
  'airflow.ua.generic': {
    what: (p) => `La Wikipedia falsa recibió la petición con el User-Agent ${code(p.ua || '(vacío)')}, que no es descriptivo${p.flaw === 'noContact' ? ' (no tiene contacto)' : ''}.`,
    fix: () => 'Envía tu User-Agent en la cabecera de la petición: `urllib.request.Request(url, headers={"User-Agent": USER_AGENT})` (con `requests`: `requests.get(url, headers={"User-Agent": USER_AGENT})`).',
    hint: 'Definir la constante no basta: hay que pasarla en cada petición. Wikipedia rechaza con 403 los User-Agent genéricos.',
  },
  'airflow.idempotent.files': {
    what: (p) => `Tras repetir la ejecución del ${p.date}, la carpeta de salida tiene ${p.count} archivos (${p.found}); se espera solo ${code(p.expected)}.`,
    fix: () => 'El nombre del archivo solo puede depender de la fecha lógica (`ds`), nunca de la hora actual; y los temporales se renombran con `os.replace` o se borran.',
  },
  'airflow.idempotent.content': {
    what: (p) => `Tras repetir la ejecución del ${p.date}, ${code(p.expected)} ya no es la página: tiene ${p.got} bytes en lugar de ${p.size}${p.doubled ? ' (la página aparece dos veces: se añadió en lugar de sustituir)' : ''}.`,
    fix: () => 'Escribe en un temporal de la misma carpeta y sustitúyelo con `os.replace(temporal, ruta)`; nunca abras el destino en modo `"a"`.',
    hint: `Repetir una ejecución (un reintento, un «Clear» en la interfaz) tiene que dejar el mismo resultado: eso es una tarea idempotente. Ver ${AIRFLOW_DOCS}.`,
  },
};
