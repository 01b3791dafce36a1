#!/usr/bin/env bash
# Starts a streaming read replica of the local PostgreSQL server, for the replica e2e test
# (test/e2e/read-replica.e2e-spec.ts) and for trying DATABASE_REPLICA_URLS by hand. Run as root.
#
#   bash scripts/start-replica.sh            primary 127.0.0.1:5432, replica 127.0.0.1:5433
#   PRIMARY_PORT=5432 REPLICA_PORT=5433 REPLICA_DIR=/var/lib/postgresql/15/e2e-replica bash …
#
# Idempotent: a replica that already answers and streams from the primary is reused (with replay
# resumed, in case a test left it paused); anything else in REPLICA_DIR is thrown away and a new
# replica is made with `pg_basebackup -R`. The primary gets a `replication` line in its pg_hba.conf
# (trust from 127.0.0.1, like its other local lines) and a reload, only when the line is missing.
# No replication slot: a stopped replica must not make the primary keep WAL forever; one that fell
# too far behind is simply rebuilt on the next run.
set -euo pipefail

readonly PRIMARY_HOST=127.0.0.1
readonly PRIMARY_PORT="${PRIMARY_PORT:-5432}"
readonly REPLICA_PORT="${REPLICA_PORT:-5433}"

as_postgres() { su postgres -s /bin/bash -c "$*"; }
primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -tAc "$1"; }
replica() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -tAc "$1"; }

if [[ "$(id -u)" != 0 ]]; then
  echo "start-replica.sh: run as root (it runs PostgreSQL as the postgres user)" >&2
  exit 1
fi
pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" || {
  echo "start-replica.sh: no PostgreSQL answers on $PRIMARY_HOST:$PRIMARY_PORT" >&2
  exit 1
}

version="$(primary 'SHOW server_version_num')"
version="$((version / 10000))"
readonly BIN="/usr/lib/postgresql/$version/bin"
readonly REPLICA_DIR="${REPLICA_DIR:-/var/lib/postgresql/$version/e2e-replica}"
readonly LOG_FILE="/var/log/postgresql/postgresql-$version-e2e-replica.log"

# Stops the server on the replica port by its own data directory (it may not be REPLICA_DIR: an
# older layout, or a copy someone made by hand), falling back to the postmaster's pid.
stop_replica_port() {
  local dir pid
  dir="$(replica 'SHOW data_directory' 2>/dev/null)" || dir="$REPLICA_DIR"
  as_postgres "$BIN/pg_ctl -D '$dir' -m fast -w -t 30 stop" && return 0
  pid="$(head -n 1 "$dir/postmaster.pid" 2>/dev/null)" || pid=''
  [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
  sleep 1
  ! replica 'SELECT 1' >/dev/null 2>&1
}

if replica 'SELECT 1' >/dev/null 2>&1; then
  if [[ "$(replica 'SELECT pg_is_in_recovery()')" == t &&
    "$(replica "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")" == 1 ]]; then
    replica 'SELECT pg_wal_replay_resume()' >/dev/null
    echo "replica already streaming on 127.0.0.1:$REPLICA_PORT ($REPLICA_DIR)"
    exit 0
  fi
  echo "something answers on port $REPLICA_PORT but is not a streaming replica: stopping it"
  stop_replica_port || {
    echo "start-replica.sh: cannot stop what answers on port $REPLICA_PORT" >&2
    exit 1
  }
elif [[ -f "$REPLICA_DIR/postmaster.pid" ]]; then
  as_postgres "$BIN/pg_ctl -D '$REPLICA_DIR' -m immediate -w stop" >/dev/null 2>&1 || true
fi

# Replication connections match only a `replication` database entry, never `all`.
hba_file="$(primary 'SHOW hba_file')"
if ! grep -Eq "^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust" "$hba_file"; then
  echo "allowing local replication connections in $hba_file"
  printf 'host    replication     all             127.0.0.1/32            trust\n' >>"$hba_file"
  primary 'SELECT pg_reload_conf()' >/dev/null
fi
if [[ "$(primary 'SHOW wal_level')" == minimal || "$(primary 'SHOW max_wal_senders')" == 0 ]]; then
  echo "start-replica.sh: the primary needs wal_level=replica and max_wal_senders > 0 (a restart)" >&2
  exit 1
fi

# One try at a new replica: copy, configure, start, wait for streaming. Returns non-zero with the
# reason on stderr.
make_replica() {
  echo "making a replica of $PRIMARY_HOST:$PRIMARY_PORT in $REPLICA_DIR"
  if [[ -f "$REPLICA_DIR/postmaster.pid" ]]; then
    as_postgres "$BIN/pg_ctl -D '$REPLICA_DIR' -m immediate -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$REPLICA_DIR"
  install -d -o postgres -g postgres -m 700 "$REPLICA_DIR"
  as_postgres "$BIN/pg_basebackup -h $PRIMARY_HOST -p $PRIMARY_PORT -U postgres -D '$REPLICA_DIR' -R -X stream -c fast" ||
    return 1

  # Debian keeps postgresql.conf and pg_hba.conf outside the data directory, so the copy has neither.
  # A hot standby refuses to start with any of these below the primary's values.
  {
    echo "port = $REPLICA_PORT"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '/var/run/postgresql'"
    echo "hot_standby = on"
    echo "max_standby_streaming_delay = 5s"
    for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
      max_locks_per_transaction; do
      echo "$setting = $(primary "SHOW $setting")"
    done
  } >"$REPLICA_DIR/postgresql.conf"
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$REPLICA_DIR/pg_hba.conf"
  : >"$REPLICA_DIR/pg_ident.conf"
  chown postgres:postgres "$REPLICA_DIR"/{postgresql.conf,pg_hba.conf,pg_ident.conf}
  install -d -o postgres -g postgres /var/run/postgresql "$(dirname "$LOG_FILE")"

  as_postgres "$BIN/pg_ctl -D '$REPLICA_DIR' -l '$LOG_FILE' -w -t 60 start" || {
    tail -n 20 "$LOG_FILE" >&2
    return 1
  }
  for _ in $(seq 1 60); do
    if [[ "$(replica "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null)" == 1 ]]; then
      echo "replica streaming on 127.0.0.1:$REPLICA_PORT"
      return 0
    fi
    sleep 0.5
  done
  echo "start-replica.sh: the replica started but does not stream; see $LOG_FILE" >&2
  tail -n 20 "$LOG_FILE" >&2
  return 1
}

# A second try from scratch: a copy can fail for a passing reason (a checkpoint, a WAL segment
# recycled under it), and CI should not lose its replica run to one.
make_replica && exit 0
echo "start-replica.sh: first try failed (above); trying once more from scratch" >&2
df -h "$(dirname "$REPLICA_DIR")" >&2 || true
sleep 2
make_replica
