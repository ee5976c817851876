#!/usr/bin/env bash
# The offline page's benchmark: size, start-up and checking speed of
# target/web/fzlint.html in Debian's Chromium, beside the native command
# line on the same inputs.
#
#   bench/web.sh [RUNS]        # RUNS: page loads and checks (default 9)
#
# Builds the page (scripts/build-web.sh) and the release binary, writes a
# 20,000-character report as .docx and .txt (examples/web_bench_inputs.rs)
# and 300 synthetic reports (examples/gen_corpus.rs, about 4 MB) into
# ${FZLINT_BENCH_DIR:-/tmp/fzlint-bench}/web, then runs
# crates/fzlint-web/browser/bench.mjs (npm ci there first) and times
# `fzlint check --format json` on the same files. Prints a Markdown table.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${1:-9}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
bench_dir=${FZLINT_BENCH_DIR:-/tmp/fzlint-bench}/web

scripts/build-web.sh >&2
cargo build --release --locked --quiet --bin fzlint --example web_bench_inputs --example gen_corpus
[ -d crates/fzlint-web/browser/node_modules/playwright-core ] ||
  (cd crates/fzlint-web/browser && npm ci --no-audit --no-fund --loglevel=error)
rm -rf "$bench_dir"
mkdir -p "$bench_dir"
"$target_dir/release/examples/web_bench_inputs" "$bench_dir" >&2
"$target_dir/release/examples/gen_corpus" "$bench_dir/audit" -n 300 --seed 1 >&2

page="$target_dir/web/fzlint.html"
json=$(node crates/fzlint-web/browser/bench.mjs "$page" "$bench_dir/report-20k.docx" \
  "$bench_dir/report-20k.txt" "$bench_dir/audit" "$runs")

# The native command line on the same inputs (median of RUNS, process start
# and rule loading included).
native() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$target_dir/release/fzlint" check --no-config --format json "$@" >/dev/null || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
native_audit() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$target_dir/release/fzlint" audit --no-config --similar --format json "$@" >/dev/null || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
cli_docx=$(native "$bench_dir/report-20k.docx")
cli_txt=$(native "$bench_dir/report-20k.txt")
cli_audit=$(native_audit "$bench_dir/audit")

size() { wc -c < "$1" | tr -d ' '; }
wasm=$target_dir/web/fzlint.wasm
field() { printf '%s' "$json" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log(eval('v.'+process.argv[1]))})" "$1"; }
cat <<TABLE
| what | fzlint.html (Chromium, $(nproc) CPUs) | fzlint (native) |
|---|---:|---:|
| page / wasm raw / wasm gzipped | $(size "$page") / $(size "$wasm") / $(gzip -9 -n -c "$wasm" | wc -c | tr -d ' ') bytes | |
| engine ready after navigation (median of $runs) | $(field median.ready_ms | cut -d. -f1) ms | |
| first check, 20,000-character .docx (median of $runs new pages) | $(field median.first_docx_check_ms | cut -d. -f1) ms | $cli_docx ms (whole process) |
| re-check, 20,000-character text after an edit (median of $((runs * 3))) | $(field median.recheck_ms | cut -d. -f1) ms | $cli_txt ms (whole process) |
| audit of $(field audit.reports) reports, $(( $(field audit.bytes) / 1024 )) KB, to the matrix on screen | $(field audit.ms) ms | $cli_audit ms (audit, whole process) |
| memory after the audit: engine (WebAssembly) + page heap | $(field memory.total_mb) MB | |
TABLE
