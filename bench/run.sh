#!/usr/bin/env bash
# fzlint's benchmark: how fast `fzlint check` lints a collection of reports,
# next to the floor of scanning the same bytes for the rule pack's literal
# patterns with ripgrep.
#
# Usage:
#   bench/run.sh [--audit] [N ...]        # default sizes: 1000 10000
#   bench/run.sh 1000 10000 100000
#
# What it does:
#   1. Installs ripgrep, hyperfine, GNU time and jq from Debian's apt when
#      they are missing (with sudo when not root).
#   2. Builds the release binary (`cargo build --release --locked`, into
#      $CARGO_TARGET_DIR when set, else ./target).
#   3. For each N, generates a synthetic corpus of N reports with
#      `cargo run --release --example gen_corpus` (5–20 KB each, mean about
#      13 KB; see tests/support/corpus.rs), cached in
#      ${FZLINT_BENCH_DIR:-/tmp/fzlint-bench}/N and regenerated when missing
#      or made by another seed or version of the generator.
#   4. Writes the literals of fzlint's own scan with the embedded pack (the
#      rules' literal patterns and the regexes' required literals) to
#      literals.txt in that folder (`cargo run --release --example
#      pack_literals`).
#   5. For each N measures, with hyperfine (-N --warmup 1 --runs 5
#      --ignore-failure: fzlint exits 1 on findings, rg 1 on no match), the
#      median wall time of
#        fzlint check --format json DIR
#        rg -c --no-ignore -F -f literals.txt DIR      (the scanning floor)
#        overlap_floor literals.txt DIR                (the overlapping floor)
#      and their peak RSS (/usr/bin/time -f %M), and prints MB/s, files/s
#      and the ratio fzlint/rg: the figure we track. The overlapping floor
#      (`cargo run --release --example overlap_floor`) finds every
#      occurrence of every literal, overlapping, as fzlint's literal rules
#      need, and does nothing else; rg -c stops at a line's first match.
#      Its ratio to rg shows how much of the gap is the scan itself.
#   6. Measures single-report latency: `fzlint check --format json` on the
#      clean .txt report of the first corpus closest to 13,000 bytes, median
#      of 200 runs after 20 warm-up runs.
#   7. With --audit (or FZLINT_BENCH_AUDIT=1), also times
#      `fzlint audit --similar --format json` on a corpus of 5000 reports
#      (3 runs) and its peak RSS.
#   The results are printed as Markdown tables with the machine's details
#   (and its load: other work skews the figures), and saved as last-run.md
#   in the bench folder. Progress goes to standard error.
#
# Environment:
#   FZLINT_BENCH_DIR    where corpora and results go (default /tmp/fzlint-bench;
#                       keep it outside any git work tree, see below)
#   FZLINT_BENCH_SEED   the corpora's seed (default 1)
#   FZLINT_BENCH_RUNS   hyperfine runs per corpus measurement (default 5)
#   FZLINT_BENCH_AUDIT  1 to run the audit benchmark too
#   CARGO_TARGET_DIR    honoured by the build and for the binaries' paths
#
# Nothing here depends on where the corpus is, but fzlint honours
# .gitignore files of parent folders and the nearest .fzlint.yaml (as users
# expect); the default folder in /tmp is outside any repository, rg is run
# with --no-ignore, every command runs from the bench folder, and the script
# checks that fzlint saw every report before timing it.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

audit=${FZLINT_BENCH_AUDIT:-0}
sizes=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    --audit) audit=1 ;;
    *[!0-9_]* | '') echo "bench/run.sh: not a corpus size: $arg (see --help)" >&2; exit 2 ;;
    *) [ "${arg//_/}" -gt 0 ] || { echo "bench/run.sh: a corpus needs reports: $arg" >&2; exit 2; }
       sizes+=("${arg//_/}") ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

