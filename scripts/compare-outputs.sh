#!/usr/bin/env bash
# Runs two fzlint binaries over the same inputs, in every output format,
# and reports any difference: the check that a refactoring changed nothing
# a user sees.
#
#   scripts/compare-outputs.sh OLD_FZLINT NEW_FZLINT [CORPUS_DIR…]
#
# Inputs: every fixture report (fixtures/**/*.txt, *.md) in json, human,
# sarif, github, junit, summary-md and jsonl; check and outline JSON of
# ../shared/examples; the audit of fixtures/audit in every audit format;
# rules list (human, markdown; JSON without the `pack` field, which is
# newer than some binaries) and rules test; unreadable inputs (bytes no
# encoding reads, a file over --max-file-size, a .doc, a named pipe, a
# forced wrong encoding) in every format; the report in every form fzlint
# reads (examples/format_fixtures.rs: Word, web page, GBK, GB18030,
# UTF-16, BOM, CRLF), with outlines and annotated Word copies (compared
# byte for byte); and, for each CORPUS_DIR (e.g. made by
# `cargo run --release --example gen_corpus -- DIR -n 1000`),
# `check --format json` and `audit --similar --format json`.
# Exit status 0 when every output is identical, 1 otherwise.
set -uo pipefail
[ $# -ge 2 ] || { sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2"); shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

inputs="$work/inputs"
mkdir -p "$inputs/bad"
(cd "$repo" && cargo run --quiet --example format_fixtures -- "$inputs/formats" >/dev/null)
printf '\x80\x81 abc \xff\xfe\xfd 报告\n' > "$inputs/bad/undecodable.txt"
printf '法治政府建设年度报告\n一、主要举措\n' > "$inputs/bad/big.txt"
printf 'x' > "$inputs/bad/a.doc"
mkfifo "$inputs/bad/pipe"

outputs() { # BIN OUT
  local bin=$1 out=$2 f n fmt
  mkdir -p "$out"
  cd "$repo"
  for f in $(find fixtures -type f \( -name '*.txt' -o -name '*.md' \) | sort); do
    n=$(echo "$f" | tr '/' '_')
    "$bin" check --no-config --color never "$f" > "$out/$n.human" 2>&1
    for fmt in json sarif github junit summary-md jsonl; do
      "$bin" check --no-config --format "$fmt" "$f" > "$out/$n.$fmt" 2>&1
    done
  done
  for f in ../shared/examples/*; do
    n=$(basename "$f")
    "$bin" check --no-config --format json "$f" > "$out/example-$n.json" 2>&1
    "$bin" outline --format json "$f" > "$out/example-$n.outline.json" 2>&1
  done
  for fmt in json table csv markdown html; do
    "$bin" audit --no-config --color never --format "$fmt" fixtures/audit > "$out/audit.$fmt" 2>&1
  done
  "$bin" rules list --color never > "$out/rules.txt" 2>&1
  "$bin" rules list --format markdown > "$out/rules.md" 2>&1
  "$bin" rules list --format json | jq -S 'del(.rules[].pack)' > "$out/rules.json" 2>&1
  "$bin" rules test --color never > "$out/rules-test.txt" 2>&1
  cd "$inputs/bad"
  for fmt in human json jsonl sarif github junit summary-md; do
    "$bin" check --no-config --color never --format "$fmt" --max-file-size 20 \
      undecodable.txt big.txt a.doc pipe > "$out/bad.$fmt" 2>&1; echo "exit $?" >> "$out/bad.$fmt"
    "$bin" check --no-config --color never --format "$fmt" --encoding big5 \
      undecodable.txt > "$out/big5.$fmt" 2>&1; echo "exit $?" >> "$out/big5.$fmt"
  done
  cd "$inputs/formats"
  for f in *; do
    "$bin" check --no-config --format json "$f" > "$out/format-$f.json" 2>&1
    "$bin" outline --format json "$f" > "$out/format-$f.outline.json" 2>&1
    case "$f" in *.docx) "$bin" annotate "$f" -o "$out/format-$f.annotated.docx" > /dev/null 2>&1 ;; esac
  done
  for dir in "${corpora[@]}"; do
    n=$(echo "$dir" | tr '/' '_')
    (cd "$dir" && "$bin" check --no-config --format json . > "$out/corpus$n.json" 2>&1
     "$bin" audit --no-config --similar --format json . > "$out/corpus$n.audit.json" 2>&1)
  done
}

corpora=()
for dir in "$@"; do corpora+=("$(realpath "$dir")"); done
command -v jq >/dev/null || { echo "compare-outputs.sh: jq is needed" >&2; exit 2; }
outputs "$old" "$work/old"
outputs "$new" "$work/new"
count=$(find "$work/old" -type f | wc -l)
if diff -r "$work/old" "$work/new" > "$work/diff"; then
  echo "identical: $count outputs"
else
  cat "$work/diff"
  echo "DIFFERENT (of $count outputs)"
  exit 1
fi
