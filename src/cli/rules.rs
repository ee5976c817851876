//! `fzlint rules …`: list, test and explain rules.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use fzlint::output::termcolor::WriteColor;
use fzlint::output::{human, json, markdown, words};
use fzlint::packs;
use fzlint_core::engine::RuleSet;
use fzlint_core::pack_test::{self, Fixture};
use fzlint_core::rules::Rule;

use super::{ColorArg, ColorWhen, ConfigArgs, EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, RuleArgs};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 列出已加载的规则（id、类型、严重程度、标题、依据）
    List(ListArgs),
    /// 测试规则包：运行每条规则的例子，以及规则包 tests/ 目录中带标注的报告
    Test(TestArgs),
    /// 说明一条规则：标题、类型、严重程度、消息、修改建议、依据和例子
    Explain(ExplainArgs),
}

/// Output format of `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    /// 供人阅读的列表
    Human,
    /// JSON
    Json,
    /// Markdown 表格（README 中的规则表由此生成）
    Markdown,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    color: ColorArg,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// 要测试的规则包目录（或规则文件）；不给则测试内置规则包
    #[arg(value_name = "DIR")]
    packs: Vec<PathBuf>,
    #[command(flatten)]
    color: ColorArg,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 规则 id
    id: String,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    color: ColorArg,
}

pub fn run(command: RulesCommand) -> io::Result<u8> {
    match command {
        RulesCommand::List(args) => list(args),
        RulesCommand::Test(args) => test(args),
        RulesCommand::Explain(args) => explain(args),
    }
}

/// The rules a run would load (config packs included), after checking the
/// whole config.
fn loaded(config: &ConfigArgs, rules: &RuleArgs, color: ColorWhen) -> io::Result<Option<RuleSet>> {
    let input = super::InputArgs {
        encoding: None,
        max_file_size: None,
    };
    Ok(super::prepare(config, rules, &input, color)?.map(fzlint::report::Linter::into_rules))
}

fn list(args: ListArgs) -> io::Result<u8> {
    let color = args.color.color;
    let Some(rules) = loaded(&args.config, &args.rules, color)? else {
        return Ok(EXIT_TROUBLE);
    };
    match args.format {
        ListFormat::Human => {
            let mut out = super::stdout(color);
            human::write_rules(&mut out, rules.rules(), rules.provenance())?;
            out.flush()?;
        }
        ListFormat::Json => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            json::write_rules(&mut out, &rules)?;
            out.flush()?;
        }
        ListFormat::Markdown => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            markdown::write_rules(&mut out, rules.rules())?;
            out.flush()?;
        }
    }
    Ok(EXIT_CLEAN)
}

