#!/usr/bin/env bash
# End-to-end test of sharded runs on a real Slurm cluster (issue 28).
#
# Installs Debian's slurm-wlm and munge when missing, brings up a one-node
# cluster on localhost (munged, slurmctld, slurmd with a minimal
# slurm.conf in a temporary folder), and with the examples in
# examples/slurm/ exactly as written:
#   1. runs a generated team as a 4-task array plus the afterany merge job,
#      and checks the merge equals a single-machine run byte for byte;
#   2. runs it as a step array (--array=0-6:2) and checks the same;
#   3. cancels one task of a held array and checks the merge refuses,
#      naming the shard; a rerun of one index without the shard refuses;
#      the rerun the examples describe completes the run and the merge
#      passes.
# Stops every daemon it started, by PID, and removes its folder.
#
#   tests/slurm/run.sh            (SKILLGAP=path/to/skillgap, PEOPLE=120)
#
# Skips (exit 0, saying why) only where Slurm cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export SKILLGAP=${SKILLGAP:-$repo/target/debug/skillgap}
people=${PEOPLE:-120}
date=2026-11-26

say() { echo "slurm-test: $*"; }
fail() {
  echo "slurm-test: FAIL: $*" >&2
  exit 1
}

# ---- Slurm and munge ---------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "installing slurm-wlm and munge"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null) ||
      true
  fi
  if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    say "SKIPPED: Slurm cannot be installed here (needs root and apt-get with Debian's slurm-wlm and munge)"
    exit 0
  fi
fi
[ -x "$SKILLGAP" ] || fail "$SKILLGAP is missing; run cargo build first"
gen=$repo/target/debug/examples/gen_team
if [ ! -x "$gen" ]; then
  nice -n 15 cargo build -q --example gen_team
fi

work=$(mktemp -d /tmp/skillgap-slurm.XXXXXX)
chmod 700 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    # Not children of this shell when started with setsid: wait by polling.
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "${KEEP:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

host=$(hostname -s)
# Ports above the usual 6817/6818, free on this machine.
port=$((20000 + RANDOM % 20000))
mkdir -p "$work/state" "$work/spool" "$work/runs"
mungekey --create --keyfile="$work/munge.key" 2>/dev/null ||
  dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$work/munge.key"
munged --key-file="$work/munge.key" --socket="$work/munge.sock" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" \
  --seed-file="$work/munge.seed" --force --foreground >"$work/munged.out" 2>&1 &
