#!/usr/bin/env bash
# Usage: bench/notify-triggers/run.sh (needs psql and the local Postgres, trust auth).
# Times 40 writer-like transactions (20,000 fragments) with the 0020 triggers and without.
cd "$(dirname "$0")/../.."
for run in 1 2 3; do for mode in with without; do
  db=callpulse_livebench_$mode
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/$db node packages/cli/bin/callpulse.js migrate >/dev/null 2>&1
  if [ $mode = without ]; then
    for t in $(psql -h 127.0.0.1 -U postgres -d $db -tAc "SELECT tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE tgname LIKE '%_notify_%'" | tr ' ' ':'); do
      psql -h 127.0.0.1 -U postgres -d $db -qc "DROP TRIGGER ${t#*:} ON ${t%%:*}"
    done
  fi
  n=$(psql -h 127.0.0.1 -U postgres -d $db -tAc "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%_notify_%'")
  echo "$run $mode triggers=$n $(psql -h 127.0.0.1 -U postgres -d $db -f bench/notify-triggers/batches.sql 2>&1 | grep Time | tail -1)"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $db" >/dev/null
done; done
