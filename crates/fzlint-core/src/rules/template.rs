//! Message templates: a rule's `message` with `{match}`, `{missing}` and
//! `{right}` placeholders, parsed when the rule is loaded so an unknown or
//! inapplicable placeholder is a rule error, not a surprise in the output.

/// A placeholder in a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// The matched text (`forbid`, `substitute`).
    Match,
    /// The names of the missing items (`require-all`).
    Missing,
    /// The right form (`substitute`).
    Right,
}

impl Placeholder {
    /// The name as written between braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Match => "match",
            Placeholder::Missing => "missing",
            Placeholder::Right => "right",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(Placeholder),
}

/// A parsed message template. `{{` and `}}` stand for literal braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

/// Values for the placeholders of one finding.
#[derive(Debug, Clone, Copy, Default)]
pub struct Values<'a> {
    pub matched: Option<&'a str>,
    pub missing: Option<&'a str>,
    pub right: Option<&'a str>,
}

impl<'a> Values<'a> {
    /// `{match}` and `{right}`.
    pub fn pair(matched: &'a str, right: &'a str) -> Self {
        Values {
            matched: Some(matched),
            right: Some(right),
            missing: None,
        }
    }
}

impl Template {
    /// Parses a template, accepting only the placeholders in `allowed`.
    pub fn parse(source: &str, allowed: &[Placeholder]) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        while let Some(i) = rest.find(['{', '}']) {
            text.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{") {
                text.push('{');
                rest = after;
            } else if let Some(after) = tail.strip_prefix("}}") {
                text.push('}');
                rest = after;
            } else if tail.starts_with('}') {
                return Err("消息中有多余的 `}`（字面的花括号请写成 `}}`）".to_owned());
            } else {
                let Some(close) = tail.find('}') else {
                    return Err("消息中的 `{` 没有配对的 `}`（字面的花括号请写成 `{{`）".to_owned());
                };
                let name = &tail[1..close];
                let placeholder = match name {
                    "match" => Placeholder::Match,
                    "missing" => Placeholder::Missing,
                    "right" => Placeholder::Right,
                    _ => {
                        return Err(format!(
                            "消息中有未知的占位符 `{{{name}}}`；可用的占位符为 {{match}}、{{missing}}、{{right}}"
                        ));
                    }
                };
                if !allowed.contains(&placeholder) {
                    let usable = if allowed.is_empty() {
                        "这类规则的消息不能使用占位符".to_owned()
                    } else {
                        let names: Vec<String> = allowed
                            .iter()
                            .map(|p| format!("{{{}}}", p.name()))
                            .collect();
                        format!("这类规则可用 {}", names.join("、"))
                    };
                    return Err(format!("占位符 `{{{name}}}` 不适用于这类规则；{usable}"));
                }
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(Part::Slot(placeholder));
                rest = &tail[close + 1..];
            }
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template {
            source: source.to_owned(),
            parts,
        })
    }

    /// A template that is plain text, without placeholders.
    pub fn literal(text: &str) -> Template {
        Template {
            source: text.to_owned(),
            parts: vec![Part::Text(text.to_owned())],
        }
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Fills in the placeholders. A placeholder without a value renders empty.
    pub fn render(&self, values: Values<'_>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Slot(Placeholder::Match) => out.push_str(values.matched.unwrap_or("")),
                Part::Slot(Placeholder::Missing) => out.push_str(values.missing.unwrap_or("")),
                Part::Slot(Placeholder::Right) => out.push_str(values.right.unwrap_or("")),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        let t = Template::parse(
            "“{match}”应为“{right}”",
            &[Placeholder::Match, Placeholder::Right],
        )
        .unwrap();
        let values = Values {
            matched: Some("法制宣传教育"),
            right: Some("法治宣传教育"),
            ..Values::default()
        };
        assert_eq!(t.render(values), "“法制宣传教育”应为“法治宣传教育”");
    }

    #[test]
    fn braces_can_be_escaped() {
        let t = Template::parse("{{字面}} {missing}", &[Placeholder::Missing]).unwrap();
        let values = Values {
            missing: Some("甲、乙"),
            ..Values::default()
        };
        assert_eq!(t.render(values), "{字面} 甲、乙");
    }

    #[test]
    fn unknown_unbalanced_and_inapplicable_placeholders_are_errors() {
        assert!(
            Template::parse("{matched}", &[Placeholder::Match])
                .unwrap_err()
                .contains("未知")
        );
        assert!(Template::parse("缺少 {missing", &[Placeholder::Missing]).is_err());
        assert!(Template::parse("多余 }", &[]).is_err());
        let err = Template::parse("{right}", &[Placeholder::Missing]).unwrap_err();
        assert!(err.contains("{missing}"), "{err}");
        assert!(
            Template::parse("{match}", &[])
                .unwrap_err()
                .contains("不能使用")
        );
    }
}
