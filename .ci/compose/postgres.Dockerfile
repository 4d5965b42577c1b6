# CI STAND-IN ONLY: `postgres:16` cannot be pulled here; this is Debian bookworm's PostgreSQL 15
# under that name, with an entrypoint that honours POSTGRES_USER/PASSWORD/DB like the real one.
FROM python:3.12-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
