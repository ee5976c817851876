//! Rebuild when the default rule pack changes: it is embedded in the binary
//! with `include_dir!`, which cargo does not otherwise know depends on the
//! files in `rules/fazhi/` (new files in particular).

fn main() {
    println!("cargo:rerun-if-changed=rules/fazhi");
}
