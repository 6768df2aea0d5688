#!/usr/bin/env bash
# skillgap against the peer baseline (bench/peer: Python + ReportLab, one
# 3-page PDF per person), side by side in one run, A B A B, on teams from the
# repo's own generator (examples/gen_team.rs). Prints, per run, reports/s,
# peak memory and mean PDF size, then the goals of issue 30 with what was
# measured: throughput and its ratio to the baseline, mean size, peak memory
# for 10,000 people, one personal report, the 10,000-person team summary.
#
#   bench/batch.sh                 2,000 people A B A B, then the 10,000 run
#   PEOPLE=500 ROUNDS=1 bench/batch.sh   a quicker look
#   BENCH_DIR=/tmp bench/batch.sh  on disk instead of in RAM (/dev/shm)
#
# Needs python3 (ReportLab is installed into bench/.venv when missing) and
# GNU time (/usr/bin/time). Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${PEOPLE:-2000}
rounds=${ROUNDS:-2}
big=${BIG:-10000}

cargo build --release --quiet --bin skillgap --example gen_team
bin=./target/release/skillgap
python=python3
if ! "$python" -c 'import reportlab' 2>/dev/null; then
  [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q reportlab
  python=bench/.venv/bin/python
fi

dir=${BENCH_DIR:-/dev/shm}
[ -d "$dir" ] || dir=${TMPDIR:-/tmp}
work=$(mktemp -d -p "$dir")
trap 'rm -rf "$work"' EXIT
./target/release/examples/gen_team "$people" > "$work/team.csv"

# run NAME OUT CMD...: times CMD, prints one row, appends "name rate kb size" to $work/rows.
run() {
  local name=$1 out=$2
  shift 2
  rm -rf "$out"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1
  local secs kb pdfs bytes
  read -r secs kb < "$work/time"
  pdfs=$(find "$out" -name '*.pdf' ! -name 'team-summary*.pdf' ! -name 'group-*' | wc -l)
  bytes=$(find "$out" -name '*.pdf' ! -name 'team-summary*.pdf' ! -name 'group-*' -printf '%s\n' |
    awk '{s += $1} END {print s + 0}')
  awk -v name="$name" -v s="$secs" -v kb="$kb" -v n="$pdfs" -v b="$bytes" 'BEGIN {
    rate = n / (s > 0 ? s : 0.01)
    printf "%-10s %7d %9.2f %11.0f %9.1f %11.1f\n", name, n, s, rate, kb / 1024, b / 1024 / (n ? n : 1)
    printf "%s %f %f %f\n", name, rate, kb / 1024, b / 1024 / (n ? n : 1) >> "'"$work/rows"'"
  }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(date -u +%F); skillgap $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '%-10s %7s %9s %11s %9s %11s\n' tool reports seconds reports/s "peak MiB" "KiB/report"
for _ in $(seq "$rounds"); do
  run skillgap "$work/a" "$bin" batch "$work/team.csv" -o "$work/a" --date 2026-11-26 --quiet
  run baseline "$work/b" "$python" bench/peer/reportlab_peer.py "$work/team.csv" "$work/b"
done
rm -rf "$work/a" "$work/b"

# The 10,000-person batch (skillgap only: the baseline would take minutes).
./target/release/examples/gen_team "$big" > "$work/big.csv"
run skillgap "$work/big" "$bin" batch "$work/big.csv" -o "$work/big" --date 2026-11-26 --quiet
rm -rf "$work/big"
# The team summary of 10,000 people, merged from their JSON reports.
"$bin" batch "$work/big.csv" -o "$work/json" --format json --date 2026-11-26 --quiet >/dev/null 2>&1
/usr/bin/time -f '%e' -o "$work/t-summary" \
  "$bin" team-summary "$work/json" -o "$work/merged" --date 2026-11-26 >/dev/null 2>&1 ||
  echo "failed" > "$work/t-summary"
# One personal report from a one-person file.
awk -F, 'NR == 1 || $2 == "person00000@example.com"' "$work/team.csv" > "$work/one.csv"
/usr/bin/time -f '%e' -o "$work/t-one" \
  "$bin" report "$work/one.csv" --date 2026-11-26 -o "$work/one.pdf" >/dev/null 2>&1 ||
  echo "failed" > "$work/t-one"

awk -v big="$big" -v summary="$(cat "$work/t-summary")" -v one="$(cat "$work/t-one")" '
  $1 == "skillgap" && n_s < '"$rounds"' { s += $2; n_s++; size = $4; next }
  $1 == "skillgap" { big_mib = $3; next }
  $1 == "baseline" { b += $2; n_b++ }
  END {
    rs = s / n_s; rb = b / n_b
    printf "\ngoal                                   measured\n"
    printf "reports/s >= 2,500 (2 cores, RAM)       %.0f\n", rs
    printf "vs baseline >= 50x (never under 30x)     %.1fx (baseline %.1f/s)\n", rs / rb, rb
    printf "mean report <= 40 KiB                   %.1f KiB\n", size
    printf "peak for %d people <= 100 MiB        %.1f MiB\n", big, big_mib
    printf "one personal report <= 20 ms            %s s (whole process)\n", one
    printf "%d-person team summary <= 2 s        %s s\n", big, summary
  }' "$work/rows"
