#!/usr/bin/env bash
# End-to-end Kafka benchmark on a local tansu broker (loopback, in-memory storage):
#   1. `cargo bench --bench kafka` against tansu: the service in process, then a plain
#      consume→produce passthrough on the same broker, and the ratio of the two rates;
#   2. `interdict run` as a process, loaded by `interdict loadgen` at full speed, then at
#      a fixed rate for latency: throughput, produce→decision latency (HDR histogram),
#      hits expected against hits found, a JSON report and an SVG plot per run.
# Usage: benches/kafka_e2e.sh [MESSAGES] (default 20000). Needs tansu
# (cargo install tansu --locked --features dynostore). Results go to target/kafka_e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${1:-20000}
RATE=${RATE:-5000}
TANSU=$(command -v tansu || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tansu")
[ -x "$TANSU" ] || { echo "tansu not found: cargo install tansu --locked --features dynostore" >&2; exit 1; }
OUT=target/kafka_e2e
mkdir -p "$OUT"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BROKERS=127.0.0.1:$PORT
URL=tcp://$BROKERS

cargo build --release --quiet
BIN=target/release/interdict

"$TANSU" broker --listener-url "$URL" --advertised-listener-url "$URL" --storage-engine memory://tansu/ \
    >"$OUT/tansu.log" 2>&1 &
TANSU_PID=$!
SERVICE_PID=
cleanup() {
    [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null || true
    kill "$TANSU_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
for topic in in decisions review dlq pass-in pass-out lg-in lg-decisions lg-review lg-dlq; do
    "$TANSU" topic create --broker "$URL" --partitions 4 "$topic" >/dev/null
done

echo "== machine: $(nproc) cores, $(uname -sr); tansu $("$TANSU" --version 2>/dev/null | head -1); $(date -u +%F)"
echo "== 1. service in process vs passthrough, $MESSAGES messages each"
INTERDICT_BENCH_BROKERS=$BROKERS cargo bench --quiet --bench kafka -- --bench --messages "$MESSAGES" | tee "$OUT/ratio.txt"

echo "== 2. interdict run + interdict loadgen"
"$BIN" index build --quiet --out "$OUT/lists.idx" --source ofac-csv=data/ofac/sdn --source ofac-csv=data/ofac/nonsdn-csv
INTERDICT_INPUT_TOPICS= "$BIN" run --brokers "$BROKERS" --input-topic lg-in --group e2e \
    --decisions-topic lg-decisions --review-topic lg-review --dlq-topic lg-dlq \
    --http-listen 127.0.0.1:0 --index "$OUT/lists.idx" 2>"$OUT/service.log" &
SERVICE_PID=$!
sleep 3
loadgen() {
    "$BIN" loadgen --brokers "$BROKERS" --topic lg-in --decisions-topic lg-decisions --index "$OUT/lists.idx" \
        --hit-ratio 0.02 --quiet "$@"
}
echo "-- at full speed ($MESSAGES payments)"
loadgen --rate max --count "$MESSAGES" --report "$OUT/max.json" --plot "$OUT/max.svg"
echo "-- at $RATE payments/s for 20 s"
loadgen --rate "$RATE" --duration 20s --report "$OUT/fixed.json" --plot "$OUT/fixed.svg"
kill -TERM "$SERVICE_PID"
wait "$SERVICE_PID" || true
SERVICE_PID=
echo "== reports and plots in $OUT/"
