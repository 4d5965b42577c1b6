#!/usr/bin/env bash
# CI STAND-IN ONLY for the official apache/airflow image's /entrypoint: what a compose file can
# ask of it.
#   - _AIRFLOW_DB_MIGRATE (or the older _AIRFLOW_DB_UPGRADE)=true: `airflow db migrate` first;
#   - _AIRFLOW_WWW_USER_CREATE=true: an Admin user from _AIRFLOW_WWW_USER_USERNAME/PASSWORD
#     (default airflow/airflow) and _FIRSTNAME/_LASTNAME/_EMAIL/_ROLE;
#   - `bash …` and `python …` run as given; `airflow …` and a bare subcommand (`scheduler`) run
#     as `airflow …`; so does anything else, as in the official image.
set -euo pipefail
if [[ ${_AIRFLOW_DB_MIGRATE:-${_AIRFLOW_DB_UPGRADE:-}} == true ]]; then airflow db migrate; fi
if [[ ${_AIRFLOW_WWW_USER_CREATE:-} == true ]]; then
  airflow users create --username "${_AIRFLOW_WWW_USER_USERNAME:-airflow}" --password "${_AIRFLOW_WWW_USER_PASSWORD:-airflow}" \
    --firstname "${_AIRFLOW_WWW_USER_FIRSTNAME:-Airflow}" --lastname "${_AIRFLOW_WWW_USER_LASTNAME:-Admin}" \
    --email "${_AIRFLOW_WWW_USER_EMAIL:-airflowadmin@example.com}" --role "${_AIRFLOW_WWW_USER_ROLE:-Admin}" || true
fi
case ${1:-} in
  bash | python) exec "$@" ;;
  airflow) shift ;;
esac
exec airflow "$@"
