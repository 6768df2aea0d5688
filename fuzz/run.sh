#!/usr/bin/env bash
# Runs the fuzz targets one after another, each for $FUZZ_SECONDS (default
# 600), with seed corpora made from samples/ and templates/. Crashes land in
# fuzz/artifacts/<target>/; keep each as tests/fuzz-regressions/<target>/.
#
#   fuzz/run.sh                    # all four targets, 10 minutes each
#   FUZZ_SECONDS=60 fuzz/run.sh report
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer wants a nightly
# compiler; RUSTC_BOOTSTRAP=1 lets the stable one do it.
set -euo pipefail
cd "$(dirname "$0")"
secs=${FUZZ_SECONDS:-600}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ingest workbook templates report team_summary)

seed() {
  local t=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $t in
    ingest)
      cp ../samples/* "$dir"/
      # Each input is also read as the sheet XML of a workbook.
      unzip -p ../samples/msforms-team.xlsx xl/worksheets/sheet1.xml >"$dir/sheet1.xml" || true
      cp ../tests/fuzz-regressions/ingest/* "$dir"/ 2>/dev/null || true
      ;;
    workbook)
      # First byte: 0 = a whole workbook file, 1 = an .ods content.xml,
      # 2 = an .xlsx sheet, 3 = .xlsx shared strings.
      for f in ../samples/*.xlsx ../samples/*.ods ../samples/*.xls ../tests/fixtures/*.xlsx ../tests/fixtures/*.ods ../tests/fixtures/*.xls; do
        [ ! -f "$f" ] || { printf '\x00'; cat "$f"; } >"$dir/whole-$(basename "$f")"
      done
      for f in ../samples/*.ods; do
        [ ! -f "$f" ] || { printf '\x01'; unzip -p "$f" content.xml || true; } >"$dir/content-$(basename "$f")"
      done
      for f in ../samples/*.xlsx; do
        [ ! -f "$f" ] || { printf '\x02'; unzip -p "$f" xl/worksheets/sheet1.xml || true; } >"$dir/sheet-$(basename "$f")"
        [ ! -f "$f" ] || { printf '\x03'; unzip -p "$f" xl/sharedStrings.xml || true; } >"$dir/strings-$(basename "$f")"
      done
      # Hostile seeds: a far cell, huge repeats.
      printf '\x02<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>' >"$dir/far-cell"
      printf '\x01<office:document-content><office:body><office:spreadsheet><table:table><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>' >"$dir/repeats"
      cp ../tests/fuzz-regressions/workbook/* "$dir"/ 2>/dev/null || true
      ;;
    templates)
      # First byte: which file the rest replaces (see SLOTS in src/lib.rs).
      { printf '\x00'; cat ../templates/skills.toml; } >"$dir/skills"
      { printf '\x01'; cat ../templates/roles/devops.toml; } >"$dir/role-devops"
      { printf '\x05'; cat ../templates/roles/sre.toml; } >"$dir/role-sre"
      { printf '\x02'; sed 's/^id = .*/id = "zz-user"/' ../templates/roles/platform.toml; } >"$dir/role-new"
      { printf '\x03'; cat ../templates/learning/containers-and-orchestration.toml; } >"$dir/learning"
      for f in ../templates/learning/*.toml; do
        { printf '\x04'; cat "$f"; } >"$dir/learning-$(basename "$f" .toml)"
      done
      cp ../tests/fuzz-regressions/templates/* "$dir"/ 2>/dev/null || true
      ;;
    report)
      # 7 option bytes (20 h/week, 26 weeks, a date, mode 1 = ratings
      # file on A4, every role), then a sample.
      for f in ../samples/*; do
        { printf '\x1e\x19\x00\x10\x1c\x01\x1f'; cat "$f"; } >"$dir/$(basename "$f")"
      done
      cp ../tests/fuzz-regressions/report/* "$dir"/ 2>/dev/null || true
      ;;
    team_summary)
      # JSON reports as batch writes them, with and without --previous.
      tmp=$(mktemp -d)
      (cd .. && cargo run -q -- batch samples/team-long.csv samples/reassess-2026-11.csv \
        --previous samples/reassess-2026-06.csv --format json --date 2026-11-26 -q -o "$tmp") || true
      for f in "$tmp"/*.json; do
        [ "$(basename "$f")" = manifest.json ] || cp "$f" "$dir"/
      done
      rm -rf "$tmp"
      cp ../tests/fuzz-regressions/team_summary/* "$dir"/ 2>/dev/null || true
      ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "== $t: ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
done
