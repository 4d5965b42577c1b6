#!/usr/bin/env bash
# The kit's Airflow for this project's CI (the live tier of exercise 04): a virtual environment at
# ${TALLER_CACHE:-~/.cache/taller}/airflow/<version>/venv with apache-airflow installed from PyPI
# with the committed constraints file, exactly where the grader looks for it. Idempotent: when
# the environment is complete (its marker file exists) it does nothing. Prints how long it took.
# Exits non-zero with the reason when it cannot be created.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LC_ALL=C  # decimal points in the timings

VERSION=3.3.2
CONSTRAINTS=packages/grader/airflow/constraints-$VERSION.txt
VENV=${TALLER_CACHE:-$HOME/.cache/taller}/airflow/$VERSION/venv
MARKER=$VENV/instalado.txt  # the same marker src/airflow/venv.ts writes and checks

say() { printf '[airflow] %s\n' "$*"; }
die() { printf '[airflow] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -f $MARKER && -x $VENV/bin/airflow ]]; then
  say "apache-airflow==$VERSION already installed in $VENV"
  exit 0
fi
command -v python3 >/dev/null || die "python3 is missing"
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
  die "Airflow $VERSION needs Python >= 3.10; python3 is $(python3 --version 2>&1)"
[[ -f $CONSTRAINTS ]] || die "missing $CONSTRAINTS"

start=$EPOCHREALTIME
rm -rf "$VENV"  # a half-made environment is made again, not repaired
mkdir -p "$(dirname "$VENV")"
python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --progress-bar off \
  "apache-airflow==$VERSION" --constraint "$CONSTRAINTS"; then
  rm -rf "$VENV"
  die "pip install apache-airflow==$VERSION failed (see above)"
fi
printf 'apache-airflow==%s\n%s\n' "$VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$MARKER"
say "installed apache-airflow==$VERSION in $VENV: $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s, $(du -sh "$VENV" | cut -f1)"
