# CI STAND-IN ONLY: these machines reach PyPI and Debian but no container registry, so the
# `apache/airflow:3.3.2` that the exercise names is built here from PyPI on the stand-in
# `python:3.12-slim` (Debian's Python 3.11). Learners pull the real image; this one only has what
# the kit's compose file uses: Airflow with Postgres and FAB, curl for health checks, /entrypoint.
FROM python:3.12-slim
ARG AIRFLOW_VERSION=3.3.2
COPY ca.crt /tmp/ca.crt
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && PIP_CERT=/tmp/ca.crt pip install --no-cache-dir -q "apache-airflow[postgres]==${AIRFLOW_VERSION}" apache-airflow-providers-fab \
 && rm /tmp/ca.crt \
 && mkdir -p /opt/airflow && chmod 775 /opt/airflow && chgrp 0 /opt/airflow
COPY airflow-entrypoint.sh /entrypoint
ENV AIRFLOW_HOME=/opt/airflow HOME=/opt/airflow
WORKDIR /opt/airflow
ENTRYPOINT ["/entrypoint"]
