//! `percentage-arithmetic`: a percentage stated beside the two figures it is
//! computed from is recomputed, and a wrong one is a finding at the stated
//! percentage, with the right figure as the replacement.
//!
//! Two forms are read, within one sentence and with the same unit on both
//! figures:
//! - a change: "由120件减少到90件，下降率25%", "从4名增长至41名，增长率925%"
//!   — (B − A) / A, or (A − B) / A for a decrease;
//! - a share: "共受理80件，其中调解结案12件，占15%" — B / A.
//!
//! A stated figure is right when it is within one unit of its last decimal
//! place of the exact value (so 14%, 14.3% and 14.29% all pass for 1/7), which
//! tolerates rounding and truncation but not a wrong base.

use super::Spec;
use crate::rules::template::Placeholder::{Match, Right};
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::super::{ScopeRegions, correction};
use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Rule;

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "percentage-arithmetic",
    summary: "a percentage change or share stated beside its two figures is right",
    needs: &[],
    allows: &[],
    placeholders: &[Match, Right],
    needs_sections: false,
};

/// A number as reports write it: `41`, `1,946`, `7.6`.
const NUMBER: &str = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?";
/// Units counted in reports.
const UNIT: &str = r"(?:万|亿|千)?(?:元|件|名|人次|人|家|项|个|户|次|天|个工作日|工作日|份|条|场|所|座|宗|起|批|台|辆|亩|公顷|平方米|公里|小时|部|篇|期|类|块|栋|间)";

static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:由|从)\s*(?P<a>{NUMBER})\s*(?P<ua>{UNIT})?\s*(?P<verb>增长|增加|提高|提升|上升|扩大|增|减少|下降|降低|压减|压缩|缩减|减|降)(?:到|至|为)\s*(?P<b>{NUMBER})\s*(?P<ub>{UNIT})?[，,、；;\s]*(?:同比|比上年|较上年)?\s*(?:增长率|增幅|增长|增加|提高|提升|上升|下降率|降幅|下降|降低|减少|压减率|压缩率|压减|压缩|减幅|缩减)了?\s*(?:达到?|为|约|近)?\s*(?P<c>{NUMBER})\s*(?P<pct>[%％])"
    ))
    .expect("constant regex")
});

static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:共|合计|总计|累计)[^。；;，,0-9０-９]{{0,16}}?(?P<a>{NUMBER})\s*(?P<ua>{UNIT})[，,、]?\s*其中[^。；;0-9０-９]{{0,20}}?(?P<b>{NUMBER})\s*(?P<ub>{UNIT})[^。；;0-9０-９%％]{{0,12}}?(?:占比|占)(?:总数|全部|总量|比例|比重)?的?\s*(?:达到?|为|约)?\s*(?P<c>{NUMBER})\s*(?P<pct>[%％])"
    ))
    .expect("constant regex")
});

/// Compiles the check's regexes (see [`super::Builtin::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&CHANGE);
    LazyLock::force(&SHARE);
}

pub(super) fn check(rule: &Rule, document: &Document, scope: &ScopeRegions) -> Vec<Finding> {
    let text = document.text();
    // Both forms end with a percent sign (a search for one `char` is a
    // memchr; for a set of them, a walk through every character).
    if !text.contains('%') && !text.contains('％') {
        return Vec::new();
    }
    let changes = CHANGE.captures_iter(text).filter_map(change);
    let shares = SHARE.captures_iter(text).filter_map(share);
    let mut findings: Vec<Finding> = changes
        .chain(shares)
        .filter(|s| scope.contains(&s.span) && document.is_text(&s.span))
        .filter_map(|statement| {
            let right = statement.wrong()?;
            let matched = &text[statement.span.clone()];
            Some(correction(
                rule,
                statement.span.clone(),
                matched,
                right,
                statement.label,
            ))
        })
        .collect();
    findings.sort_by_key(|f| f.span.start);
    findings
}

/// A stated percentage and the exact value it should have.
struct Statement {
    /// The stated percentage with its sign, e.g. `1025%`.
    span: std::ops::Range<usize>,
    stated: f64,
    decimals: usize,
    exact: f64,
    percent_sign: String,
    label: String,
}