pids+=($!)
cat >"$work/slurm.conf" <<CONF
ClusterName=skillgap-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$work/munge.sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
MaxArraySize=1001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
for _ in $(seq 50); do [ -S "$work/munge.sock" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  sinfo -h -o %T 2>/dev/null | grep -qx idle && break
  sleep 0.2
done
sinfo -h -o %T 2>/dev/null | grep -qx idle ||
  { tail -20 "$work"/slurmctld.log "$work"/slurmd.log >&2 || true; fail "the one-node cluster did not come up"; }
say "cluster up: $(sinfo -h -o '%P %D %T %c CPUs') (Slurm $(sinfo -V | cut -d' ' -f2))"

# ---- helpers ----------------------------------------------------------------------------
# The final state of job $1 (all array tasks), waiting up to 300 s.
wait_job() {
  local state
  for _ in $(seq 600); do
    if [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; then
      scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr '\n' ' '
      return 0
    fi
    sleep 0.5
  done
  fail "job $1 still running after 300 s"
}
# The exit code of job $1 (a single job).
exit_code() { scontrol show job "$1" | grep -o ' ExitCode=[0-9]*' | cut -d= -f2; }
# People in a shard folder: its JSON reports.
count() { find "$1" -maxdepth 1 -name '*.json' ! -name manifest.json ! -name 'team-summary*.json' | wc -l; }
# The merged run in $1 against the single run: every per-person file of
# the shards byte-identical to the single run's, the team files too (the
# report column names the same files, inside the shard folders).
same_as_single() {
  local run=$1 f n=0
  for f in "$work/single"/*.pdf "$work/single"/*.json; do
    case $(basename "$f") in team-summary*.pdf | team-summary*.json | manifest.json) continue ;; esac
    local hits=("$run"/shard-*/"$(basename "$f")")
    [ ${#hits[@]} -eq 1 ] && [ -f "${hits[0]}" ] || fail "$(basename "$f"): ${#hits[@]} copies in $run"
    cmp -s "$f" "${hits[0]}" || fail "${hits[0]} differs from the single run's"
    n=$((n + 1))
  done
  local extra
  extra=$(find "$run"/shard-* -maxdepth 1 \( -name '*.pdf' -o -name '*.json' \) ! -name 'manifest.json' ! -name 'team-summary*.pdf' ! -name 'team-summary*.json' | wc -l)
  [ "$extra" -eq "$n" ] || fail "$run has $extra report files, the single run $n"
  cmp -s "$work/single/team-skills.csv" "$run/team-skills.csv" || fail "team-skills.csv differs"
  cmp -s "$work/single/team-summary.pdf" "$run/team-summary.pdf" || fail "team-summary.pdf differs"
  sed -E 's#,shard-[0-9]+/#,#' "$run/team-summary.csv" | cmp -s - "$work/single/team-summary.csv" ||
    fail "team-summary.csv differs (beyond the shard folder in the report column)"
  echo "$n"
}

# ---- the team and a single-machine run --------------------------------------------------
cd "$work"
"$gen" "$people" 11 >team.csv
"$SKILLGAP" batch team.csv --format pdf,json --date "$date" --quiet -o single
say "single run: $(count single) people"

# ---- 1. a 4-task array and its merge, with submit.sh --------------------------------------
ids=$("$repo/examples/slurm/submit.sh" team.csv runs/plain "$date" 4)
say "$ids"
array=$(echo "$ids" | sed -E 's/array job ([0-9]+).*/\1/')
merge=$(echo "$ids" | sed -E 's/.*merge job ([0-9]+)/\1/')
say "array: $(wait_job "$array")"
wait_job "$merge" >/dev/null
[ "$(exit_code "$merge")" = 0 ] || { cat skillgap-merge-"$merge".out >&2; fail "the merge job failed"; }
per=$(for d in runs/plain/shard-*; do printf '%s=%s ' "$(basename "$d")" "$(count "$d")"; done)
files=$(same_as_single runs/plain)
say "--array=0-3: people per shard: $per; merged: $(grep -c . runs/plain/team-summary.csv | awk '{print $1-1}') people; $files report files and the team files byte-identical to the single run"

# ---- 2. a step array: ids 0, 2, 4, 6 are shards 1-4 ---------------------------------------
array=$(sbatch --parsable --array=0-6:2 "$repo/examples/slurm/shards.sbatch" team.csv runs/step "$date")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterany:$array" "$repo/examples/slurm/merge.sbatch" runs/step)
merge=${merge%%;*}
say "step array: $(wait_job "$array")"
wait_job "$merge" >/dev/null
[ "$(exit_code "$merge")" = 0 ] || { cat skillgap-merge-"$merge".out >&2; fail "the step-array merge failed"; }
per=$(for d in runs/step/shard-*; do printf '%s=%s ' "$(basename "$d")" "$(count "$d")"; done)
files=$(same_as_single runs/step)
say "--array=0-6:2: people per shard: $per; $files report files byte-identical to the single run"

# ---- 3. a cancelled task: the merge refuses and names the shard --------------------------
array=$(sbatch --parsable --hold --array=0-3 "$repo/examples/slurm/shards.sbatch" team.csv runs/cut "$date")
array=${array%%;*}
scancel "${array}_2"
scontrol release "$array"
merge=$(sbatch --parsable --dependency="afterany:$array" "$repo/examples/slurm/merge.sbatch" runs/cut)
merge=${merge%%;*}
say "array with task 2 cancelled: $(wait_job "$array")"
wait_job "$merge" >/dev/null
code=$(exit_code "$merge")
log=skillgap-merge-$merge.out
[ "$code" = 1 ] || { cat "$log" >&2; fail "the merge of a run with a cancelled task exited $code, not 1"; }
grep -q "shard 3/4 is missing" "$log" || { cat "$log" >&2; fail "the merge does not name shard 3/4"; }
[ ! -e runs/cut/team-summary.csv ] || fail "the refused merge wrote team-summary.csv"
missing=$(grep -o 'its [0-9,]* people are not in this summary' "$log" | head -1)
say "cancelled task 2: merge job exit $code: $(grep -o 'shard 3/4 is missing[^;]*' "$log" | head -1); $missing"

# Rerunning index 2 the usual way cannot know its shard: it refuses.
rerun=$(sbatch --parsable --array=2 "$repo/examples/slurm/shards.sbatch" team.csv runs/cut "$date")
rerun=${rerun%%;*}
wait_job "$rerun" >/dev/null
code=$(exit_code "$rerun")
[ "$code" = 2 ] || fail "sbatch --array=2 without the shard exited $code, not 2"
grep -q "only task of its array" "skillgap-shards-${rerun}_2.out" || fail "the refused rerun does not say why"
[ ! -e runs/cut/shard-2 ] || fail "the refused rerun wrote runs/cut/shard-2"
say "sbatch --array=2 alone: exit $code ($(grep -o 'SLURM_ARRAY_TASK_ID=2 is the only task of its array' "skillgap-shards-${rerun}_2.out"))"

# The rerun the example describes, then the merge again.
rerun=$(sbatch --parsable --array=2 --export=ALL,SKILLGAP_SHARD=3/4 "$repo/examples/slurm/shards.sbatch" team.csv runs/cut "$date")
rerun=${rerun%%;*}
wait_job "$rerun" >/dev/null
[ "$(exit_code "$rerun")" = 0 ] || fail "the rerun of shard 3/4 failed"
merge=$(sbatch --parsable "$repo/examples/slurm/merge.sbatch" runs/cut)
merge=${merge%%;*}
wait_job "$merge" >/dev/null
[ "$(exit_code "$merge")" = 0 ] || { cat skillgap-merge-"$merge".out >&2; fail "the merge after the rerun failed"; }
files=$(same_as_single runs/cut)
say "rerun of shard 3/4 (sbatch --array=2 --export=ALL,SKILLGAP_SHARD=3/4), merge again: exit 0, $files report files byte-identical"
# ---- 4. an array with uneven ids (--array=1,3,7) cannot be placed: refused ----------------
array=$(sbatch --parsable --array=1,3,7 "$repo/examples/slurm/shards.sbatch" team.csv runs/uneven "$date")
array=${array%%;*}
wait_job "$array" >/dev/null
codes=$(for t in 1 3 7; do exit_code "${array}_$t"; done | sort -u | tr '\n' ' ')
[ "$codes" = "2 " ] || fail "--array=1,3,7: tasks exited $codes, not 2"
[ ! -e runs/uneven ] || [ -z "$(ls -A runs/uneven)" ] || fail "--array=1,3,7 wrote reports"
say "--array=1,3,7: every task exit 2 ($(grep -ho 'not evenly spaced\|is not a task of[^(]*' skillgap-shards-"${array}"_*.out | sort -u | tr '\n' ' '))"
say "PASSED"
