#!/usr/bin/env bash
# Hot-path benchmark: what API-key authentication and quota checks cost per request.
#   (a) a bare Dropwizard server answering GET /ping (the ceiling, same JVM and server settings),
#   (b) rentapi GET /v1/ping with an API key and in-process quota buckets,
#   (c) the same with the buckets in Redis.
# Prints requests/s, p50/p99 latency and the ratios b/a and c/a (targets: >= 0.8 and >= 0.6).
# Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (./rentapi test brings both up),
# and wrk (installed from the distribution's packages when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
PG=${BENCH_PG:-postgresql://postgres:postgres@127.0.0.1:5432}
DB=rentapi_bench
PORT=18080
ADMIN=18081
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
  || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f api/target/rentapi.jar ] || mvn -B -q -DskipTests package
JAR=api/target/rentapi.jar

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null

wait_http() { for _ in $(seq 1 150); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "bench: $1 did not come up" >&2; exit 1; }

start_product() { # $1 = REDIS_URL or empty
  DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATABASE_USER=postgres DATABASE_PASSWORD=postgres \
  DATABASE_MIGRATE_ON_START=true REDIS_URL="$1" JWT_SECRET="bench-$(head -c 32 /dev/urandom | base64)" \
  RENTAPI_PORT=$PORT RENTAPI_ADMIN_PORT=$ADMIN \
    java $JVM_OPTS -jar $JAR server config/production.yml >"$WORK/product.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$ADMIN/ping"
}
stop_last() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }

# CPU time (user + system, in clock ticks) the server process has used so far
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# one run of wrk against the last started server: prints "requests/s p50_ms p99_ms cpu_us_per_request"
# CPU per request is what the server spent, measured from /proc; unlike requests/s it holds when
# other work shares the machine, so it is the figure to compare between runs on a busy machine.
measure() { # url [header]
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency) pid=${PIDS[-1]} before after
  [ -n "${2:-}" ] && args+=(-H "$2")
  wrk "${args[@]}" -d"${WARMUP}s" "$1" >/dev/null
  before=$(cpu_ticks "$pid")
  wrk "${args[@]}" -d"${DURATION}s" "$1" >"$WORK/wrk.txt"
  after=$(cpu_ticks "$pid")
  grep -q "Non-2xx" "$WORK/wrk.txt" && { echo "bench: non-2xx answers from $1:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; }
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
       / requests in / {n=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END {printf "%.0f %.2f %.2f %.1f\n", rps, ms(p50), ms(p99), ticks / hz * 1e6 / n}' "$WORK/wrk.txt"
}

echo "== (a) bare Dropwizard ceiling"
BENCH_PORT=$PORT BENCH_ADMIN_PORT=$ADMIN java $JVM_OPTS -cp $JAR bench/hotpath/BarePing.java server bench/hotpath/bare.yml >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/ping"
read -r A_RPS A_P50 A_P99 A_CPU < <(measure "http://127.0.0.1:$PORT/ping")
stop_last

echo "== (b) rentapi, API key, in-process buckets"
start_product ""
TOKENS=$(curl -fs "http://127.0.0.1:$PORT/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench password 0123","name":"Bench","organization_name":"Bench"}')
ACCESS=$(echo "$TOKENS" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
ORG=$(echo "$TOKENS" | sed 's/.*"organization_id":\([0-9]*\).*/\1/')
# a plan no run of this benchmark exhausts, so every call is checked and none refused
psql "$PG/$DB" -qc "INSERT INTO plans (code, name, requests_per_hour, requests_per_day, burst_per_second, created_at)
  VALUES ('bench', 'Bench', 1000000000, 1000000000, 1000000000, now());
  INSERT INTO subscriptions (org_id, plan_id, status, created_at, updated_at)
  SELECT $ORG, id, 'active', now(), now() FROM plans WHERE code = 'bench';
  UPDATE users SET email_verified_at = now() WHERE email = 'bench@example.com';" >/dev/null
KEY=$(curl -fs "http://127.0.0.1:$PORT/v1/api_keys" -H "Authorization: Bearer $ACCESS" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["org:read"]}' | sed 's/.*"secret":"\([^"]*\)".*/\1/')
sleep 6 # let the plan cache pick up the bench plan
read -r B_RPS B_P50 B_P99 B_CPU < <(measure "http://127.0.0.1:$PORT/v1/ping" "X-API-Key: $KEY")
stop_last

echo "== (c) rentapi, API key, buckets in Redis"
start_product "redis://127.0.0.1:6379"
sleep 1
read -r C_RPS C_P50 C_P99 C_CPU < <(measure "http://127.0.0.1:$PORT/v1/ping" "X-API-Key: $KEY")
stop_last

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null

printf '\n%-44s %10s %9s %9s %7s %12s %9s\n' "case ($CONNECTIONS connections, ${DURATION}s, $(nproc) cores)" \
  "req/s" "p50 ms" "p99 ms" "ratio" "CPU us/req" "CPU ratio"
printf '%-44s %10s %9s %9s %7s %12s %9s\n' "(a) bare Dropwizard GET /ping" "$A_RPS" "$A_P50" "$A_P99" "1.00" "$A_CPU" "1.00"
printf '%-44s %10s %9s %9s %7.2f %12s %9.2f\n' "(b) /v1/ping, API key, in-process quota" "$B_RPS" "$B_P50" "$B_P99" \
  "$(echo "$B_RPS / $A_RPS" | bc -l)" "$B_CPU" "$(echo "$A_CPU / $B_CPU" | bc -l)"
printf '%-44s %10s %9s %9s %7.2f %12s %9.2f\n' "(c) /v1/ping, API key, Redis quota" "$C_RPS" "$C_P50" "$C_P99" \
  "$(echo "$C_RPS / $A_RPS" | bc -l)" "$C_CPU" "$(echo "$A_CPU / $C_CPU" | bc -l)"
echo "targets: b/a >= 0.80, c/a >= 0.60 (ratio of requests/s; CPU ratio = bare CPU per request / this case's)"
