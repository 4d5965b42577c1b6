#!/bin/sh
# CI STAND-IN ONLY (see redis.Dockerfile): the official redis image's docker-entrypoint.sh
# contract, so that every way of starting that image behaves the same here.
#   - leading options (`--replicaof …`) or a `*.conf` file become redis-server's arguments;
#   - started as root with redis-server, it gives the working directory to `redis` and runs again
#     as that user (setpriv instead of gosu);
#   - a 0022 umask becomes 0077;
#   - anything else (`redis-cli`, `sh -c …`) runs as given.
# Protected mode is not touched here: it is off in the binary itself, as in the official image,
# so `command: ["redis-server", …]`, which bypasses this script, behaves the same.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
um=$(umask)
if [ "$um" = 0022 ]; then umask 0077; fi
exec "$@"
