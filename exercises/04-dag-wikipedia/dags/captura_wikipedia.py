"""Captura diaria de una página de Wikipedia con Airflow 3.

Completa los TODO. El DAG guarda cada día el HTML de una página en
`{wikipedia_salida}/{wikipedia_titulo}/{ds}.html`. Lee el README del ejercicio.
"""

import os
import urllib.request

from airflow.sdk import dag, task

# TODO: un User-Agent descriptivo con forma de contacto (correo o URL), por ejemplo
#       "mi-captura/1.0 (https://github.com/tu-usuario/taller; tu@correo.example)".
#       Wikipedia rechaza con 403 los genéricos.
USER_AGENT = ""


@dag(
    dag_id="captura_wikipedia",
    # TODO: programación diaria (Airflow 3: `schedule`, no `schedule_interval`).
    # TODO: `start_date` fija y con zona horaria (pendulum.datetime(2025, 1, 1, tz="UTC")).
    # TODO: `catchup=False`.
    # TODO: al menos 2 reintentos con `retry_delay` (en `default_args`).
    # TODO: etiquetas, entre ellas "wikipedia".
)
def captura_wikipedia():
    @task
    def capturar() -> str:
        # TODO: lee aquí dentro (no fuera de la tarea) las Variables `wikipedia_base_url`,
        #       `wikipedia_titulo` y `wikipedia_salida`, con sus valores por defecto:
        #       Variable.get("wikipedia_titulo", default="Apache_Airflow").
        base_url = "https://es.wikipedia.org"
        titulo = "Apache_Airflow"
        salida = "/opt/airflow/capturas"

        url = f"{base_url}/w/rest.php/v1/page/{titulo}/html"
        peticion = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(peticion, timeout=30) as respuesta:
            contenido = respuesta.read()

        # TODO: el nombre del archivo es la fecha lógica de la ejecución (`ds`), y la escritura
        #       es atómica: un temporal en la misma carpeta y después `os.replace`.
        ruta = os.path.join(salida, titulo, "captura.html")
        os.makedirs(os.path.dirname(ruta), exist_ok=True)
        with open(ruta, "wb") as f:
            f.write(contenido)
        return ruta

    capturar()


captura_wikipedia()
