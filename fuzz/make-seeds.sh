#!/bin/sh
# Writes the seed corpora under fuzz/seeds/ from fzlint's own fixtures (never
# from real reports). Run from the repository root:  sh fuzz/make-seeds.sh
# Each seed starts with the mode byte its target reads (see the targets).
set -eu
seeds=fuzz/seeds
forms=$(mktemp -d)
trap 'rm -rf "$forms"' EXIT
cargo run -q --example format_fixtures -- "$forms" >/dev/null
rm -rf "$seeds"
mkdir -p "$seeds/check_text" "$seeds/check_docx" "$seeds/rules" "$seeds/config"

# check_text: mode 0 = text, 1 = Markdown, 2 = HTML; 4 = text read as GB18030,
# 8 = UTF-16LE (forced).
with_mode() { printf "\\$(printf '%03o' "$1")"; cat "$2"; }
for f in fixtures/reports/*; do
  case $f in *.md) mode=1 ;; *) mode=0 ;; esac
  with_mode $mode "$f" > "$seeds/check_text/$(basename "$f")"
done
for f in report-gbk.txt report-gb18030.txt report-utf16le.txt report-utf8bom.txt report-crlf.txt; do
  with_mode 0 "$forms/$f" > "$seeds/check_text/form-$f"
done
with_mode 2 "$forms/report.html" > "$seeds/check_text/form-report.html"
with_mode 4 "$forms/report-gb18030.txt" > "$seeds/check_text/forced-gb18030.txt"
with_mode 8 "$forms/report-utf16le.txt" > "$seeds/check_text/forced-utf16le.txt"

# check_docx: mode 2 = parts split at 0xFF (document, numbering, styles), and
# annotate; mode 3 = the whole .docx, and annotate.
parts=$(mktemp -d)
unzip -q -o "$forms/report.docx" -d "$parts"
{ printf '\002'; cat "$parts/word/document.xml"; printf '\377'; cat "$parts/word/numbering.xml";
  printf '\377'; cat "$parts/word/styles.xml"; } > "$seeds/check_docx/parts"
{ printf '\002'; cat "$parts/word/document.xml"; } > "$seeds/check_docx/document-only"
with_mode 3 "$forms/report.docx" > "$seeds/check_docx/report.docx"
rm -rf "$parts"

# rules: the embedded pack and the fixture packs, good and bad.
for f in rules/fazhi/*.yaml fixtures/rules/custom/*.yaml fixtures/rules/bad/*.yaml; do
  cp "$f" "$seeds/rules/$(echo "$f" | tr / -)"
done

# config: the broken fixture config, the configs the CI tests write, and the
# starter config `fzlint init` writes.
cp fixtures/configs/bad.yaml "$seeds/config/bad.yaml"
printf "disable: ['topic-*']\nexclude: ['*.draft.txt']\nseverity:\n  two-digit-year: error\noverrides:\n  - files: ['reports/county/**']\n    disable: [placeholder]\n" > "$seeds/config/overrides.yaml"
printf "disable: [part-ordr]\noverrides:\n  - files: ['a/**']\n    severty: {title-form: info}\n" > "$seeds/config/unknown-field.yaml"
printf "disable: [placeholder, topic-legal-advisers]\nenable: [topic-law-study]\nfail_level: warning\nextensions: [md, .TXT]\ninclude: ['reports/**']\nbaseline: .fzlint-baseline.json\nrules: [rules/province]\nno_default_rules: false\n" > "$seeds/config/all-keys.yaml"
init=$(mktemp -d)
(cd "$init" && cargo run -q --manifest-path "$OLDPWD/Cargo.toml" -- init >/dev/null)
cp "$init/.fzlint.yaml" "$seeds/config/init.yaml"
rm -rf "$init"
