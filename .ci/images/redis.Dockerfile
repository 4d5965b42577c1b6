# CI STAND-IN ONLY: `redis:7.2-bookworm` cannot be pulled on these offline machines. This is
# Debian bookworm's redis-server (7.0) under that name, on the local `python:3.12-slim` stand-in
# (itself Debian bookworm). Learners pull the real image; nothing in the exercises depends on
# this one. It behaves like the real image where the kit relies on it: user and group `redis`
# with uid/gid 999, `/data` as working directory, port 6379, `redis-cli` included, and the same
# entrypoint contract (see redis-entrypoint.sh). Built by redis.sh.
FROM python:3.12-slim
# The user first, with the real image's ids: the package's postinst reuses an existing one.
RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 -d /data -s /usr/sbin/nologin redis \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
