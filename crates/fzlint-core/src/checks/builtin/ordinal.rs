//! `commemorative-ordinal`: "第N个<纪念日>" agrees with the year: the Nth
//! 全民国家安全教育日 is in year 2015 + N, and so on (`days:` gives each day's
//! name, as a regex, and the year of the first one). The year is the last
//! year named earlier in the same sentence, else the report year.

use super::super::{ScopeRegions, correction};
use super::Day;
use super::Spec;
use crate::document::Document;
use crate::document::metadata::plain_years;
use crate::finding::Finding;
use crate::rules::Rule;
use crate::rules::template::Placeholder::{Match, Right};

/// The check, as the registry and rule files know it.
pub(super) const SPEC: Spec = Spec {
    name: "commemorative-ordinal",
    summary: "“第N个<纪念日>” agrees with the year",
    needs: &["days"],
    allows: &[],
    placeholders: &[Match, Right],
    needs_sections: false,
};

pub(super) fn check(
    rule: &Rule,
    document: &Document,
    scope: &ScopeRegions,
    days: &[Day],
) -> Vec<Finding> {
    let text = document.text();
    let report_year = document.metadata().year.as_ref().map(|y| y.value);
    let mut findings = Vec::new();
    for day in days {
        let Some(regex) = day.regex.get() else {
            continue;
        };
        for caps in regex.captures_iter(text) {
            let (Some(ordinal), Some(number)) = (caps.get_group(1), caps.get_group(2)) else {
                continue;
            };
            let (ordinal, number) = (ordinal.range(), &text[number.range()]);
            if !scope.contains(&ordinal) || !document.is_text(&ordinal) {
                continue;
            }
            let Some(n) = parse_number(number) else {
                continue;
            };
            let sentence_start = text[..ordinal.start]
                .rfind(['。', '\n', '；'])
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let year = plain_years(&text[sentence_start..ordinal.start], sentence_start)
                .last()
                .map(|y| y.value)
                .or(report_year);
            let Some(year) = year else { continue };
            let Some(expected) = (year + 1).checked_sub(day.first_year).filter(|e| *e > 0) else {
                continue;
            };
            if n == expected {
                continue;
            }
            let matched = &text[ordinal.clone()];
            let chinese = number
                .chars()
                .all(|c| !c.is_ascii_digit() && !('０'..='９').contains(&c));
            let right = matched.replacen(
                number,
                &if chinese {
                    chinese_numeral(expected)
                } else {
                    expected.to_string()
                },
                1,
            );
            let label = format!("{year}年应为{right}");
            findings.push(correction(rule, ordinal, matched, right, label));
        }
    }
    findings
}

fn parse_number(s: &str) -> Option<u32> {
    crate::document::metadata::parse_digits(s).or_else(|| {
        match crate::document::outline::chinese_number(s) {
            Some((value, len)) if len == s.len() => Some(value),
            _ => None,
        }
    })
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (up to 99).
pub(crate) fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    match tens {
        0 => DIGITS[ones].to_owned(),
        1 => format!("十{}", DIGITS[ones]),
        t if t < 10 => format!("{}十{}", DIGITS[t], DIGITS[ones]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_round_trip() {
        for n in 1..100 {
            let s = chinese_numeral(n);
            assert_eq!(parse_number(&s), Some(n), "{s}");
        }
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(21), "二十一");
        assert_eq!(parse_number("８"), Some(8));
    }
}
