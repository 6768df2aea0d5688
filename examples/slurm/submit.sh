#!/bin/bash
# Submits a sharded skillgap run and its merge:
#
#   examples/slurm/submit.sh INPUT RUN_DIR YYYY-MM-DD [SHARDS]
#
# SHARDS tasks (default 4) write RUN_DIR/shard-0 ... shard-(SHARDS-1); the
# merge job waits for all of them (afterany) and writes RUN_DIR/team-summary.*.
# Prints the two job ids. RUN_DIR must be on storage every node sees.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
  echo "usage: $0 INPUT RUN_DIR YYYY-MM-DD [SHARDS]" >&2
  exit 2
fi
input=$1 run=$2 date=$3 shards=${4:-4}
array=$(sbatch --parsable --array="0-$((shards - 1))" "$here/shards.sbatch" "$input" "$run" "$date")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterany:$array" "$here/merge.sbatch" "$run")
merge=${merge%%;*}
echo "array job $array, merge job $merge"
