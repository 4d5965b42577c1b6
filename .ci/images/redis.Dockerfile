# CI STAND-IN ONLY: `redis:7.0-bookworm` cannot be pulled on these offline machines. This is the
# same Redis release that image ships (7.0.15, the last 7.0), compiled from the upstream tarball
# that Debian bookworm distributes as `redis_7.0.15.orig.tar.gz` (apt-get source), the way the
# official image builds it: bundled jemalloc, TLS, protected mode off by default (compiled in, so
# it holds however the container is started), binaries in /usr/local/bin. On the local
# `python:3.12-slim` stand-in (Debian bookworm). Learners pull the real image. Same user (`redis`,
# uid/gid 999), working directory /data, port 6379, entrypoint contract (redis-entrypoint.sh) and
# default command. Built and checked by redis.sh.
FROM python:3.12-slim AS build
ARG REDIS_VERSION=7.0.15
RUN echo 'deb-src http://deb.debian.org/debian bookworm main' >/etc/apt/sources.list.d/src.list \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      dpkg-dev gcc make libc6-dev libssl-dev pkg-config >/dev/null \
 && mkdir /src && cd /src && apt-get source -qq --download-only redis >/dev/null \
 && tar -xzf "redis_${REDIS_VERSION}.orig.tar.gz" && mv "redis-${REDIS_VERSION}" redis
WORKDIR /src/redis
# The official image's one source change: protected mode defaults to off. Fail if the line moved.
RUN grep -Eq '^ *createBoolConfig[(]"protected-mode",.*, *1 *,.*[)],$' src/config.c \
 && sed -ri 's/^( *createBoolConfig[(]"protected-mode",.*, *)1( *,.*[)],)$/\10\2/' src/config.c \
 && grep -Eq '^ *createBoolConfig[(]"protected-mode",.*, *0 *,.*[)],$' src/config.c \
 && make -j"$(nproc)" BUILD_TLS=yes all >/dev/null 2>&1 \
 && make install PREFIX=/usr/local >/dev/null \
 && /usr/local/bin/redis-server --version | grep -q "v=${REDIS_VERSION} "

FROM python:3.12-slim
# The user first, with the real image's ids.
RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 -d /home/redis -s /usr/sbin/nologin redis \
 && mkdir -p /data && chown redis:redis /data
COPY --from=build /usr/local/bin/redis-server /usr/local/bin/redis-cli /usr/local/bin/redis-benchmark /usr/local/bin/
RUN for l in redis-check-aof redis-check-rdb redis-sentinel; do ln -s redis-server "/usr/local/bin/$l"; done
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /data
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
