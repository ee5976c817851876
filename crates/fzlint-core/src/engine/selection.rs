//! Which rules run on a report, and at what severity: a config's
//! `disable`/`enable`/`severity` resolved for one file.

use crate::engine::RuleSet;
use crate::finding::Severity;

/// Which rules run on a document, and at what severity (a config's
/// `disable`/`enable`/`severity` resolved for one file).
#[derive(Debug, Clone)]
pub struct Selection {
    enabled: Vec<bool>,
    severity: Vec<Option<Severity>>,
}

impl Selection {
    /// Every rule, at its own severity.
    pub fn all(rules: &RuleSet) -> Selection {
        Selection {
            enabled: vec![true; rules.rules().len()],
            severity: vec![None; rules.rules().len()],
        }
    }

    /// Whether the rule at `index` runs.
    pub fn enabled(&self, index: usize) -> bool {
        self.enabled.get(index).copied().unwrap_or(false)
    }

    /// The severity the rule at `index` is set to, if overridden.
    pub fn severity(&self, index: usize) -> Option<Severity> {
        self.severity.get(index).copied().flatten()
    }

    /// Turns the rule at `index` on or off.
    pub fn set_enabled(&mut self, index: usize, on: bool) {
        if let Some(slot) = self.enabled.get_mut(index) {
            *slot = on;
        }
    }

    /// Overrides the severity of the rule at `index`.
    pub fn set_severity(&mut self, index: usize, severity: Severity) {
        if let Some(slot) = self.severity.get_mut(index) {
            *slot = Some(severity);
        }
    }
}
