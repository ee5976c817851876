//! What a parser's English message means, in Chinese, for the people who
//! write rule files, configs and baselines: "unknown field `disabel`,
//! expected one of …" becomes 未知的键 `disabel`；这里可用的键：…. The
//! messages come from the YAML reader (granit-parser's syntax errors, this
//! crate's deserialiser) and from serde (serde_json for baselines); a
//! message not known here is left as it is.

/// The Chinese explanation of a parser's message, if it is one we know.
pub fn explain(message: &str) -> Option<String> {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = split_name(rest)?;
        let expected = expected
            .strip_prefix(", expected one of ")
            .or_else(|| expected.strip_prefix(", expected "));
        return Some(match expected {
            Some(list) => {
                // The key meant, when one is a letter or two away.
                let typed = name.trim_matches('`');
                let close = names(list)
                    .split('、')
                    .filter(|known| strsim::levenshtein(typed, known) <= 2.min(known.len() / 3 + 1))
                    .map(|known| format!("`{known}`"))
                    .collect::<Vec<_>>();
                let hint = if close.is_empty() {
                    String::new()
                } else {
                    format!("是不是 {}？", close.join("、"))
                };
                format!("未知的键 {name}；{hint}这里可用的键：{}", names(list))
            }
            None => format!("未知的键 {name}；这里不能有键"),
        });
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, expected) = split_name(rest)?;
        let list = expected
            .strip_prefix(", expected one of ")
            .or_else(|| expected.strip_prefix(", expected "))?;
        return Some(format!("未知的取值 {name}；可用的取值：{}", names(list)));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return Some(format!("缺少必需的键 {rest}"));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return Some(format!("键 {rest} 写了两次"));
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest);
        return Some(format!("键 `{key}` 写了两次"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "类型不对：这里是{}，应为{}",
            found_words(found),
            expected_words(expected)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "取值不对：这里是{}，应为{}",
            found_words(found),
            expected_words(expected)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid ") {
        let what = match rest {
            "u8" | "u16" | "u32" | "u64" | "usize" => "不小于 0 的整数",
            "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
            "boolean" => "true 或 false",
            "floating point" => "数字",
            "!!binary base64" => "有效的 base64 内容（!!binary）",
            "trailing content after single-quoted scalar" => {
                return Some("引号闭合之后还有多余的内容；整个值请写在引号里".to_owned());
            }
            _ => return None,
        };
        return Some(format!("这里应为{what}"));
    }
    if let Some(rest) = message.strip_prefix("unsupported tag ") {
        return Some(format!("不支持的标签 {rest}；去掉它，值按原样书写"));
    }
    if message.starts_with("non-finite float") {
        return Some("不接受无穷大或非数（.inf、.nan）".to_owned());
    }
    if message.starts_with("unexpected EOF while parsing") {
        return Some("文件意外结束：括号没有闭合，或最后一个键的值没有写完".to_owned());
    }
    if message.starts_with("multiple YAML documents") {
        return Some("文件中有多个 YAML 文档（用 --- 或 ... 分开）；只能有一个".to_owned());
    }
    if message.starts_with("cannot deserialize null") {
        return Some("这里应为字符串，不能为空（~ 或 null）".to_owned());
    }
    if message.starts_with("cannot deserialize tagged scalar") {
        return Some("这里应为字符串，不能带 !! 标签".to_owned());
    }
    if message.starts_with("while parsing a quoted scalar") {
        return Some(
            "双引号中的转义写法不对（\\ 后面跟了不能识别的字符）；不需要转义时请改用单引号"
                .to_owned(),
        );
    }
    if message.starts_with("unexpected character") {
        return Some("这个字符不能出现在值的开头；以 %、@、` 等开头的值请加引号".to_owned());
    }
    let words = match message {
        "expected string scalar" => "这里应为一个字符串",
        "expected mapping start" => "这里应为映射（每行“键: 值”）",
        "expected sequence start" => "这里应为列表（每行“- 项”，或 [项, 项]）",
        "mapping values are not allowed in this context" => {
            "这里不能出现“键: 值”：可能是缩进不对，或值中有“: ”（请给这个值加引号）"
        }
        "block sequence entries are not allowed in this context" => {
            "这里不能出现列表项“- ”：可能是缩进不对，或值以“- ”开头（请加引号）"
        }
        "mapping keys are not allowed in this context" => {
            "这里不能出现“? 键”：可能是缩进不对，或值以“? ”开头（请加引号）"
        }
        "while parsing a block mapping, did not find expected key" => {
            "缩进不对：这一行的缩进与同一层的键不一致"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "缩进不对：列表的每一项应以“- ”开头，并与上一项对齐"
        }
        "while parsing a tag, did not find expected tag URI" => "标签（!…）的写法不对",
        "the handle wasn't declared" => "标签前缀（!名字!）没有声明",
        "unclosed bracket '['" => "缺少与 [ 配对的 ]",
        "unclosed bracket '{'" => "缺少与 { 配对的 }",
        "misplaced bracket" => "括号位置不对：多了一个 ] 或 }",
        "unclosed quote" => "引号没有闭合",
        "unexpected end of input" => "文件意外结束：没有任何内容",
        "simple key expected ':'" => "键后面缺少冒号“:”",
        "alias references unknown anchor" => "别名（*名字）引用了没有定义的锚点（&名字）",
        "YAML merge value must be mapping or sequence of mappings" => {
            "合并键 << 的值应为映射，或映射的列表"
        }
        _ => return None,
    };
    Some(words.to_owned())
}

