#!/usr/bin/env bash
# The API contract check: boots the built app on a throwaway embedded database (offline), takes the
# OpenAPI document it serves at /api/docs-json, lints it with Redocly's `recommended` rules (fails on
# any error or warning), and checks that the committed client types (test/support/api-schema.ts,
# made by openapi-typescript) still match it. `--write` regenerates those types instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=test-output/openapi
types=test/support/api-schema.ts
mkdir -p "$out"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

[[ "${OPENAPI_CHECK_SKIP_BUILD:-}" == 1 ]] || npm run build --silent
node dist/scripts/export-openapi.js "$out/openapi.json"
# `redocly lint` exits 0 on warnings, so its JSON totals decide; the readable form only on failure.
totals="$(node_modules/.bin/redocly lint --extends recommended --format json "$out/openapi.json" \
  2>/dev/null | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{
    const t=JSON.parse(s).totals;console.log(`${t.errors} ${t.warnings}`)})' || echo 'unknown')"
if [[ "$totals" != '0 0' ]]; then
  node_modules/.bin/redocly lint --extends recommended --max-problems 200 --format stylish \
    "$out/openapi.json" 2>&1 | grep -v '[║╔╚]' || true
  echo "OpenAPI lint: errors and warnings: $totals (want 0 0)" >&2
  exit 1
fi
echo "OpenAPI lint: 0 errors, 0 warnings"

node_modules/.bin/openapi-typescript "$out/openapi.json" -o "$out/api-schema.ts" >/dev/null
{
  echo '// Generated from the served OpenAPI document by `npm run openapi:types`; do not edit.'
  cat "$out/api-schema.ts"
} | node_modules/.bin/prettier --stdin-filepath "$types" >"$out/api-schema.formatted.ts"
if [[ "${1:-}" == --write ]]; then
  cp "$out/api-schema.formatted.ts" "$types"
  echo "wrote $types"
elif ! diff -u "$types" "$out/api-schema.formatted.ts"; then
  echo "$types does not match the served document: run npm run openapi:types" >&2
  exit 1
else
  echo "client types match the served document"
fi