fn test(args: TestArgs) -> io::Result<u8> {
    let color = args.color.color;
    let (sources, fixtures): (Vec<_>, Vec<Fixture>) = if args.packs.is_empty() {
        (packs::default_pack(), packs::default_pack_tests())
    } else {
        let mut sources = Vec::new();
        let mut fixtures = Vec::new();
        let mut errors = Vec::new();
        for pack in &args.packs {
            match packs::read_pack(pack) {
                Ok(pack_sources) => sources.extend(pack_sources),
                Err(e) => errors.extend(e.0),
            }
            match packs::read_pack_tests(pack) {
                Ok(pack_fixtures) => fixtures.extend(pack_fixtures),
                Err(e) => errors.extend(e.0),
            }
        }
        if !errors.is_empty() {
            super::report_errors(&fzlint_core::error::RuleErrors(errors), color, "规则包")?;
            return Ok(EXIT_TROUBLE);
        }
        (sources, fixtures)
    };
    let rules = match RuleSet::load(&sources) {
        Ok(rules) => rules,
        Err(errors) => {
            super::report_errors(&errors, color, "规则文件")?;
            return Ok(EXIT_TROUBLE);
        }
    };
    let results = pack_test::run(&fzlint_core::engine::Engine::new(rules), &fixtures);
    let mut out = super::stdout(color);
    let tested = results
        .iter()
        .filter(|(_, r)| r.examples + r.fixtures > 0)
        .count();
    // The engine's own rule (unused suppressions) is tested with the engine.
    let untested: Vec<&str> = results
        .iter()
        .filter(|(id, r)| {
            r.examples + r.fixtures == 0 && id != fzlint_core::rules::UNUSED_SUPPRESSION
        })
        .map(|(id, _)| id.as_str())
        .collect();
    if tested == 0 {
        // Nothing was tested: that is no pass.
        writeln!(
            out,
            "没有测试任何东西：规则包中没有规则带例子（examples 的 pass 和 fail），也没有测试报告（tests/ 中标注了预期问题的报告）{}。",
            if untested.is_empty() {
                String::new()
            } else {
                format!("；没有例子的规则：{}", untested.join("、"))
            }
        )?;
        out.flush()?;
        return Ok(EXIT_FINDINGS);
    }
    let width = results.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    // Header cells are Chinese (two columns per character): pad by hand.
    writeln!(
        out,
        "规则{}  {:>5}  {:>5}  结果",
        " ".repeat(width.saturating_sub(4)),
        "例子",
        "测试文件"
    )?;
    let mut failed = 0;
    for (id, result) in &results {
        // Rules without examples or fixtures (the engine's own) are not listed.
        if result.examples + result.fixtures == 0 {
            continue;
        }
        let verdict = if result.ok() { "通过" } else { "失败" };
        writeln!(
            out,
            "{id:<width$}  {:>7}  {:>9}  {verdict}",
            format!("{}/{}", result.examples_passed, result.examples),
            format!("{}/{}", result.fixtures_passed, result.fixtures),
        )?;
        if !result.ok() {
            failed += 1;
            for failure in &result.failures {
                writeln!(out, "{:width$}  - {failure}", "")?;
            }
        }
    }
    writeln!(
        out,
        "{tested} 条规则，{} 个测试文件：{}",
        fixtures.len(),
        if failed == 0 {
            "全部通过。".to_owned()
        } else {
            format!("{failed} 条规则未通过。")
        }
    )?;
    if !untested.is_empty() {
        writeln!(
            out,
            "另有 {} 条规则没有例子，未测试：{}",
            untested.len(),
            untested.join("、")
        )?;
    }
    out.flush()?;
    Ok(if failed == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn explain(args: ExplainArgs) -> io::Result<u8> {
    let color = args.color.color;
    let Some(rules) = loaded(&args.config, &args.rules, color)? else {
        return Ok(EXIT_TROUBLE);
    };
    let Some(rule) = rules.get(&args.id) else {
        let close = rules.similar_ids(&args.id);
        let hint = if close.is_empty() {
            "用 `fzlint rules list` 查看所有规则".to_owned()
        } else {
            format!("是不是 `{}`？", close.join("`、`"))
        };
        human::write_input_error_text(
            &mut super::stderr(color),
            &format!("没有 id 为 `{}` 的规则；{hint}", args.id),
        )?;
        return Ok(EXIT_TROUBLE);
    };
    let mut out = super::stdout(color);
    write_explanation(&mut out, rule)?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn write_explanation(out: &mut dyn WriteColor, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{}  {}", rule.id, rule.title)?;
    writeln!(out)?;
    let kind = match rule.builtin() {
        Some(check) => format!("builtin（{check}）"),
        None => rule.kind().as_str().to_owned(),
    };
    writeln!(out, "类型：{kind}")?;
    if !rule.pack.is_empty() {
        match &rule.overrides {
            Some(other) => writeln!(
                out,
                "规则包：{}（替换了规则包 {other} 中的同名规则）",
                rule.pack
            )?,
            None => writeln!(out, "规则包：{}", rule.pack)?,
        }
    }
    writeln!(out, "严重程度：{}", rule.severity)?;
    writeln!(out, "范围：{}", rule.scope.describe())?;
    writeln!(out, "消息：{}", rule.message.as_str())?;
    if let Some(help) = rule.generic_help() {
        writeln!(out, "建议：{help}")?;
        if Some(&help) != rule.help.as_ref() {
            writeln!(
                out,
                "（每条问题的建议写明该报告年度适用的文件，取自文件表）"
            )?;
        }
    }
    if let Some(basis) = rule.full_basis() {
        writeln!(out, "依据：{basis}")?;
    }
    if let Some(years) = words::report_years(rule) {
        writeln!(out, "适用的报告年度：{years}")?;
    }
    if let Some(column) = &rule.audit {
        writeln!(out, "审计列：{column}（fzlint audit 矩阵中的一列）")?;
    }
    writeln!(out, "定义于：{}", rule.origin)?;
    write_documents(out, rule)?;
    for (label, texts) in [
        ("不报告的例子", &rule.examples.pass),
        ("报告的例子", &rule.examples.fail),
    ] {
        if texts.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{label}：")?;
        for text in texts {
            writeln!(out, "  {}", text.replace('\n', "\n  "))?;
        }
    }
    Ok(())
}

/// The entries of the packs' tables of documents the rule uses, each with
/// the report years it applies to: what decides its basis and help for a
/// report of a given year.
fn write_documents(out: &mut dyn WriteColor, rule: &Rule) -> io::Result<()> {
    if rule.documents.used.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    if rule.documents.by_year() {
        writeln!(
            out,
            "用到的文件（文件表；每条问题的依据和建议只取适用于该报告年度的文件）："
        )?;
    } else {
        writeln!(out, "用到的文件（文件表）：")?;
    }
    for document in &rule.documents.used {
        let years = match document.reports {
            None => "各年度".to_owned(),
            Some(r) if r.to.is_none() => format!("{}年度起", r.from),
            Some(r) => format!("{}年度", r.describe()),
        };
        writeln!(out, "  {}  [{}]", document.cite(), document.id)?;
        let mut facts = vec![format!("适用于{years}的报告")];
        if let Some(series) = &document.series {
            facts.push(format!("系列 {series}"));
        }
        if let Some(note) = &document.note {
            facts.push(note.clone());
        }
        writeln!(out, "    {}", facts.join("；"))?;
    }
    Ok(())
}
