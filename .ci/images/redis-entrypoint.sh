#!/bin/sh
# CI STAND-IN ONLY (see redis.Dockerfile): the real redis image's docker-entrypoint.sh contract.
#   - leading options (`--replicaof …`) or a `*.conf` file are arguments of redis-server;
#   - protected mode off: the real image is compiled that way, Debian's binary is not, and with it
#     on Redis refuses clients from other Pods (no password, no explicit bind). Passed before the
#     container's own options, so an explicit `--protected-mode yes` still wins;
#   - started as root, it gives /data to redis and drops to that user (setpriv instead of gosu).
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ]; then
  shift
  case ${1:-} in
    -v | --version | -h | --help) set -- redis-server "$@" ;;
    '' | -*) set -- redis-server --protected-mode no "$@" ;;
    # A configuration file must stay redis-server's first argument.
    *) conf=$1; shift; set -- redis-server "$conf" --protected-mode no "$@" ;;
  esac
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' +
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
um=$(umask)
if [ "$um" = 0022 ]; then umask 0077; fi
exec "$@"
