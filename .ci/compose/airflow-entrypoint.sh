#!/usr/bin/env bash
# CI STAND-IN ONLY for the official apache/airflow image's /entrypoint: the variables the kit's
# compose file uses (_AIRFLOW_DB_MIGRATE, _AIRFLOW_WWW_USER_*), then the command, with `airflow`
# prepended to a bare subcommand as the official image does.
set -euo pipefail
if [[ ${_AIRFLOW_DB_MIGRATE:-} == true ]]; then airflow db migrate; fi
if [[ ${_AIRFLOW_WWW_USER_CREATE:-} == true ]]; then
  airflow users create --username "${_AIRFLOW_WWW_USER_USERNAME:-airflow}" --password "${_AIRFLOW_WWW_USER_PASSWORD:-airflow}" \
    --firstname Airflow --lastname Admin --email admin@example.com --role Admin || true
fi
if [[ $# -eq 0 ]]; then exec airflow --help; fi
case $1 in
  bash | python | python3 | airflow) exec "$@" ;;
  *) exec airflow "$@" ;;
esac
