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
mkdir -p "$seeds/check_text" "$seeds/check_html" "$seeds/check_docx" "$seeds/audit" "$seeds/rules" "$seeds/config"

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

# check_docx, hostile: a list with all nine levels (ilvl 0–8), each in a
# number format of its own starting at 4000000000, levels beyond 8 and at
# u64::MAX, every level's start overridden to u32::MAX in a second list,
# and a level redefined in an override.
{ printf '\002<w:document %s><w:body>' "$W"
  for l in 0 1 2 3 4 5 6 7 8; do
    numbered $l 4 "第$((l + 1))级"; numbered $l 5 "覆盖第$((l + 1))级"
  done
  numbered 9 4 第十级; numbered 18446744073709551615 4 层级过大; numbered 300000000 5 层级过大
  numbered 0 4 回到第一级
  printf '</w:body></w:document>\377<w:numbering %s><w:abstractNum w:abstractNumId="4">' "$W"
  l=0
  for format in upperLetter lowerRoman chineseCounting decimalEnclosedCircle ideographTraditional cardinalText decimalZero bullet none; do
    text=''; i=1
    while [ $i -le $((l + 1)) ]; do text="$text%$i."; i=$((i + 1)); done
    printf '<w:lvl w:ilvl="%s"><w:start w:val="4000000000"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl>' $l $format "$text"
    l=$((l + 1))
  done
  printf '<w:lvl w:ilvl="18446744073709551615"><w:start w:val="4294967295"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%%1%%9"/></w:lvl>'
  printf '<w:lvl w:ilvl="300000000"><w:start w:val="4000000000"/><w:lvlText w:val="%%9"/></w:lvl></w:abstractNum>'
  printf '<w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num><w:num w:numId="5"><w:abstractNumId w:val="4"/>'
  for l in 0 1 2 3 4 5 6 7 8 300000000 18446744073709551615; do
    printf '<w:lvlOverride w:ilvl="%s"><w:startOverride w:val="4294967295"/></w:lvlOverride>' $l
  done
  printf '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%%1)"/></w:lvl></w:lvlOverride>'
  printf '</w:num></w:numbering>'
} > "$seeds/check_docx/numbering-nine-levels"
# Tables in tables, 200 deep.
{ printf '\000<w:document %s><w:body>' "$W"
  i=1
  while [ $i -le 200 ]; do
    printf '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>第%d层表格</w:t></w:r></w:p>' $i
    i=$((i + 1))
  done
  printf '<w:p><w:r><w:t>最里层的单元格</w:t></w:r></w:p>'
  i=1
  while [ $i -le 200 ]; do printf '</w:tc></w:tr></w:tbl><w:p/>'; i=$((i + 1)); done
  printf '</w:body></w:document>'
} > "$seeds/check_docx/nested-tables"
# Tables and text boxes in each other, 150 deep, numbered paragraphs in
# them, and annotate.
{ printf '\002<w:document %s><w:body>' "$W"
  i=1
  while [ $i -le 150 ]; do
    printf '<w:tbl><w:tr><w:tc>'
    numbered $((i % 9)) 1 "第${i}层"
    printf '<w:p><w:r><w:pict><w:txbxContent>'
    i=$((i + 1))
  done
  printf '<w:p><w:r><w:t>最里层</w:t></w:r></w:p>'
  i=1
  while [ $i -le 150 ]; do
    printf '</w:txbxContent></w:pict></w:r></w:p></w:tc></w:tr></w:tbl>'
    i=$((i + 1))
  done
  printf '</w:body></w:document>'
} > "$seeds/check_docx/tables-in-text-boxes"
# Paragraphs in text boxes 400 deep, never closed.
{ printf '\000<w:document %s><w:body>' "$W"
  i=1
  while [ $i -le 400 ]; do
    printf '<w:p><w:r><w:t>%d</w:t></w:r><w:r><w:pict><w:txbxContent>' $i
    i=$((i + 1))
  done
} > "$seeds/check_docx/unclosed-text-boxes"

# check_html: mode 1 = the page as is; other modes build a page from the
# bytes (bits 1–2 the encoding, 3–4 the <meta charset>, 5–6 a forced
# encoding, 7 through Engine::check; see fuzz_targets/check_html.rs).
as_page() { # head-extra file: a CMS page, one <p> per line of the file
  printf '<!DOCTYPE html><html><head>%s<title>' "$1"
  head -n 1 "$2" | tr -d '\r\n'
  printf ' - &#38376;&#25143;&#32593;&#31449;</title></head><body><div class="nav"><a href="/">&#39318;&#39029;</a></div><div id="zoom">\n'
  sed 's/&/\&amp;/g; s/</\&lt;/g; s/^/<p>/; s/$/<\/p>/' "$2"
  printf '</div><div class="footer">ICP 12345678</div></body></html>\n'
}
with_mode 1 "$forms/report.html" > "$seeds/check_html/form-report.html"
for f in fixtures/formats/report.txt fixtures/reports/outline-traps.txt fixtures/reports/compliant-city-bureau.txt; do
  { printf '\001'; as_page '<meta charset="utf-8">' "$f"; } > "$seeds/check_html/page-$(basename "$f" .txt)"
