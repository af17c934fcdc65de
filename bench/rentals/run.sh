#!/usr/bin/env bash
# Booking benchmark: how many rentals per second the product books, and whether any two overlap.
#   1. distinct: wrk connections each book their own (item, day) through POST /v1/rentals with an API
#      key; nothing conflicts; prints bookings/s (target: >= 1,000/s on 2 cores) and latency;
#   2. contended: many clients book random overlapping periods of 4 serialized items and 2 bulk items
#      of stock 5; then the database is asked for overlapping live bookings (must be 0);
#   3. ceiling: a bare Dropwizard server answering GET /ping on the same machine, and bookings/s as a
#      share of its requests/s.
# The product is first warmed up for WARMUP seconds at WARMUP_CONNECTIONS connections, then for
# 10 s at CONNECTIONS: on two cores, under the full load from its start, the JIT's optimizing
# compiler gets so small a share of the CPU that compiling the booking path drags on for minutes
# (measured: after 150 s at 32 connections it still took 14 % of the product's CPU, and a booking
# cost the product 1.6 ms; after 60 s at 4 connections, 0.7 ms). The run prints how many methods
# still waited for that compiler when the measurement began.
# Needs PostgreSQL on 127.0.0.1:5432 (./rentapi test brings it up), a JDK 17+ and wrk (installed from
# the distribution's packages when missing and run as root); Redis only with BENCH_REDIS_URL (quotas
# are then shared through it; by default they are in-process).
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-60}
WARMUP_CONNECTIONS=${BENCH_WARMUP_CONNECTIONS:-4}
ITEMS=${BENCH_ITEMS:-2000}
CLIENTS=${BENCH_CLIENTS:-64}
CONTENDED=${BENCH_CONTENDED:-3000}
CEILING=${BENCH_CEILING:-10}
CEILING_WARMUP=${BENCH_CEILING_WARMUP:-20}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
PG=${BENCH_PG:-postgresql://postgres:postgres@127.0.0.1:5432}
DB=rentapi_bench_rentals
PORT=${BENCH_PORT:-18180}
ADMIN=${BENCH_ADMIN_PORT:-18181}
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

. bench/lib.sh
need_wrk

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null

DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DATABASE_USER=postgres DATABASE_PASSWORD=postgres \
DATABASE_MIGRATE_ON_START=true REDIS_URL="${BENCH_REDIS_URL:-}" JWT_SECRET="bench-$(head -c 32 /dev/urandom | base64)" \
RENTAPI_PORT=$PORT RENTAPI_ADMIN_PORT=$ADMIN \
  java $JVM_OPTS -jar $JAR server config/production.yml >"$WORK/product.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$ADMIN/ping" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$ADMIN/ping" >/dev/null || { echo "bench: the product did not start:" >&2; tail -20 "$WORK/product.log" >&2; exit 1; }

TOKENS=$(curl -fs "http://127.0.0.1:$PORT/v1/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench password 0123","name":"Bench","organization_name":"Bench Rentals"}')
ACCESS=$(echo "$TOKENS" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
ORG=$(echo "$TOKENS" | sed 's/.*"organization_id":\([0-9]*\).*/\1/')
# a plan no run of this benchmark exhausts, so every booking is quota-checked and none refused
psql "$PG/$DB" -qc "INSERT INTO plans (code, name, requests_per_hour, requests_per_day, burst_per_second, created_at)
  VALUES ('bench', 'Bench', 1000000000, 1000000000, 1000000000, now());
  INSERT INTO subscriptions (org_id, plan_id, status, created_at, updated_at)
  SELECT $ORG, id, 'active', now(), now() FROM plans WHERE code = 'bench';
  UPDATE users SET email_verified_at = now() WHERE email = 'bench@example.com';" >/dev/null
KEY=$(curl -fs "http://127.0.0.1:$PORT/v1/api_keys" -H "Authorization: Bearer $ACCESS" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["items:write","customers:write","rentals:write"]}' | sed 's/.*"secret":"\([^"]*\)".*/\1/')
sleep 6 # let the plan cache pick up the bench plan

BASE="http://127.0.0.1:$PORT"
read -r CUSTOMER FIRST_ITEM < <(java -Xmx256m bench/rentals/RentalBench.java setup "$BASE" "$KEY" "$ITEMS")
# A running database has statistics on its tables (autovacuum analyzes them as they grow, within a
# minute); this one is a minute old. Without them PostgreSQL finds an item, and checks a rental line's
# foreign key to its rental, by scanning all of the organization's items or rentals, and keeps those
# plans for the connection's life: so the tables are analyzed once loaded, and again after the warm-up.
analyze() { psql "$PG/$DB" -qc "ANALYZE" >/dev/null; }
analyze

