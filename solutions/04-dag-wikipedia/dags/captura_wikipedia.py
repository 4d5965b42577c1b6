"""Captura diaria de una página de Wikipedia (solución de referencia del ejercicio 04).

Una sola tarea: pide el HTML de la página a la API REST de MediaWiki y lo guarda en
`{salida}/{titulo}/{ds}.html`. Los comentarios explican por qué está hecho así.
"""

import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pendulum
from airflow.sdk import Variable, dag, task

# Wikimedia rechaza (403) los User-Agent genéricos como `Python-urllib/3.12`: pide uno que diga
# quién eres y cómo contactarte, para avisarte antes de bloquearte si algo va mal.
USER_AGENT = "taller-contenedores/1.0 (https://github.com/taller-contenedores/taller; taller@example.org)"

# Solo constantes en el nivel del módulo: el procesador de DAG importa este archivo cada pocos
# segundos, así que aquí no se lee ninguna Variable ni se abre ninguna conexión.
DEFAULT_BASE_URL = "https://es.wikipedia.org"
DEFAULT_TITULO = "Apache_Airflow"
DEFAULT_SALIDA = "/opt/airflow/capturas"


def guardar_atomico(ruta: str, contenido: bytes) -> None:
    """Escribe en un temporal de la misma carpeta y lo renombra: nadie ve nunca media página."""
    carpeta = os.path.dirname(ruta)
    os.makedirs(carpeta, exist_ok=True)
    # En la misma carpeta porque os.replace solo es atómico dentro de un sistema de archivos.
    fd, temporal = tempfile.mkstemp(dir=carpeta, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(contenido)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporal, 0o644)  # mkstemp lo crea legible solo por su dueño
        # Sobrescribe la captura anterior de la misma fecha: repetir la ejecución no duplica nada.
        os.replace(temporal, ruta)
    except BaseException:
        if os.path.exists(temporal):
            os.unlink(temporal)
        raise


@dag(
    dag_id="captura_wikipedia",
    schedule="@daily",
    # Fija y con zona horaria: una fecha «ahora» cambiaría en cada lectura del archivo.
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    # Sin recuperar días pasados: una captura de hoy no puede fingir ser la de hace un mes.
    catchup=False,
    # 5xx y 429 son pasajeros: se reintenta más tarde, sin ráfagas contra Wikipedia.
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["taller", "wikipedia"],
)
def captura_wikipedia():
    @task
    def capturar(ds=None) -> str:
        # Las Variables se leen aquí, al ejecutar la tarea, no al importar el archivo.
        base_url = Variable.get("wikipedia_base_url", default=DEFAULT_BASE_URL).rstrip("/")
        titulo = Variable.get("wikipedia_titulo", default=DEFAULT_TITULO).replace(" ", "_")
        salida = Variable.get("wikipedia_salida", default=DEFAULT_SALIDA)
        if "/" in titulo or ".." in titulo:
            raise ValueError(f"título no válido: {titulo!r}")

        url = f"{base_url}/w/rest.php/v1/page/{urllib.parse.quote(titulo, safe='')}/html"
        peticion = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
        try:
            with urllib.request.urlopen(peticion, timeout=30) as respuesta:
                contenido = respuesta.read()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                # Un 404 no se arregla reintentando: la tarea falla sin gastar los reintentos.
                from airflow.sdk.exceptions import AirflowFailException

                raise AirflowFailException(f"la página {titulo!r} no existe (404 en {url})") from error
            # 429 y 5xx: se deja fallar para que Airflow reintente tras retry_delay.
            raise

        # `ds` es la fecha lógica de la ejecución (AAAA-MM-DD): la misma en cada reintento o
        # repetición, así que el nombre del archivo identifica el día y no el momento.
        ruta = os.path.join(salida, titulo, f"{ds}.html")
        guardar_atomico(ruta, contenido)
        return ruta

    capturar()


captura_wikipedia()
