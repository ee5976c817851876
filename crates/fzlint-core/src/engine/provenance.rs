//! Which rules judged a report: the engine's version, the packs loaded and
//! a hash of the rule set, written into every export (the audit's CSV,
//! HTML, JSON and Markdown, from the command line and from the page) so a
//! supervisor can tell whether two verdicts came from the same rules.

use serde::Serialize;

use crate::pack::RuleSource;
use crate::rules::PackVersion;

/// The engine and the rule set of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The engine's version (the workspace's: the command line, the page
    /// and the language server are released together).
    pub version: &'static str,
    /// The packs loaded, in load order (`fazhi` first unless left out).
    pub packs: Vec<String>,
    /// FNV-1a (64 bits, 16 hex digits) over each rule file's pack and text,
    /// in load order. The file's path is left out: the same pack gives the
    /// same hash from the command line (`--rules path/to/pack`) and from
    /// the page (a folder chosen in the browser).
    pub rules_hash: String,
    /// The version and knowledge date of each pack that declares them
    /// (`pack:` in one of its files), in load order.
    pub pack_versions: Vec<PackVersion>,
}

impl Provenance {
    /// The provenance of a rule set loaded from `sources`.
    pub fn of(sources: &[RuleSource]) -> Provenance {
        let mut packs: Vec<String> = Vec::new();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for source in sources {
            if !packs.contains(&source.pack) {
                packs.push(source.pack.clone());
            }
            let bytes = source
                .pack
                .bytes()
                .chain([0])
                .chain(source.text.bytes())
                .chain([0]);
            for byte in bytes {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        Provenance {
            version: env!("CARGO_PKG_VERSION"),
            packs,
            rules_hash: format!("{hash:016x}"),
            pack_versions: Vec::new(),
        }
    }

    /// `fzlint 0.1.0 · 规则包 fazhi 2026.12.0（知识截至 2026-12-04） + province
    /// · 规则集哈希 0123456789abcdef`.
    pub fn line(&self) -> String {
        let packs: Vec<String> = self.packs.iter().map(|id| self.pack_label(id)).collect();
        format!(
            "fzlint {} · 规则包 {} · 规则集哈希 {}",
            self.version,
            packs.join(" + "),
            self.rules_hash
        )
    }

    /// `fazhi 2026.12.0（知识截至 2026-12-04）`, or the id alone for a pack
    /// that says nothing about itself.
    pub fn pack_label(&self, id: &str) -> String {
        match self.pack_versions.iter().find(|p| p.id == id) {
            Some(p) => format!("{id} {}（知识截至 {}）", p.version, p.knowledge_as_of),
            None => id.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(pack: &str, name: &str, text: &str) -> RuleSource {
        RuleSource::new(name, text.to_owned()).in_pack(pack)
    }

    #[test]
    fn the_hash_depends_on_packs_and_texts_not_on_paths() {
        let a = Provenance::of(&[source("p", "one/a.yaml", "rules: []\n")]);
        let moved = Provenance::of(&[source("p", "elsewhere/a.yaml", "rules: []\n")]);
        let edited = Provenance::of(&[source("p", "one/a.yaml", "rules: [] \n")]);
        let other_pack = Provenance::of(&[source("q", "one/a.yaml", "rules: []\n")]);
        assert_eq!(a.rules_hash, moved.rules_hash);
        assert_ne!(a.rules_hash, edited.rules_hash);
        assert_ne!(a.rules_hash, other_pack.rules_hash);
        assert_eq!(a.rules_hash.len(), 16);
        assert_eq!(a.packs, ["p"]);
    }

    #[test]
    fn packs_are_listed_once_in_load_order() {
        let p = Provenance::of(&[
            source("fazhi", "a", "x"),
            source("province", "b", "y"),
            source("fazhi", "c", "z"),
        ]);
        assert_eq!(p.packs, ["fazhi", "province"]);
        assert!(p.line().contains("规则包 fazhi + province"), "{}", p.line());
    }
}
