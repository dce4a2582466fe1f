# Sourced by benchmarks/wrk/run and benchmarks/wrk/rate: builds, writes the contract mix, starts
# `tollgate serve` (-Xmx1g, an H2 ledger in a temporary folder) on $port and warms it up with wrk until
# its rate settles. Sets $root, $work, $server; stops the server and removes $work on exit.
root="$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.." && pwd)"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
port="${PORT:-18181}"
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

work="$(mktemp -d)"
server=
trap 'if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
mvn -q -B -f "$root/pom.xml" -pl benchmarks,cli -am -DskipTests package >&2
java -cp "$root/benchmarks/target/benchmarks.jar" "$root/benchmarks/wrk/WriteMix.java" "$work/mix.jsonl"
export TOLLGATE_REQUESTS="$work/mix.jsonl"

# The load on the machine: the load average, and how many cores' worth of CPU time processes other than
# the server and the load generator took while a run lasted (from /proc/stat, less their own CPU time).
load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

java -Xms1g -Xmx1g -jar "$root/cli/target/tollgate.jar" serve --port "$port" --data-dir "$work/data" 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 120); do
  curl -sf "$url/health/ready" >/dev/null && break
  sleep 0.5
done
curl -sf "$url/health/ready" >/dev/null || { echo "the server did not become ready:" >&2; cat "$work/serve.log" >&2; exit 1; }

# The JIT takes a minute or more of full load to compile the hot path (Drools, Jackson, Jetty); a short
# fixed warm-up measured a server still being compiled. Rounds of 10 s, at least 6, until two in a row agree
# within 5% (on a busy machine the rate can stall for a round or two while the JIT still has work).
rate_of() { awk '/^Requests\/sec/{print $2}' "$1"; }
previous=0
for round in $(seq 1 "${WARMUP_ROUNDS:-18}"); do
  wrk -t "$threads" -c "$connections" -d 10s -s "$root/benchmarks/wrk/decisions.lua" "$url" >"$work/warm.out"
  rate="$(rate_of "$work/warm.out")"
  echo "== warm-up round $round: $rate requests/s ($(load))" >&2
  if ((round >= 6)) && awk -v a="$previous" -v b="$rate" 'BEGIN{exit !(a > 0 && (b - a) / a < 0.05 && (a - b) / a < 0.05)}'; then
    break
  fi
  previous="$rate"
done