repo=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${FZLINT_BENCH_DIR:-/tmp/fzlint-bench}
seed=${FZLINT_BENCH_SEED:-1}
runs=${FZLINT_BENCH_RUNS:-5}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
case "$target_dir" in /*) ;; *) target_dir=$repo/$target_dir ;; esac
fzlint=$target_dir/release/fzlint

say() { printf '== %s\n' "$*" >&2; }

# --- 1. tools -----------------------------------------------------------------
missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v jq >/dev/null 2>&1 || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "bench/run.sh: please install ${missing[*]} (no apt-get here)" >&2
    exit 2
  fi
  say "installing ${missing[*]} (Debian packages)"
  sudo_if_needed=()
  if [ "$(id -u)" -ne 0 ]; then sudo_if_needed=(sudo); fi
  "${sudo_if_needed[@]}" apt-get update -qq
  "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || { echo "bench/run.sh: cargo is needed (https://rustup.rs)" >&2; exit 2; }

# --- 2. build -----------------------------------------------------------------
say "building fzlint and the examples (release)"
(cd "$repo" && cargo build --release --locked --quiet --bin fzlint --example gen_corpus --example pack_literals --example overlap_floor)
gen_corpus=$target_dir/release/examples/gen_corpus
overlap_floor=$target_dir/release/examples/overlap_floor
if [ ! -x "$fzlint" ] || [ ! -x "$gen_corpus" ] || [ ! -x "$overlap_floor" ]; then
  echo "bench/run.sh: no binaries in $target_dir/release" >&2
  exit 2
fi

mkdir -p "$bench_dir"
bench_dir=$(cd "$bench_dir" && pwd)
# fzlint reads the .fzlint.yaml of the current folder or one above it: run
# everything from the bench folder, and say so if one applies there.
cd "$bench_dir"
d=$bench_dir
while :; do
  for f in "$d/.fzlint.yaml" "$d/.fzlint.yml"; do
    if [ -f "$f" ]; then echo "bench/run.sh: warning: $f applies to the runs below" >&2; fi
  done
  [ "$d" = / ] && break
  d=$(dirname "$d")
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- 3. corpora -----------------------------------------------------------------
# A corpus is reused when its stamp (seed and generator source) matches.
generator_hash=$(cat "$repo/tests/support/corpus.rs" "$repo/examples/gen_corpus.rs" | sha256sum | cut -c1-16)
corpus() { # N -> path of the corpus of N reports, generated when needed
  local n=$1 dir=$bench_dir/$1 stamp="seed=$seed generator=$generator_hash"
  if [ ! -f "$dir/manifest.tsv" ] || [ "$(cat "$bench_dir/$n.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "generating $n reports into $dir"
    rm -rf "$dir" "$dir.partial"
    "$gen_corpus" "$dir.partial" -n "$n" --seed "$seed" >&2
    mv "$dir.partial" "$dir"
    printf '%s\n' "$stamp" >"$bench_dir/$n.stamp"
  fi
  printf '%s\n' "$dir"
}

# --- 4. the scanning floor's patterns -----------------------------------------------
literals=$bench_dir/literals.txt
(cd "$repo" && cargo run --release --locked --quiet --example pack_literals) >"$literals"
[ -s "$literals" ] || { echo "bench/run.sh: pack_literals printed nothing" >&2; exit 2; }

# --- measuring ------------------------------------------------------------------
# median WARMUP RUNS COMMAND... -> median wall time in seconds (hyperfine)
median() {
  local warmup=$1 n=$2 json=$work/hyperfine.json
  shift 2
  local cmd
  cmd=$(printf '%q ' "$@")
  hyperfine -N --warmup "$warmup" --runs "$n" --ignore-failure --style none \
    --export-json "$json" "$cmd" >/dev/null 2>&1 ||
    { echo "bench/run.sh: hyperfine failed on: $cmd" >&2; exit 1; }
  jq -r '.results[0].median' "$json"
}

# peak_rss COMMAND... -> peak resident set size in MB (GNU time); the command
# may exit 0 or 1, anything else is an error.
peak_rss() {
  local out=$work/time.txt status=0
  /usr/bin/time -f '%M' -o "$out" "$@" >/dev/null 2>&1 || status=$?
  if [ "$status" -gt 1 ]; then
    echo "bench/run.sh: exit status $status from: $*" >&2
    exit 1
  fi
  awk 'END { printf "%.1f", $1 / 1024 }' "$out"
}

# bytes DIR -> total size of the reports in DIR
bytes() { find "$1" -type f \( -name '*.md' -o -name '*.txt' \) -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for n in "${sizes[@]}"; do
  dir=$(corpus "$n")
  total=$(bytes "$dir")
  # fzlint must see every report (nothing ignored, nothing unreadable).
  seen=$("$fzlint" check --format json "$dir" 2>/dev/null | jq '.summary.files') || true
  if [ "$seen" != "$n" ]; then
    echo "bench/run.sh: fzlint checked ${seen:-no} files of $n in $dir (ignored by a .gitignore above it?)" >&2
    exit 1
  fi
  say "N=$n: fzlint check"
  fz=$(median 1 "$runs" "$fzlint" check --format json "$dir")
  fz_rss=$(peak_rss "$fzlint" check --format json "$dir")
  say "N=$n: rg"
  rg_t=$(median 1 "$runs" rg -c --no-ignore -F -f "$literals" "$dir")
  rg_rss=$(peak_rss rg -c --no-ignore -F -f "$literals" "$dir")
  say "N=$n: overlapping floor"
  ov=$(median 1 "$runs" "$overlap_floor" "$literals" "$dir")
  ov_rss=$(peak_rss "$overlap_floor" "$literals" "$dir")
  mb=$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1e6 }')
  for tool in fzlint rg overlap_floor; do
    case $tool in
      fzlint) t=$fz rss=$fz_rss ;;
      rg) t=$rg_t rss=$rg_rss ;;
      *) t=$ov rss=$ov_rss ;;
    esac
    rows+=("$(awk -v n="$n" -v tool="$tool" -v mb="$mb" -v t="$t" -v b="$total" -v rss="$rss" \
      'BEGIN { printf "| %d | %s | %s | %.3f | %.1f | %.0f | %s |", n, mb, tool, t, b / 1e6 / t, n / t, rss }')")
  done
  rows+=("$(awk -v n="$n" -v a="$fz" -v b="$rg_t" 'BEGIN { printf "| %d | | **fzlint/rg** | **%.2f×** | | | |", n, a / b }')")
  rows+=("$(awk -v n="$n" -v a="$ov" -v b="$rg_t" 'BEGIN { printf "| %d | | overlap_floor/rg | %.2f× | | | |", n, a / b }')")
done

# --- 6. single-report latency ---------------------------------------------------
# The clean .txt report closest to 13,000 bytes in the first corpus.
small=$(corpus "${sizes[0]}")
one=$(find "$small" -name '*.txt' -printf '%P\t%s\n' | awk -F'\t' '
  NR == FNR { if (FNR > 1 && $2 == "") clean[$1] = 1; next }
  $1 in clean {
    d = $2 - 13000; if (d < 0) d = -d
    if (best == "" || d < bd || (d == bd && $1 < best)) { best = $1; bd = d }
  }
  END { print best }' "$small/manifest.tsv" -)
[ -n "$one" ] || { echo "bench/run.sh: no clean .txt report in $small" >&2; exit 1; }
say "single report: $one"
latency=$(median 20 200 "$fzlint" check --format json "$small/$one")
latency_rss=$(peak_rss "$fzlint" check --format json "$small/$one")
one_size=$(stat -c %s "$small/$one")

# --- 7. audit ---------------------------------------------------------------------
audit_row=""
if [ "$audit" = 1 ]; then
  adir=$(corpus 5000)
  say "audit --similar on 5000 reports"
  at=$(median 1 3 "$fzlint" audit --similar --format json "$adir")
  arss=$(peak_rss "$fzlint" audit --similar --format json "$adir")
  audit_row=$(awk -v t="$at" -v rss="$arss" -v b="$(bytes "$adir")" \
    'BEGIN { printf "| audit --similar --format json | 5000 reports, %.1f MB | %.3f s (median of 3) | %.0f files/s | %s MB |", b / 1e6, t, 5000 / t, rss }')
fi

# --- report -----------------------------------------------------------------------
{
  echo "## fzlint benchmark ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "- $("$fzlint" --version 2>/dev/null) ($(git -C "$repo" describe --always --dirty 2>/dev/null || echo 'no git')); $(rg --version | sed -n 1p); $(hyperfine --version)"
  echo "- corpus: synthetic reports (seed $seed, examples/gen_corpus.rs) in $bench_dir; $(wc -l <"$literals") literal patterns"
  echo "- wall time: median of $runs runs after 1 warm-up (hyperfine -N); peak RSS: one run under /usr/bin/time"
  echo "- load average before the runs: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
  echo
  echo "| N | MB | command | median s | MB/s | files/s | peak RSS MB |"
  echo "|---:|---:|---|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "fzlint = \`fzlint check --format json DIR\`; rg = \`rg -c --no-ignore -F -f literals.txt DIR\` (the scanning floor); overlap_floor = \`examples/overlap_floor literals.txt DIR\` (every occurrence of every literal, overlapping, and nothing else)."
  echo
  echo "| single report | size | median | peak RSS |"
  echo "|---|---:|---:|---:|"
  awk -v p="$one" -v s="$one_size" -v t="$latency" -v rss="$latency_rss" \
    'BEGIN { printf "| `fzlint check --format json` %s | %.1f KB | %.2f ms (200 runs) | %s MB |\n", p, s / 1000, t * 1000, rss }'
  if [ -n "$audit_row" ]; then
    echo
    echo "| audit | corpus | median | throughput | peak RSS |"
    echo "|---|---|---:|---:|---:|"
    echo "$audit_row"
  fi
} | tee "$bench_dir/last-run.md"
