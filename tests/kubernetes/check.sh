#!/usr/bin/env bash
# Checks examples/kubernetes/ without a cluster (issue 28):
#   1. the manifests against Kubernetes' own OpenAPI schemas, strictly
#      (unknown fields refused), with kubernetes-validate when installed
#      (pip install kubernetes-validate), else `kubectl apply
#      --dry-run=client` when a cluster answers; says which, or that
#      neither was possible;
#   2. the pods' commands exactly as the manifests hold them, run here by
#      sh with /data mapped to a temporary folder: four indexes then the
#      merge; and the merge with one index missing, which must refuse.
#
#   tests/kubernetes/check.sh        (SKILLGAP=path/to/skillgap)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
bin=${SKILLGAP:-$repo/target/debug/skillgap}
k8s=examples/kubernetes
say() { echo "k8s-check: $*"; }
fail() {
  echo "k8s-check: FAIL: $*" >&2
  exit 1
}

if command -v kubernetes-validate >/dev/null; then
  kubernetes-validate --strict --quiet -k 1.33.0 "$k8s"/*.yaml || fail "the manifests do not validate"
  say "manifests valid against Kubernetes 1.33's schemas (kubernetes-validate --strict)"
elif command -v kubectl >/dev/null && kubectl version >/dev/null 2>&1; then
  kubectl apply --dry-run=client -f "$k8s" >/dev/null || fail "kubectl refuses the manifests"
  say "manifests accepted by kubectl apply --dry-run=client"
else
  say "schemas NOT checked: neither kubernetes-validate nor a kubectl with a cluster is here"
fi

command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null ||
  { say "pod commands NOT run: python3 with PyYAML is needed to read them"; exit 0; }
[ -x "$bin" ] || fail "$bin is missing; run cargo build first"
# The container's command and args, as one sh script, /data → $1.
script() {
  python3 - "$1" "$2" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
c = job["spec"]["template"]["spec"]["containers"][0]
assert c["command"] == ["/bin/sh", "-c"], c["command"]
print(c["args"][0].replace("/data", sys.argv[2]))
PY
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/skillgap"
export PATH="$work/bin:$PATH"
cp samples/hr-mixed-team.csv "$work/team.csv"
shard=$(script "$k8s/shards-job.yaml" "$work")
merge=$(script "$k8s/merge-job.yaml" "$work")
for i in 0 1 3; do JOB_COMPLETION_INDEX=$i sh -c "$shard" || fail "index $i exited $?"; done
run=$work/runs/2026-11-26
if sh -c "$merge" >"$work/merge.out" 2>&1; then fail "the merge passed with index 2 missing"; fi
grep -q "shard 3/4 is missing" "$work/merge.out" || { cat "$work/merge.out" >&2; fail "the merge does not name shard 3/4"; }
say "index 2 missing: the merge job refuses ($(grep -o 'shard 3/4 is missing[^;]*' "$work/merge.out"))"
JOB_COMPLETION_INDEX=2 sh -c "$shard" || fail "index 2 exited $?"
sh -c "$merge" >"$work/merge.out" 2>&1 || { cat "$work/merge.out" >&2; fail "the merge failed"; }
say "indexes 0-3 and the merge job's command: $(cat "$work/merge.out")"
[ -s "$run/team-summary.pdf" ] || fail "no team-summary.pdf"
