#!/usr/bin/env bash
# Batch throughput and memory: generates synthetic teams with the repo's own
# generator and times `skillgap batch` over them (whole process, summaries
# included, every PDF with its embedded font subset).
#
#   bench/batch.sh [PEOPLE...]        default: 1000 10000
#   BENCH_DIR=/dev/shm bench/batch.sh  work in RAM: the figures without the
#                                      file system's cost of creating files
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin skillgap --example gen_team
work=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
printf '%8s %10s %12s %10s %10s\n' people seconds reports/s "peak MB" "KB/PDF"
for n in "${sizes[@]}"; do
  ./target/release/examples/gen_team "$n" > "$work/team-$n.csv"
  out="$work/out-$n"
  /usr/bin/time -f '%e %M' -o "$work/time" \
    ./target/release/skillgap batch "$work/team-$n.csv" -o "$out" --date 2026-11-26 --quiet
  read -r secs kb < "$work/time"
  pdfs=$(find "$out" -name '*.pdf' ! -name 'team-summary.pdf' | wc -l)
  size=$(du -sk --apparent-size "$out" | cut -f1)
  awk -v n="$n" -v s="$secs" -v kb="$kb" -v pdfs="$pdfs" -v size="$size" 'BEGIN {
    printf "%8d %10.2f %12.0f %10.1f %10.1f\n", n, s, n / s, kb / 1024, size / (pdfs > 0 ? pdfs : 1) }'
  rm -rf "$out"
done
