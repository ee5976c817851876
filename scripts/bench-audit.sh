#!/usr/bin/env bash
# Benchmark `fzlint audit` on a supervisor-sized collection: COUNT synthetic
# reports (examples/synthetic_reports.rs; default 5000) with planted copies
# and templated groups, timed with hyperfine
# (https://github.com/sharkdp/hyperfine), with and without the search for
# similar reports.
#
#   scripts/bench-audit.sh [COUNT] [VARIETY]
#
# VARIETY (default 12) is how many characters the reports' own details are
# drawn from: small values make details repeat across reports, the hard
# case for the similarity index.
set -euo pipefail

count=${1:-5000}
variety=${2:-12}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt install hyperfine)" >&2; exit 2; }

cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" --bin fzlint --example synthetic_reports
bin="$root/target/release/fzlint"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$root/target/release/examples/synthetic_reports" "$dir/reports" "$count" 2026 "$variety" >"$dir/planted.tsv"
echo "$count reports, $(du -sh "$dir/reports" | cut -f1), $(wc -l <"$dir/planted.tsv") planted similar pairs; $(nproc) CPUs"

cd "$dir/reports"
hyperfine --warmup 1 --runs 5 -N \
  "$bin audit --no-config --format json -o $dir/audit.json" \
  "$bin audit --no-config --similar --format json -o $dir/similar.json" \
  "$bin audit --no-config --similar --format html -o $dir/audit.html"

found=$(grep -c '"similarity"' "$dir/similar.json" || true)
echo "similar pairs found at the default threshold: $found (planted: $(wc -l <"$dir/planted.tsv"))"
/usr/bin/env time -f "peak memory of audit --similar: %M KB" \
  "$bin" audit --no-config --similar --format json -o "$dir/memory.json"
