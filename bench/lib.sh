# Shared by the bench/ scripts: sourced after `cd` to the repository root.

# wrk from the distribution's packages, installed when missing and run as root
need_wrk() {
  command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
    || { echo "bench: wrk is needed (apt-get install wrk)" >&2; exit 1; }
}

[ -f api/target/rentapi.jar ] || mvn -B -q -DskipTests package
JAR=api/target/rentapi.jar

# CPU seconds (user + system) a process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

# CPU seconds used so far by the PostgreSQL backends serving database $1 (the product's connection
# pool keeps them for the whole run)
cpu_postgres() {
  for p in $(pgrep -f "postgres: .* $1 "); do cat "/proc/$p/stat" 2>/dev/null; done \
    | awk -v hz="$(getconf CLK_TCK)" '{s += $14 + $15} END {printf "%.2f", s / hz}'
}
