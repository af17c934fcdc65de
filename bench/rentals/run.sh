#!/usr/bin/env bash
# Booking benchmark: how many rentals per second the product books, and whether any two overlap.
#   1. distinct: many clients each book their own (item, day); nothing conflicts; prints bookings/s
#      (target: >= 1,000/s on 2 cores);
#   2. contended: many clients book random overlapping periods of 4 serialized items and 2 bulk items
#      of stock 5; then the database is asked for overlapping live bookings (must be 0).
# Needs PostgreSQL on 127.0.0.1:5432 (./rentapi test brings it up) and a JDK 17+; Redis only with
# BENCH_REDIS_URL (quotas are then shared through it; by default they are in-process).
set -euo pipefail
cd "$(dirname "$0")/../.."

CLIENTS=${BENCH_CLIENTS:-64}
ITEMS=${BENCH_ITEMS:-2000}
BOOKINGS=${BENCH_BOOKINGS:-20000}
CONTENDED=${BENCH_CONTENDED:-5000}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
PG=${BENCH_PG:-postgresql://postgres:postgres@127.0.0.1:5432}
DB=rentapi_bench_rentals
PORT=${BENCH_PORT:-18180}
ADMIN=${BENCH_ADMIN_PORT:-18181}
WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

[ -f api/target/rentapi.jar ] || mvn -B -q -DskipTests package
JAR=api/target/rentapi.jar

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
  SELECT $ORG, id, 'active', now(), now() FROM plans WHERE code = 'bench';" >/dev/null
KEY=$(curl -fs "http://127.0.0.1:$PORT/v1/api_keys" -H "Authorization: Bearer $ACCESS" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["items:write","customers:write","rentals:write"]}' | sed 's/.*"secret":"\([^"]*\)".*/\1/')
sleep 6 # let the plan cache pick up the bench plan

echo "== $(nproc) cores, $CLIENTS clients, $ITEMS items, $BOOKINGS distinct bookings, $CONTENDED contended"
java -Xmx256m bench/rentals/RentalBench.java "http://127.0.0.1:$PORT" "$KEY" "$CLIENTS" "$ITEMS" "$BOOKINGS" "$CONTENDED"

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
[ "$SERIALIZED" = 0 ] && [ "$BULK" = 0 ]
