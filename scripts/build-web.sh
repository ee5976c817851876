#!/usr/bin/env bash
# Builds fzlint's offline page: one self-contained file, target/web/fzlint.html,
# that checks reports in the browser with nothing uploaded.
#
#   scripts/build-web.sh
#
# 1. Compiles crates/fzlint-web to WebAssembly (wasm32-unknown-unknown, the
#    `wasm` profile: small over fast), adding the target with rustup if it
#    is missing.
# 2. Shrinks it with wasm-opt -Oz when binaryen's wasm-opt is installed
#    (Debian: apt-get install binaryen); the page works without it.
# 3. Inlines it, gzipped and base64-encoded, into crates/fzlint-web/page/
#    fzlint.html; the page inflates it with the browser's own
#    DecompressionStream. Nothing else is needed at run time: no server, no
#    network, no other file.
#
# Honours CARGO_TARGET_DIR. Prints the page's path and sizes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
target_dir=${CARGO_TARGET_DIR:-$repo/target}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown >&2
fi
cargo build --locked --quiet -p fzlint-web --lib --target wasm32-unknown-unknown --profile wasm
wasm="$target_dir/wasm32-unknown-unknown/wasm/fzlint_web.wasm"
out_dir="$target_dir/web"
mkdir -p "$out_dir"
cp "$wasm" "$out_dir/fzlint.wasm"
if command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int "$wasm" -o "$out_dir/fzlint.wasm"
fi
gzip -9 -n -c "$out_dir/fzlint.wasm" | base64 -w0 > "$out_dir/fzlint.wasm.gz.b64"
template=crates/fzlint-web/page/fzlint.html
grep -q '^__FZLINT_WASM_GZIP_BASE64__$' "$template" || {
  echo "build-web.sh: $template has no __FZLINT_WASM_GZIP_BASE64__ line" >&2
  exit 1
}
awk -v wasm="$out_dir/fzlint.wasm.gz.b64" '
  $0 == "__FZLINT_WASM_GZIP_BASE64__" { while ((getline line < wasm) > 0) print line; next }
  { print }
' "$template" > "$out_dir/fzlint.html.partial"
mv "$out_dir/fzlint.html.partial" "$out_dir/fzlint.html"
rm -f "$out_dir/fzlint.wasm.gz.b64"
size() { wc -c < "$1" | tr -d ' '; }
echo "$out_dir/fzlint.html: $(size "$out_dir/fzlint.html") bytes (wasm $(size "$out_dir/fzlint.wasm") bytes, gzipped $(gzip -9 -n -c "$out_dir/fzlint.wasm" | wc -c | tr -d ' '))"
