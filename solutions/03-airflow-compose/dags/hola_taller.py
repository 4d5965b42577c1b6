"""El DAG del ejercicio 03: comprueba que tu Airflow ejecuta tareas de principio a fin."""

from datetime import datetime, timezone

from airflow.sdk import dag, task


@dag(
    dag_id="hola_taller",
    schedule=None,
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    tags=["taller"],
)
def hola_taller():
    @task
    def saludar() -> str:
        return "hola desde Airflow 3"

    @task
    def imprimir(texto: str) -> None:
        print(texto)

    imprimir(saludar())


hola_taller()
