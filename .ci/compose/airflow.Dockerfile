# CI STAND-IN ONLY: these machines reach PyPI and Debian but no container registry, so the
# `apache/airflow:3.3.2` that the exercise names is built here from PyPI on the stand-in
# `python:3.12-slim` (Debian's Python 3.11). Learners pull the real image. Laid out like it where
# a compose file can tell: user `airflow` (uid 50000, group 0) by default, any uid with group 0
# works (AIRFLOW_UID), AIRFLOW_HOME /opt/airflow, HOME /home/airflow, entrypoint
# `dumb-init -- /entrypoint` with the contract of airflow-entrypoint.sh, curl for health checks.
# Airflow with the Postgres and FAB providers only.
FROM python:3.12-slim
ARG AIRFLOW_VERSION=3.3.2
COPY ca-certificates.crt /tmp/ca.crt
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && PIP_CERT=/tmp/ca.crt pip install --no-cache-dir -q "apache-airflow[postgres]==${AIRFLOW_VERSION}" apache-airflow-providers-fab \
 && rm /tmp/ca.crt \
 && mkdir -p /opt/airflow && chmod 775 /opt/airflow && chgrp 0 /opt/airflow
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dumb-init >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && useradd -u 50000 -g 0 -m -d /home/airflow -s /bin/bash airflow \
 && chmod 775 /home/airflow && chown -R airflow:0 /opt/airflow
COPY airflow-entrypoint.sh /entrypoint
ENV AIRFLOW_HOME=/opt/airflow AIRFLOW_USER_HOME_DIR=/home/airflow HOME=/home/airflow DUMB_INIT_SETSID=1
WORKDIR /opt/airflow
USER 50000
EXPOSE 8080
ENTRYPOINT ["/usr/bin/dumb-init", "--", "/entrypoint"]
CMD []
