#!/usr/bin/env bash
# Webhook delivery benchmark: one worker process (the real jar, `rentapi worker`) delivering to a
# fast local receiver, after a warm-up backlog of BENCH_WARMUP_EVENTS events that is not measured.
#   (a) throughput: a backlog of BENCH_BACKLOG events, each fanned out to ten endpoints; deliveries/s
#       from the first delivery to the last
#   (b) latency, clean: events at BENCH_RATE deliveries/s spread over ten healthy endpoints;
#       enqueue (the event's created_at) to first attempt at the receiver, p50/p99
#   (c) the same with one of the ten endpoints never answering (it times out); healthy endpoints' p50/p99
# Targets: (a) >= 2000/s; (b) p99 <= 1 s; (c) healthy p99 within 2x of (b).
# Needs PostgreSQL on 127.0.0.1:5432 (./rentapi test brings it up), psql, curl and a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."

BACKLOG=${BENCH_BACKLOG:-5000}     # events; ten deliveries each
WARMUP_EVENTS=${BENCH_WARMUP_EVENTS:-5000} # delivered first, not measured
RATE=${BENCH_RATE:-2000}          # deliveries per second in (b) and (c)
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m}
PG=${BENCH_PG:-postgresql://postgres:postgres@127.0.0.1:5432}
DB=rentapi_bench_webhooks
RECEIVER=18090
DEAD=18091
ADMIN=18092
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

. bench/lib.sh
sql() { psql "$PG/$DB" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
wait_http() { for _ in $(seq 1 300); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "bench: $1 did not come up" >&2; exit 1; }
stat() { curl -fs "http://127.0.0.1:$RECEIVER/stats" | sed "s/.*\"$1\":\([0-9]*\).*/\1/"; }

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
ENV=(DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATABASE_USER=postgres DATABASE_PASSWORD=postgres
     REDIS_URL="" JWT_SECRET="bench-$(head -c 32 /dev/urandom | base64)" RENTAPI_ADMIN_PORT=$ADMIN)
env "${ENV[@]}" java -jar $JAR db migrate config/production.yml >"$WORK/migrate.log" 2>&1 \
  || { cat "$WORK/migrate.log" >&2; exit 1; }

java -cp "$WORK" bench/webhooks/BenchReceiver.java $RECEIVER $DEAD >"$WORK/receiver.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$RECEIVER/stats"

# production settings, except that the local receiver's loopback address is allowed
env "${ENV[@]}" java $JVM_OPTS -Ddw.webhooks.allowedAddresses=127.0.0.1/32 -jar $JAR worker config/production.yml \
  >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ADMIN/healthcheck"

SECRET="whsec_$(head -c 32 /dev/urandom | base64)"
ORG=$(sql "INSERT INTO organizations (name, created_at, updated_at) VALUES ('bench', now(), now()) RETURNING id")
endpoint() { # url event_type
  sql "INSERT INTO webhook_endpoints (org_id, url, event_types, enabled, secret, created_at, updated_at)
       VALUES ($ORG, '$1', '$2', true, '$SECRET', now(), now()) RETURNING id"
}
reset() { curl -fs -X POST "http://127.0.0.1:$RECEIVER/reset" >/dev/null; }
await_received() { # count timeout_s
  local deadline=$((SECONDS + $2))
  while [ "$(stat received)" -lt "$1" ]; do
    [ $SECONDS -lt $deadline ] || { echo "bench: only $(stat received) of $1 deliveries arrived" >&2; exit 1; }
    sleep 0.2
  done
}
# events of one type at a steady pace: batches every 50 ms for the run's length, from one psql session
paced() { # type events_per_second
  local per_batch=$(( $2 / 20 )) batches=$(( SECONDS_PER_RUN * 20 ))
  { for _ in $(seq 1 $batches); do
      echo "INSERT INTO events (org_id, type, payload, created_at) SELECT $ORG, '$1', '{\"n\":' || g || '}', clock_timestamp() FROM generate_series(1, $per_batch) g;"
      echo "SELECT pg_sleep(0.05);"
    done; } | psql "$PG/$DB" -qAtX -v ON_ERROR_STOP=1 >/dev/null
  echo $(( per_batch * batches ))
}

echo "== warm-up: $WARMUP_EVENTS events, each to ten endpoints (the JIT compiles the delivery path)"
for i in $(seq 1 10); do endpoint "http://127.0.0.1:$RECEIVER/warmup/$i" "warmup.created" >/dev/null; done
reset
sql "INSERT INTO events (org_id, type, payload, created_at)
     SELECT $ORG, 'warmup.created', '{\"n\":' || g || '}', clock_timestamp() FROM generate_series(1, $WARMUP_EVENTS) g"
await_received $(( WARMUP_EVENTS * 10 )) 600

echo "== (a) throughput: backlog of $BACKLOG events, each to ten endpoints"
for i in $(seq 1 10); do endpoint "http://127.0.0.1:$RECEIVER/backlog/$i" "backlog.created" >/dev/null; done
reset
W0=$(cpu_seconds "${PIDS[1]}"); R0=$(cpu_seconds "${PIDS[0]}"); G0=$(cpu_postgres "$DB")
sql "INSERT INTO events (org_id, type, payload, created_at)
     SELECT $ORG, 'backlog.created', '{\"n\":' || g || '}', clock_timestamp() FROM generate_series(1, $BACKLOG) g"
await_received $(( BACKLOG * 10 )) 600
W1=$(cpu_seconds "${PIDS[1]}"); R1=$(cpu_seconds "${PIDS[0]}"); G1=$(cpu_postgres "$DB")
A_MS=$(( $(stat last_ms) - $(stat first_ms) ))
A_RATE=$(( BACKLOG * 10 * 1000 / (A_MS > 0 ? A_MS : 1) ))

echo "== (b) latency at $RATE deliveries/s over ten healthy endpoints"
for i in $(seq 1 10); do endpoint "http://127.0.0.1:$RECEIVER/clean/$i" "clean.created" >/dev/null; done
reset
N=$(paced clean.created $(( RATE / 10 )))
await_received $(( N * 10 )) 120
B_P50=$(stat p50_ms); B_P99=$(stat p99_ms)

echo "== (c) the same, one of the ten endpoints never answering"
for i in $(seq 1 9); do endpoint "http://127.0.0.1:$RECEIVER/mixed/$i" "mixed.created" >/dev/null; done
endpoint "http://127.0.0.1:$DEAD/dead" "mixed.created" >/dev/null
reset
N=$(paced mixed.created $(( RATE / 10 )))
await_received $(( N * 9 )) 120
C_P50=$(stat p50_ms); C_P99=$(stat p99_ms)
BREAKERS=$(curl -fs "http://127.0.0.1:$ADMIN/metrics" | grep -E '^webhooks_breakers_open ' | awk '{print $2}')

echo
printf '%-58s %10s\n' "(a) deliveries/s, backlog of $(( BACKLOG * 10 )) (target >= 2000)" "$A_RATE"
awk -v w="$(echo "$W1 - $W0" | bc)" -v r="$(echo "$R1 - $R0" | bc)" -v g="$(echo "$G1 - $G0" | bc)" \
    -v n=$(( BACKLOG * 10 )) -v cores="$(nproc)" 'END {printf "%-58s %10s\n", "(a) CPU per delivery us: worker / receiver / PostgreSQL", \
      sprintf("%.0f / %.0f / %.0f", 1e6 * w / n, 1e6 * r / n, 1e6 * g / n);
    printf "%-58s %10.0f\n", "(a) deliveries/s if " cores " cores did nothing else", cores * n / (w + r + g)}' </dev/null
printf '%-58s %10s\n' "(b) enqueue to first attempt p50 ms, clean" "$B_P50"
printf '%-58s %10s\n' "(b) enqueue to first attempt p99 ms (target <= 1000)" "$B_P99"
printf '%-58s %10s\n' "(c) healthy endpoints p50 ms, one endpoint timing out" "$C_P50"
printf '%-58s %10s\n' "(c) healthy endpoints p99 ms (target <= 2 x (b) p99)" "$C_P99"
printf '%-58s %10s\n' "(c) breakers open at the end" "${BREAKERS:-?}"
