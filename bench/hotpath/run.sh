#!/usr/bin/env bash
# Hot-path benchmark: what API-key authentication and quota checks cost per request.
#   (a) a bare Dropwizard server answering GET /ping (the ceiling, same JVM and server settings),
#   (b) rentapi GET /v1/ping with an API key and in-process quota buckets,
#   (c) the same with the buckets in Redis.
# The three servers run side by side and are measured in turn, ROUNDS times, each round in another
# order: a machine whose speed drifts during the run (shared hosts do) slows all three alike, and the
# ratios are taken within each round; each server is first warmed up for WARMUP seconds (on two cores
# the JIT needs over a minute of load to compile the product's request path). Prints each round and
# the medians: requests/s, p50/p99 latency, the ratios b/a and c/a (targets: >= 0.8 and >= 0.6) and
# the servers' CPU per request.
# Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (./rentapi test brings both up),
# and wrk (installed from the distribution's packages when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-90}
ROUNDS=${BENCH_ROUNDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
PG=${BENCH_PG:-postgresql://postgres:postgres@127.0.0.1:5432}
DB=rentapi_bench
PORT_A=18080 PORT_B=18082 PORT_C=18084
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

. bench/lib.sh
need_wrk

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null

wait_http() { for _ in $(seq 1 150); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "bench: $1 did not come up" >&2; exit 1; }

JWT="bench-$(head -c 32 /dev/urandom | base64)"
start_product() { # port redis_url
  DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATABASE_USER=postgres DATABASE_PASSWORD=postgres \
  DATABASE_MIGRATE_ON_START=true REDIS_URL="$2" JWT_SECRET="$JWT" RENTAPI_PORT=$1 RENTAPI_ADMIN_PORT=$(($1 + 1)) \
    java $JVM_OPTS -jar $JAR server config/production.yml >"$WORK/product-$1.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$(($1 + 1))/ping"
}

# one run of wrk: prints "requests/s p50_ms p99_ms cpu_us_per_request"
# CPU per request is what the server spent, from /proc; unlike requests/s it holds when other work
# shares the machine.
measure() { # pid seconds url [header]
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency -d"$2s") before after
  [ -n "${4:-}" ] && args+=(-H "$4")
  before=$(cpu_seconds "$1")
  wrk "${args[@]}" "$3" >"$WORK/wrk.txt"
  after=$(cpu_seconds "$1")
  grep -q "Non-2xx" "$WORK/wrk.txt" && { echo "bench: non-2xx answers from $3:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; }
  awk -v cpu="$(echo "$after - $before" | bc)" '
       / requests in / {n=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END {printf "%.0f %.2f %.2f %.1f\n", rps, ms(p50), ms(p99), cpu * 1e6 / n}' "$WORK/wrk.txt"
}

echo "== starting (a) bare Dropwizard, (b) rentapi with in-process buckets, (c) rentapi with Redis buckets"
BENCH_PORT=$PORT_A BENCH_ADMIN_PORT=$((PORT_A + 1)) java $JVM_OPTS -cp $JAR bench/hotpath/BarePing.java server \
  bench/hotpath/bare.yml >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT_A/ping"
start_product $PORT_B ""
TOKENS=$(curl -fs "http://127.0.0.1:$PORT_B/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench password 0123","name":"Bench","organization_name":"Bench"}')
ACCESS=$(echo "$TOKENS" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
ORG=$(echo "$TOKENS" | sed 's/.*"organization_id":\([0-9]*\).*/\1/')
# a plan no run of this benchmark exhausts, so every call is checked and none refused
psql "$PG/$DB" -qc "INSERT INTO plans (code, name, requests_per_hour, requests_per_day, burst_per_second, created_at)
  VALUES ('bench', 'Bench', 1000000000, 1000000000, 1000000000, now());
  INSERT INTO subscriptions (org_id, plan_id, status, created_at, updated_at)
  SELECT $ORG, id, 'active', now(), now() FROM plans WHERE code = 'bench';
  UPDATE users SET email_verified_at = now() WHERE email = 'bench@example.com';" >/dev/null
KEY=$(curl -fs "http://127.0.0.1:$PORT_B/v1/api_keys" -H "Authorization: Bearer $ACCESS" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["org:read"]}' | sed 's/.*"secret":"\([^"]*\)".*/\1/')
start_product $PORT_C "redis://127.0.0.1:6379"
sleep 6 # let the plan caches pick up the bench plan

declare -A PID_OF=([a]=${PIDS[0]} [b]=${PIDS[1]} [c]=${PIDS[2]})
declare -A URL_OF=([a]="http://127.0.0.1:$PORT_A/ping" [b]="http://127.0.0.1:$PORT_B/v1/ping" [c]="http://127.0.0.1:$PORT_C/v1/ping")
declare -A HEADER_OF=([a]="" [b]="X-API-Key: $KEY" [c]="X-API-Key: $KEY")
for c in a b c; do
  echo "== warming up ($c) for ${WARMUP}s"
  measure "${PID_OF[$c]}" "$WARMUP" "${URL_OF[$c]}" "${HEADER_OF[$c]}" >/dev/null
done

ORDERS=("a b c" "b c a" "c a b")
: >"$WORK/rounds.txt"
printf '\n%-6s %-4s %10s %9s %9s %12s\n' round case req/s "p50 ms" "p99 ms" "CPU us/req"
for r in $(seq 1 "$ROUNDS"); do
  for c in ${ORDERS[$(( (r - 1) % 3 ))]}; do
    read -r RPS P50 P99 CPU < <(measure "${PID_OF[$c]}" "$DURATION" "${URL_OF[$c]}" "${HEADER_OF[$c]}")
    printf '%-6s %-4s %10s %9s %9s %12s\n' "$r" "($c)" "$RPS" "$P50" "$P99" "$CPU"
    echo "$r $c $RPS $P50 $P99 $CPU" >>"$WORK/rounds.txt"
  done
done

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true

# medians over the rounds; the ratios are taken within each round, then their median
python3 - "$WORK/rounds.txt" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$(nproc)" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
by = {}
for r, c, rps, p50, p99, cpu in rows:
    by.setdefault(c, {})[int(r)] = (float(rps), float(p50), float(p99), float(cpu))
med = lambda xs: statistics.median(xs)
rounds = sorted(by["a"])
names = {"a": "(a) bare Dropwizard GET /ping", "b": "(b) /v1/ping, API key, in-process quota",
         "c": "(c) /v1/ping, API key, Redis quota"}
print("\n%-44s %10s %9s %9s %7s %12s %9s" % ("medians of %s rounds (%s connections, %ss each, %s cores)"
      % (sys.argv[4], sys.argv[2], sys.argv[3], sys.argv[5]), "req/s", "p50 ms", "p99 ms", "ratio", "CPU us/req", "CPU ratio"))
for c in "abc":
    rps = med([by[c][r][0] for r in rounds])
    ratio = med([by[c][r][0] / by["a"][r][0] for r in rounds])
    cpu_ratio = med([by["a"][r][3] / by[c][r][3] for r in rounds])
    ratios = " ".join("%.2f" % (by[c][r][0] / by["a"][r][0]) for r in rounds)
    print("%-44s %10.0f %9.2f %9.2f %7.2f %12.1f %9.2f" % (names[c], rps, med([by[c][r][1] for r in rounds]),
          med([by[c][r][2] for r in rounds]), ratio, med([by[c][r][3] for r in rounds]), cpu_ratio))
    if c != "a":
        print("%-44s %s" % ("    ratio to (a) in each round", ratios))
print("targets: b/a >= 0.80, c/a >= 0.60 (ratio of requests/s; CPU ratio = bare CPU per request / this case's)")
PY
