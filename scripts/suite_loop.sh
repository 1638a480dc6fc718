#!/usr/bin/env bash
# The suite run over and over in eight processes (pytest-xdist) on two cores: each run
# loads the machine about tenfold, which is how the timing bugs a slow laptop would
# meet are found. Stops at the first failure and keeps its log.
#
#   scripts/suite_loop.sh [RUNS] [MARK]     e.g.  scripts/suite_loop.sh 20 'not slow'
#
# Each run's result is a line of $OUT/summary.txt (default: a temp folder, printed).
set -u
cd "$(dirname "$0")/.."
runs=${1:-20}
mark=${2:-}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
echo "logs in $out"
export CI=1
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if [ -n "$mark" ]; then
    .venv/bin/pytest -q -p no:cacheprovider -m "$mark" -n 8 --dist worksteal > "$out/run$i.log" 2>&1
  else
    .venv/bin/pytest -q -p no:cacheprovider -n 8 --dist worksteal > "$out/run$i.log" 2>&1
  fi
  rc=$?
  line="run $i rc $rc $(( $(date +%s) - start ))s $(tail -1 "$out/run$i.log")"
  echo "$line" | tee -a "$out/summary.txt"
  [ $rc -ne 0 ] && exit $rc
done