/// `` `name`, rest `` → (`` `name` ``, `, rest`).
fn split_name(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('`')?;
    let end = inner.find('`')? + 2;
    Some((&text[..end], &text[end..]))
}

/// `a, b, c`, `` `a` or `b` `` → a、b、c.
fn names(list: &str) -> String {
    list.split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|name| name.trim().trim_matches('`'))
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// What serde says it found.
fn found_words(found: &str) -> String {
    let (kind, value) = match found.split_once(' ') {
        Some((kind, value)) if kind != "unit" && kind != "floating" => (kind, Some(value)),
        _ => (found, None),
    };
    let kind = match kind {
        "boolean" => "布尔值",
        "integer" => "整数",
        "string" => "字符串",
        "char" => "字符",
        "sequence" => "列表",
        "map" => "映射",
        "unit value" | "null" => "空值",
        "floating point" => "数字",
        _ if found.starts_with("floating point") => {
            return format!("数字 {}", found.trim_start_matches("floating point").trim());
        }
        _ => return found.to_owned(),
    };
    match value {
        Some(value) => format!("{kind} {value}"),
        None => kind.to_owned(),
    }
}

/// What serde says was expected.
fn expected_words(expected: &str) -> String {
    if let Some(rest) = expected.strip_prefix("a pattern: ") {
        return format!("一个模式：{}", expected_words(rest));
    }
    match expected {
        "a string" | "string" => "字符串".to_owned(),
        "a sequence" | "sequence" => "列表".to_owned(),
        "a map" | "map" => "映射（键: 值）".to_owned(),
        "a boolean" | "bool" => "true 或 false".to_owned(),
        "i32" | "u32" | "u8" | "integer" | "an integer" => "整数".to_owned(),
        _ if expected.starts_with("struct ") => "映射（键: 值）".to_owned(),
        _ if expected.starts_with("a span-aware") => "列表".to_owned(),
        _ => expected
            .replace("a string, or a mapping", "字符串，或映射")
            .replace(", or a mapping", "，或映射")
            .replace(" or a mapping", "，或映射")
            .replace("`, `", "`、`")
            .replace("`, or ", "`，或 "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messages_authors_meet_most() {
        assert_eq!(
            explain("unknown field `disabel`, expected one of rules, no_default_rules, disable")
                .as_deref(),
            Some(
                "未知的键 `disabel`；是不是 `disable`？这里可用的键：rules、no_default_rules、disable"
            )
        );
        assert_eq!(
            explain("unknown field `pattern`, expected one of id, patterns, items").as_deref(),
            Some("未知的键 `pattern`；是不是 `patterns`？这里可用的键：id、patterns、items")
        );
        assert_eq!(
            explain("unknown field `x`, expected `version` or `findings`").as_deref(),
            Some("未知的键 `x`；这里可用的键：version、findings")
        );
        assert_eq!(
            explain("missing field `rules`").as_deref(),
            Some("缺少必需的键 `rules`")
        );
        assert_eq!(
            explain("invalid type: boolean `true`, expected a string").as_deref(),
            Some("类型不对：这里是布尔值 `true`，应为字符串")
        );
        assert_eq!(
            explain("invalid type: sequence, expected a map").as_deref(),
            Some("类型不对：这里是列表，应为映射（键: 值）")
        );
        assert_eq!(
            explain("invalid u8").as_deref(),
            Some("这里应为不小于 0 的整数")
        );
        assert!(explain("mapping values are not allowed in this context").is_some());
        assert_eq!(explain("something new"), None);
    }
}
