//! Whether a substitution's right form, written over its match, would
//! collide with the word next to it: the check a `substitute` finding makes
//! before it carries a replacement (see [`crate::fix`] for why a safe fix
//! must be right as it stands).

use std::ops::Range;

/// Where writing `replacement` over `text[span]` would make what it adds at
/// an edge collide with the word next to the match; the neighbour's range.
///
/// When the right form begins with text the match does not have — the
/// match's first character stands later in it, as 国家安全日 stands in
/// 全民国家安全教育日 after 全民 — the fix adds that text in front, and the
/// as many characters before the match must not be a word of the same
/// shape: letters or Chinese characters beginning with the same character
/// (全面, 全国, 全市 before 国家安全日 would give 全面全民…, 全国全民…,
/// 全市全民…), or ending with the character the fix writes next to them
/// (中国 before 宪法日 would give 中国国家宪法日). Likewise at the end: when
/// the match's last character stands earlier in the right form, the as
/// many characters after the match must not end, or begin, with the last
/// character the fix writes (…日日).
/// A replacement that changes an edge character rather than adding to it
/// (做为 → 作为) is not concerned: the text next to it keeps its place.
pub(crate) fn collision(
    text: &str,
    span: &Range<usize>,
    replacement: &str,
) -> Option<Range<usize>> {
    let matched = text.get(span.clone())?;
    let (first, last) = (matched.chars().next()?, matched.chars().next_back()?);
    let right: Vec<char> = replacement.chars().collect();
    let word = |c: &char| c.is_alphanumeric();
    // Added in front: the right form's characters before the match's first.
    if let Some(added) = right.iter().position(|&c| c == first).filter(|&i| i > 0) {
        let before: Vec<(usize, char)> = text[..span.start]
            .char_indices()
            .rev()
            .take(added)
            .collect();
        if let (Some(&(start, far)), Some(&(_, near))) = (before.last(), before.first())
            && before.len() == added
            && (far == right[0] || near == right[0])
            && before.iter().all(|(_, c)| word(c))
        {
            return Some(start..span.start);
        }
    }
    // Added at the end: the right form's characters after the match's last.
    if let Some(added) = right
        .iter()
        .rposition(|&c| c == last)
        .map(|j| right.len() - 1 - j)
        .filter(|&k| k > 0)
    {
        let after: Vec<(usize, char)> = text[span.end..].char_indices().take(added).collect();
        if let (Some(&(offset, c)), Some(&(_, near))) = (after.last(), after.first())
            && after.len() == added
            && (Some(&c) == right.last() || Some(&near) == right.last())
            && after.iter().all(|(_, c)| word(c))
        {
            return Some(span.end..span.end + offset + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The neighbour `collision` names, as text.
    fn collides<'t>(text: &'t str, wrong: &str, right: &str) -> Option<&'t str> {
        let start = text.find(wrong).unwrap();
        collision(text, &(start..start + wrong.len()), right).map(|r| &text[r])
    }

    #[test]
    fn a_fix_that_adds_a_word_next_to_one_of_its_shape_collides() {
        const DAY: &str = "全民国家安全教育日";
        // Added in front: 全民 next to 全面, 全国, 全市 (same first character).
        assert_eq!(
            collides("开展全面国家安全日宣传", "国家安全日", DAY),
            Some("全面")
        );
        assert_eq!(
            collides("全国国家安全教育日", "国家安全教育日", DAY),
            Some("全国")
        );
        assert_eq!(
            collides("全市国家安全日活动", "国家安全日", DAY),
            Some("全市")
        );
        // Or ending with what the fix writes next to it: 中国国家宪法日.
        assert_eq!(collides("中国宪法日", "宪法日", "国家宪法日"), Some("中国"));
        // Not after another word, punctuation, a line start or too little text.
        assert_eq!(collides("在国家安全日开展宣传", "国家安全日", DAY), None);
        assert_eq!(collides("“4·15”国家安全日", "国家安全日", DAY), None);
        assert_eq!(collides("全，国家安全日", "国家安全日", DAY), None);
        assert_eq!(collides("面国家安全日", "国家安全日", DAY), None);
        assert_eq!(collides("国家安全日", "国家安全日", DAY), None);
        // Nothing added in front: the match already begins the right form.
        assert_eq!(collides("全面全民国家安全日", "全民国家安全日", DAY), None);
        // An edge character changed, not added: the neighbour keeps its place.
        assert_eq!(collides("把法治工作做为重点", "做为", "作为"), None);
        // Added at the end: …日 before 日.
        assert_eq!(
            collides("科技工作者日日", "科技工作者", "全国科技工作者日"),
            Some("日")
        );
        assert_eq!(
            collides("科技工作者活动", "科技工作者", "全国科技工作者日"),
            None
        );
    }
}
