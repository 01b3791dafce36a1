#!/usr/bin/env bash
# Fails when the entities and the migrations disagree. Runs every migration on a scratch database on
# the local PostgreSQL server, then asks TypeORM what SQL would still be needed to match the entities:
# any SQL at all is drift, printed so it can be turned into a migration. The scratch database is
# dropped afterwards whatever happens.
#
# Settings (all optional):
#   MIGRATION_CHECK_SERVER      server to use, without a database   (postgres://postgres@127.0.0.1:5432)
#   MIGRATION_CHECK_DIST        where to compile to and load from   (dist)
#   MIGRATION_CHECK_SKIP_BUILD  1 to use an existing build as it is
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

server="${MIGRATION_CHECK_SERVER:-postgres://postgres@127.0.0.1:5432}"
server="${server%/}"
dist="${MIGRATION_CHECK_DIST:-dist}"
data_source="$dist/src/database/data-source.js"
typeorm=node_modules/.bin/typeorm
scratch="migration_check_$$_$(date +%s)"

# Runs one statement as the server's admin through the pg package the app already depends on, so
# the check needs no psql on the machine.
admin_sql() {
  ADMIN_URL="$server/postgres" node --input-type=module -e '
    import pg from "pg";
    const client = new pg.Client({ connectionString: process.env.ADMIN_URL });
    await client.connect();
    try {
      await client.query(process.argv[1]);
    } finally {
      await client.end();
    }
  ' "$1"
}

if [[ "${MIGRATION_CHECK_SKIP_BUILD:-}" != 1 ]]; then
  echo "check-migrations: compiling into $dist/"
  node_modules/.bin/tsc -p tsconfig.build.json --outDir "$dist"
  # The build no longer wipes its output: drop compiled migrations whose source is gone.
  node "$dist/scripts/prepare-dist.js" --no-template
fi
if [[ ! -f "$data_source" ]]; then
  echo "check-migrations: $data_source not found; build first" >&2
  exit 2
fi

echo "check-migrations: creating scratch database $scratch on ${server#*@}"
admin_sql "CREATE DATABASE \"$scratch\""
cleanup() {
  local status=$?
  admin_sql "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" ||
    echo "check-migrations: could not drop scratch database $scratch" >&2
  exit "$status"
}
trap cleanup EXIT

export DATABASE_URL="$server/$scratch"

# migration:run logs every query; keep that for when it fails and show only the outcome otherwise.
echo "check-migrations: running all migrations"
run_log="$(mktemp)"
if ! "$typeorm" -d "$data_source" migration:run >"$run_log" 2>&1; then
  cat "$run_log"
  rm -f "$run_log"
  echo "check-migrations: the migrations did not run on an empty database (log above)." >&2
  exit 1
fi
grep -E 'migrations? (are|were)|has been executed' "$run_log" || true
rm -f "$run_log"

echo "check-migrations: comparing the migrated schema with the entities"
if ! "$typeorm" -d "$data_source" migration:generate --check --dryrun migrations/Drift; then
  echo "check-migrations: DRIFT: the entities and the migrations disagree (SQL above)." >&2
  echo "check-migrations: write a migration for it (see docs/HELPERS.md, Migrations)." >&2
  exit 1
fi
echo "check-migrations: entities and migrations agree"
