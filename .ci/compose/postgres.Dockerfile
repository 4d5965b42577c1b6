# CI STAND-IN ONLY: `postgres:15-bookworm` cannot be pulled here. The official image is
# PostgreSQL 15 on Debian bookworm (from PGDG's packages); this is Debian bookworm's own
# PostgreSQL 15, laid out the same way, on the local `python:3.12-slim` stand-in: user `postgres`
# (uid/gid 999), PGDATA /var/lib/postgresql/data, the server binaries on PATH
# (/usr/lib/postgresql/15/bin), pg_isready and psql, locale en_US.utf8, listen_addresses '*',
# default command `postgres`, stop signal SIGINT, and the entrypoint contract of
# postgres-entrypoint.sh (POSTGRES_USER/PASSWORD/DB, POSTGRES_INITDB_ARGS,
# POSTGRES_HOST_AUTH_METHOD, /docker-entrypoint-initdb.d). Learners pull the real image.
FROM python:3.12-slim
ENV PG_MAJOR=15
# User first, with the official image's ids; no cluster from the package (the entrypoint makes it).
RUN groupadd -r -g 999 postgres && useradd -r -g postgres -u 999 -d /var/lib/postgresql -s /bin/bash postgres \
 && mkdir -p /var/lib/postgresql && chown postgres:postgres /var/lib/postgresql \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends locales postgresql-common >/dev/null \
 && echo 'en_US.UTF-8 UTF-8' >/etc/locale.gen && locale-gen >/dev/null \
 && sed -ri 's/#(create_main_cluster) .*$/\1 = false/' /etc/postgresql-common/createcluster.conf \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "postgresql-$PG_MAJOR" >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample" \
 && grep -qF "listen_addresses = '*'" "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample" \
 && mkdir -p /var/run/postgresql /docker-entrypoint-initdb.d && chown postgres:postgres /var/run/postgresql \
 && chmod 3777 /var/run/postgresql
ENV LANG=en_US.utf8 PATH=$PATH:/usr/lib/postgresql/15/bin PGDATA=/var/lib/postgresql/data
RUN mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 1777 "$PGDATA"
VOLUME /var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