done
{ printf '\001'; as_page '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' "$forms/report-gb18030.txt"; } > "$seeds/check_html/page-gb18030"
{ printf '\001'; as_page '' "$forms/report-gb18030.txt"; } > "$seeds/check_html/page-gb18030-no-meta"
{ printf '\001'; as_page '<meta charset="utf-8">' "$forms/report-gb18030.txt"; } > "$seeds/check_html/page-gb18030-meta-says-utf8"
repeat() { # count text
  i=0
  while [ $i -lt "$1" ]; do printf '%s' "$2"; i=$((i + 1)); done
}
nested() { # count open close: the report nested `count` deep
  printf '\001<html><body><div id="zoom">'
  repeat "$1" "$2"
  sed 's/^/<p>/; s/$/<\/p>/' fixtures/formats/report.txt
  repeat "$1" "$3"
  printf '</div></body></html>'
}
nested 4990 '<div>' '</div>' > "$seeds/check_html/divs-4990-deep"
nested 5001 '<div>' '</div>' > "$seeds/check_html/divs-5001-deep"
nested 1200 '<table><tr><td>' '</td></tr></table>' > "$seeds/check_html/tables-1200-deep"
nested 2000 '<span></div>' '' > "$seeds/check_html/spans-closed-as-divs"
nested 1500 '<ol><li>' '' > "$seeds/check_html/lists-unclosed"
nested 800 '<b><p>' '</b></p>' > "$seeds/check_html/misnested-bold"
{ printf '\001<html><head><meta charset="utf-8"><title>'
  head -n 1 fixtures/formats/report.txt | tr -d '\n'
  printf '</title><style>p{margin:0}</style><script>document.write("<p>");</script></head><body><div id="zoom">'
  printf '<h1>%s</h1>' "$(head -n 1 fixtures/formats/report.txt)"
  printf '<p>&nbsp;&nbsp;&emsp;&#12288;&#x3000;&#0;&#x110000;&#xD800;&#128;&#99999999999;&#;&#x;&notit;&NotAnEntity;&amp&lt&copy;&#65</p>'
  printf '<!-- 注释 --><!---->\n<!-->\n<![CDATA[ 一、CDATA 里的字 <p>段</p> ]]><noscript>二、脚本里的字</noscript><template><p>三、模板里的字</p></template><br/></br>'
  sed -n '2,$p' fixtures/formats/report.txt | sed 's/^/<p>/; s/$/<\/p>/'
  printf '<p>发布时间：2024-03-28</p><p>【打印】【关闭】</p></div><div>未闭合的<span><b>标签<p>'
  printf '<!-- 未闭合的注释'
} > "$seeds/check_html/markup-soup"
# Built pages: the bytes of fixtures as the choices.
with_mode 0 fixtures/reports/outline-traps.txt > "$seeds/check_html/built-utf8"
with_mode 2 fixtures/reports/terms-wrong.txt > "$seeds/check_html/built-gb18030"
with_mode 8 fixtures/reports/arithmetic.txt > "$seeds/check_html/built-meta-right"
with_mode 18 fixtures/reports/web-debris.txt > "$seeds/check_html/built-gb18030-meta-any"
with_mode 192 fixtures/reports/placeholders-draft.md > "$seeds/check_html/built-forced-engine"

# audit: mode 1 = the raw input: bit 1 a manifest first, bits 2–7 report
# 1–6 is Markdown, then a byte for the threshold (2: 0.5, 1: 1.0, 0x80:
# 0.0, else /255), then manifest and reports separated by 0xFF. Mode 0
# builds the reports from the bytes (see fuzz_targets/audit.rs).
A=fixtures/audit
ff() { printf '\377'; }
{ printf '\001\002'; cat $A/governments/lichuan-county-2022.txt; ff
  cat $A/governments/lichuan-county-2023.txt; ff; cat $A/governments/fengzhu-district-2024.txt
} > "$seeds/audit/copied-county"
{ printf '\007\063'
  printf 'path,issuer,published\nreports/0.md,澹江市人民政府,2024-03-28\nreports/2.txt,,2024年4月8日\nwithdrawn/old-bureau-2023.txt,澹江市某局,2024-03-01\n'
  ff; cat $A/governments/danjiang-city-2023.md; ff; cat $A/governments/lichuan-county-2022.txt
  ff; cat $A/governments/lichuan-county-2023.txt; ff; cat $A/governments/fengzhu-district-2024.txt
  ff; cat $A/governments/cenling-county-2023.txt
} > "$seeds/audit/governments-with-manifest"
{ printf '\141\001'; cat $A/city-departments/transport-2023.txt; ff
  cat $A/city-departments/culture-tourism-2023.txt; ff; cat $A/city-departments/health-2022.txt
  ff; cat $A/city-departments/gov-office-2024.md; ff; cat $A/city-departments/statistics-2024.md
} > "$seeds/audit/city-departments"
{ printf '\001\200'; cat $A/governments/lichuan-county-2023.txt; ff
  cat $A/governments/lichuan-county-2023.txt; ff; cat $A/county-departments/lichuan-emergency-2024.txt
  ff; cat $A/county-departments/fengzhu-market-2022.txt
} > "$seeds/audit/same-report-twice"
with_mode 0 $A/governments/cenling-county-2023.txt > "$seeds/audit/built-cenling"
with_mode 0 fixtures/reports/arithmetic.txt > "$seeds/audit/built-arithmetic"
with_mode 0 fixtures/reports/outline-traps.txt > "$seeds/audit/built-outline-traps"

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
