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

# check_docx: mode 0 = parts split at 0xFF (document, numbering, styles);
# mode 2 = the same, and annotate; mode 3 = the whole .docx, and annotate.
parts=$(mktemp -d)
unzip -q -o "$forms/report.docx" -d "$parts"
{ printf '\002'; cat "$parts/word/document.xml"; printf '\377'; cat "$parts/word/numbering.xml";
  printf '\377'; cat "$parts/word/styles.xml"; } > "$seeds/check_docx/parts"
{ printf '\002'; cat "$parts/word/document.xml"; } > "$seeds/check_docx/document-only"
with_mode 3 "$forms/report.docx" > "$seeds/check_docx/report.docx"
rm -rf "$parts"

# check_docx, hostile (see tests/support/hostile_docx.rs): numbering with
# values no real document has, text boxes in text boxes, paragraphs nested
# 300 deep in text boxes.
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
numbered() { # ilvl numId text
  printf '<w:p><w:pPr><w:numPr><w:ilvl w:val="%s"/><w:numId w:val="%s"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>' "$1" "$2" "$3"
}
{ printf '\002<w:document %s><w:body>' "$W"
  numbered 0 1 第一段; numbered 1 1 第二段; numbered 0 1 第三段; numbered 2 1 第四段
  numbered 0 2 第五段; numbered 0 2 第六段; numbered 1 3 第七段; numbered 1 3 第八段
  numbered 18446744073709551615 1 层级过大; numbered 300000000 2 层级过大; numbered -1 3 层级为负
  printf '<w:p><w:pPr><w:pStyle w:val="9"/></w:pPr><w:r><w:t>样式</w:t></w:r></w:p>'
  printf '<w:p><w:pPr><w:outlineLvl w:val="255"/></w:pPr><w:r><w:t>大纲级别过大</w:t></w:r></w:p>'
  printf '</w:body></w:document>\377<w:numbering %s>' "$W"
  printf '<w:abstractNum w:abstractNumId="0">'
  printf '<w:lvl w:ilvl="0"><w:start w:val="4000000000"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%%1."/></w:lvl>'
  printf '<w:lvl w:ilvl="1"><w:start w:val="4000000000"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%%1.%%2%%2%%2%%2%%2%%2%%2%%2"/><w:isLgl/></w:lvl>'
  printf '<w:lvl w:ilvl="2"><w:start w:val="4294967295"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%%3）"/></w:lvl>'
  printf '<w:lvl w:ilvl="18446744073709551615"><w:start w:val="1"/><w:lvlText w:val="%%9"/></w:lvl>'
  printf '<w:lvl w:ilvl="300000000"><w:start w:val="1"/><w:lvlText w:val="%%9"/></w:lvl></w:abstractNum>'
  printf '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="-5"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%%1"/></w:lvl>'
  printf '<w:lvl w:ilvl="1"><w:start w:val="99999999999999999999"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%%2"/></w:lvl></w:abstractNum>'
  printf '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
  printf '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4294967295"/></w:lvlOverride><w:lvlOverride w:ilvl="18446744073709551615"><w:startOverride w:val="4294967295"/></w:lvlOverride></w:num>'
  printf '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
  printf '\377<w:styles %s><w:style w:type="paragraph" w:styleId="9"><w:name w:val="heading 300"/><w:pPr><w:numPr><w:ilvl w:val="18446744073709551615"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="255"/></w:pPr></w:style></w:styles>' "$W"
} > "$seeds/check_docx/numbering-extreme"
textbox() { # text
  printf '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r>' "$1"
}
textbox_end() {
  printf '</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>备用</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
}
{ printf '\002<w:document %s><w:body><w:p><w:r><w:t>正文</w:t></w:r>' "$W"
  textbox 文本框; textbox 框中框; textbox 框中框中框
  textbox_end; textbox_end; textbox_end
  printf '<w:r><w:t>。</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p>'
  textbox 表格里的文本框; textbox_end
  printf '</w:p></w:tc></w:tr></w:tbl></w:body></w:document>'
} > "$seeds/check_docx/text-boxes"
{ printf '\000<w:document %s><w:body>' "$W"
  i=1
  while [ $i -le 300 ]; do
    printf '<w:p><w:r><w:t>%d</w:t></w:r><w:r><w:pict><w:txbxContent>' $i
    i=$((i + 1))
  done
  printf '<w:p><w:r><w:t>最里层</w:t></w:r></w:p>'
  i=1
  while [ $i -le 300 ]; do
    printf '</w:txbxContent></w:pict></w:r></w:p>'
    i=$((i + 1))
  done
  printf '</w:body></w:document>'
} > "$seeds/check_docx/nested-text-boxes"

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