wrk_book() { # seconds first_day connections
  wrk -t"$THREADS" -c"$3" -d"$1s" --timeout 10s --latency -H "X-API-Key: $KEY" -H "Content-Type: application/json" \
    -s bench/rentals/book.lua "$BASE/v1/rentals" -- "$FIRST_ITEM" "$ITEMS" "$CUSTOMER" "$2" "$THREADS"
}
echo "== distinct items: $ITEMS items, $CONNECTIONS connections, ${DURATION}s after ${WARMUP}s of warm-up at $WARMUP_CONNECTIONS connections and 10s at $CONNECTIONS, $(nproc) cores"
wrk_book "$WARMUP" 5000 "$WARMUP_CONNECTIONS" >"$WORK/warmup.txt"
wrk_book 10 6000 "$CONNECTIONS" >>"$WORK/warmup.txt"
analyze
WAITING=$(jcmd "$PID" Compiler.queue | sed -n '/C2 compile queue/,$p' | grep -c '^ *[0-9]' || true)
echo "JIT: $WAITING methods waiting for the optimizing compiler as the measurement begins"
P0=$(cpu_seconds "$PID"); G0=$(cpu_postgres "$DB")
wrk_book "$DURATION" 0 "$CONNECTIONS" >"$WORK/wrk.txt"
P1=$(cpu_seconds "$PID"); G1=$(cpu_postgres "$DB")
REFUSED=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt"); REFUSED=${REFUSED:-0}
TIMEOUTS=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$WORK/wrk.txt"); TIMEOUTS=${TIMEOUTS:-0}
awk -v refused="$REFUSED" -v timeouts="$TIMEOUTS" -v p="$(echo "$P1 - $P0" | bc)" -v g="$(echo "$G1 - $G0" | bc)" -v cores="$(nproc)" '
     /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {n=$1}
     END {printf "distinct: %s bookings, %.0f bookings/s (target >= 1000/s), p50 %s, p99 %s; %s not booked, %s timed out (must be 0 and 0)\n", n, rps, p50, p99, refused, timeouts;
          if (n > 0) printf "CPU per booking: product %.2f ms, PostgreSQL %.2f ms: %.0f bookings/s if %d cores did nothing else\n", 1000 * p / n, 1000 * g / n, cores * n / (p + g), cores}' "$WORK/wrk.txt"

echo "== contention: $CONTENDED bookings of 6 items by $CLIENTS clients"
java -Xmx256m bench/rentals/RentalBench.java contend "$BASE" "$KEY" "$CUSTOMER" "$CLIENTS" "$CONTENDED"

SERIALIZED=$(psql "$PG/$DB" -tAc "SELECT count(*) FROM rental_lines a JOIN rental_lines b
  ON b.org_id = a.org_id AND b.item_id = a.item_id AND a.id < b.id
 WHERE a.live AND b.live AND a.serialized AND a.blocked_from < b.blocked_until AND b.blocked_from < a.blocked_until")
BULK=$(psql "$PG/$DB" -tAc "SELECT count(*) FROM (
  SELECT a.id, i.stock, SUM(b.quantity) AS held
    FROM rental_lines a
    JOIN rental_lines b ON b.org_id = a.org_id AND b.item_id = a.item_id AND b.live
                       AND b.blocked_from <= a.blocked_from AND b.blocked_until > a.blocked_from
    JOIN items i ON i.org_id = a.org_id AND i.id = a.item_id
   WHERE a.live AND NOT a.serialized
   GROUP BY a.id, i.stock) moments WHERE held > stock")
LIVE=$(psql "$PG/$DB" -tAc "SELECT count(*) FROM rental_lines WHERE live")
echo "overlaps: $SERIALIZED pairs of overlapping serialized bookings, $BULK moments a bulk item is booked past its stock ($LIVE live booking lines); must be 0 and 0"
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null

# The ceiling on this machine in this run: a bare Dropwizard server (same JVM and server settings)
# answering GET /ping, so that bookings/s can be read against what the host does at all.
echo "== ceiling: bare Dropwizard GET /ping, $CONNECTIONS connections, ${CEILING}s after ${CEILING_WARMUP}s of warm-up"
BENCH_PORT=$PORT BENCH_ADMIN_PORT=$ADMIN java $JVM_OPTS -cp $JAR bench/hotpath/BarePing.java server \
  bench/hotpath/bare.yml >"$WORK/bare.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/ping" >/dev/null 2>&1 && break; sleep 0.2; done
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${CEILING_WARMUP}s" "http://127.0.0.1:$PORT/ping" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${CEILING}s" --latency "http://127.0.0.1:$PORT/ping" >"$WORK/bare.txt"
BOOKINGS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
awk -v bookings="$BOOKINGS" '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
     END {printf "ceiling: %.0f requests/s, p50 %s, p99 %s; bookings/s are %.1f%% of it\n", rps, p50, p99, 100 * bookings / rps}' "$WORK/bare.txt"
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
[ "$SERIALIZED" = 0 ] && [ "$BULK" = 0 ] && [ "$REFUSED" = 0 ] && [ "$TIMEOUTS" = 0 ]
