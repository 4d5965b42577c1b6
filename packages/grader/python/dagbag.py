"""Imports a DAG folder the way Airflow's DAG processor does, and prints what it found as JSON.

Usage (with the Python of an Airflow 3 environment, AIRFLOW_HOME set and its database migrated):
  python dagbag.py DAGS_FOLDER  ->  {"errors": {file: traceback}, "dag_ids": [...], "seconds": s}
The kit's integrity test: a DAG folder is good when `errors` is empty.
"""

import json
import sys
import time
import warnings


def main(argv):
    if len(argv) != 2:
        print("uso: dagbag.py CARPETA", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    started = time.monotonic()
    try:
        from airflow.dag_processing.dagbag import DagBag
    except ImportError:  # Airflow 2.x and early 3.x
        from airflow.models.dagbag import DagBag
    # safe_mode=False: import every .py file, not only those that mention "airflow" and "dag".
    bag = DagBag(dag_folder=argv[1], safe_mode=False)
    out = {"errors": dict(bag.import_errors), "dag_ids": sorted(bag.dag_ids), "seconds": round(time.monotonic() - started, 2)}
    # The marker lets the grader find the JSON among whatever the DAG itself printed.
    print("@@DAGBAG@@" + json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
