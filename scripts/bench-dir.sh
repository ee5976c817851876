#!/usr/bin/env bash
# Benchmark `fzlint check` on a directory of many reports, as a supervisor's
# or a reports repository's CI run sees it.
#
#   scripts/bench-dir.sh [COUNT]      # default 1000
#
# Builds the release binary, writes COUNT reports into a temporary directory
# (copies of the fixtures under fixtures/reports, spread over 20 sub-folders,
# each with its own unit name in the title so no two files are identical),
# and times a few runs with hyperfine (https://github.com/sharkdp/hyperfine).
set -euo pipefail

count=${1:-1000}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt install hyperfine)" >&2; exit 2; }

cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/fzlint"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mapfile -t fixtures < <(find "$root/fixtures/reports" -type f | sort)
bytes=0
for ((i = 0; i < count; i++)); do
  src=${fixtures[i % ${#fixtures[@]}]}
  sub="$dir/reports/unit-$((i % 20))"
  mkdir -p "$sub"
  dst="$sub/report-$i.${src##*.}"
  # A unit name of its own: the first occurrence of 局 or 县 becomes 第N局/县.
  sed "0,/局\|县/s//第${i}&/" "$src" >"$dst"
  bytes=$((bytes + $(stat -c %s "$dst")))
done
echo "$count reports, $((bytes / 1024)) KiB, in $dir/reports; $(nproc) CPUs"

cd "$dir"
hyperfine --warmup 2 --runs 10 -N --ignore-failure \
  "$bin check reports --format json" \
  "$bin check reports --format human" \
  "$bin check reports --format summary-md --format sarif=out.sarif"
