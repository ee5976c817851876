//! The config `fzlint init` writes: every key, commented out and explained.

/// A starter configuration with every key explained.
pub const STARTER: &str = r#"# 这是 fzlint 的配置文件。fzlint 从当前目录向上查找 .fzlint.yaml；
# 文件中的路径和 glob 都相对于本文件所在目录。
# 编辑器补全：用 `fzlint schema config > fzlint-config.schema.json` 生成 JSON Schema，
# 并在文件第一行写 # yaml-language-server: $schema=fzlint-config.schema.json

# 额外的规则包（目录或单个规则文件），与内置规则包一起加载：
# rules:
#   - rules/province

# 不加载内置规则包：
# no_default_rules: true

# 停用规则（规则 id 或 glob），enable 可重新启用其中的一部分：
# disable:
#   - part-order
#   - topic-*
# enable:
#   - topic-law-study

# 改变严重程度（error、warning、info）：
# severity:
#   other-matters-section: warning

# 从哪一级起检查失败（退出状态 1）：error（默认）、warning、info、never
# fail_level: error

# 遍历目录时检查哪些文件（glob 不含 / 时匹配任意层级）：
# extensions: [md, markdown, txt, docx, html, htm]
# include:
#   - reports/**
# exclude:
#   - drafts/**

# 基线：只报告基线中没有的问题（用 `fzlint baseline` 生成）：
# baseline: .fzlint-baseline.json

# 对部分文件另行设置：
# overrides:
#   - files: ["counties/**"]
#     disable: [topic-emergency-response]
#     severity:
#       title-form: info
"#;