impl Statement {
    /// The right figure (formatted like the stated one), if the stated one
    /// is wrong.
    fn wrong(&self) -> Option<String> {
        let unit = 10f64.powi(-(self.decimals as i32));
        if (self.stated - self.exact).abs() <= unit + 1e-9 {
            return None;
        }
        let right = format!("{:.*}", self.decimals, self.exact);
        Some(format!("{right}{}", self.percent_sign))
    }
}

fn number(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

fn decimals(s: &str) -> usize {
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

fn same_unit(caps: &Captures<'_>) -> bool {
    match (caps.name("ua"), caps.name("ub")) {
        (Some(a), Some(b)) => a.as_str() == b.as_str(),
        _ => true,
    }
}

fn statement(caps: &Captures<'_>, exact: f64, label: String) -> Option<Statement> {
    let c = caps.name("c")?;
    let pct = caps.name("pct")?;
    Some(Statement {
        span: c.start()..pct.end(),
        stated: number(c.as_str())?,
        decimals: decimals(c.as_str()),
        exact,
        percent_sign: pct.as_str().to_owned(),
        label,
    })
}

fn change(caps: Captures<'_>) -> Option<Statement> {
    let a = number(caps.name("a")?.as_str())?;
    let b = number(caps.name("b")?.as_str())?;
    let verb = caps.name("verb")?.as_str();
    if a <= 0.0 || !same_unit(&caps) {
        return None;
    }
    let decrease = ["减少", "下降", "降低", "压减", "压缩", "缩减", "减", "降"].contains(&verb);
    // A decrease that grew, or an increase that shrank, is not a simple
    // change statement; leave it alone.
    if (decrease && b > a) || (!decrease && b < a) {
        return None;
    }
    let exact = if decrease {
        (a - b) / a * 100.0
    } else {
        (b - a) / a * 100.0
    };
    let (a_text, b_text) = (caps.name("a")?.as_str(), caps.name("b")?.as_str());
    let label = format!(
        "由{a_text}到{b_text}，{}为{:.1}%",
        if decrease { "降幅" } else { "增幅" },
        exact
    );
    statement(&caps, exact, label)
}

fn share(caps: Captures<'_>) -> Option<Statement> {
    let a = number(caps.name("a")?.as_str())?;
    let b = number(caps.name("b")?.as_str())?;
    if a <= 0.0 || b > a || !same_unit(&caps) {
        return None;
    }
    let exact = b / a * 100.0;
    let (a_text, b_text) = (caps.name("a")?.as_str(), caps.name("b")?.as_str());
    let label = format!("{b_text} ÷ {a_text} = {exact:.1}%");
    statement(&caps, exact, label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrong(text: &str) -> Vec<String> {
        CHANGE
            .captures_iter(text)
            .filter_map(change)
            .chain(SHARE.captures_iter(text).filter_map(share))
            .filter_map(|s| s.wrong())
            .collect()
    }

    #[test]
    fn changes() {
        assert_eq!(wrong("将从4名增长至41名，增长率1025%。"), vec!["925%"]);
        assert_eq!(wrong("由120件减少到90件，下降率30%。"), vec!["25%"]);
        assert!(wrong("由64项压减至48项，压减率25%。").is_empty());
        assert!(wrong("从200万元增加到230万元，增长15%。").is_empty());
        assert!(wrong("由7件增加到8件，增长14.3%。").is_empty());
        assert!(wrong("由7件增加到8件，增长14%。").is_empty());
        assert_eq!(wrong("由7件增加到8件，增长12.3%。"), vec!["14.3%"]);
        assert!(wrong("由1,200家增加到1,500家，增幅25％。").is_empty());
    }

    #[test]
    fn shares() {
        assert_eq!(
            wrong("共受理复议申请80件，其中调解结案12件，占比20%。"),
            vec!["15%"]
        );
        assert!(wrong("共办理诉讼案件45件，其中胜诉38件，占84.4%。").is_empty());
    }

    #[test]
    fn statements_that_are_not_simple_are_left_alone() {
        // Different units, a base of zero, a "decrease" that grew.
        assert!(wrong("由5名增加到40件，增长率800%。").is_empty());
        assert!(wrong("从0件增加到3件，增长300%。").is_empty());
        assert!(wrong("由5件减少到9件，下降率20%。").is_empty());
        // The figures are in different sentences.
        assert!(wrong("共受理80件。其中调解12件，占比20%。").is_empty());
    }
}
