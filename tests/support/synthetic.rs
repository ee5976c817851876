//! Synthetic 法治政府建设年度报告 for tests and benchmarks of `fzlint audit`:
//! every report has the genre's structure and stock phrases, sentences
//! combined from invented fragments, and details of its own; some are
//! planted copies (last year's report re-submitted with a tenth of its
//! sentences changed) and templated groups (three bureaus of one place
//! filling in one template, each changing a fifth of it).
//!
//! Shared by `examples/synthetic_reports.rs` (the benchmark's corpus) and
//! `tests/audit.rs` (recall and precision of the similarity search).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

#[path = "rng.rs"]
mod rng;
use rng::Rng;

const PLACE_CHARS: &str =
    "澜沧岚溪桐梧柘榆枫杉棠蓠芩苇莲荷渚汀洲湾峪岭峰崖川泽渠沅澄清宁安平和丰庆兴隆昌盛华阳明";
const UNITS: [&str; 12] = [
    "人民政府",
    "司法局",
    "市场监督管理局",
    "交通运输局",
    "生态环境局",
    "自然资源局",
    "卫生健康委员会",
    "教育局",
    "应急管理局",
    "农业农村局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
];
/// Common characters for the details that make each report its own.
const DETAIL_CHARS: &str = "专项整治行动计划服务中心平台系统网格社区街道园区窗口热线台账清单标准规范流程机制体系队伍站点项目工程试点示范品牌基地驿站课堂讲堂书屋长廊广场公园学校医院市场企业商户农户村组楼栋";

const SUBJECTS: [&str; 12] = [
    "我们",
    "本单位",
    "领导班子",
    "法规科",
    "执法大队",
    "各科室",
    "机关党委",
    "综合执法队伍",
    "办公室",
    "政策法规处",
    "各基层站所",
    "业务部门",
];
const ACTIONS: [&str; 20] = [
    "认真组织开展",
    "扎实推进",
    "全面落实",
    "持续深化",
    "积极探索",
    "稳步实施",
    "集中开展",
    "牵头完成",
    "统筹推进",
    "深入开展",
    "不断完善",
    "着力加强",
    "严格执行",
    "常态化开展",
    "及时部署",
    "研究制定",
    "组织实施",
    "大力推行",
    "扎实做好",
    "持续推动",
];
const OBJECTS: [&str; 30] = [
    "行政执法案卷评查工作",
    "政务服务事项清理",
    "执法人员培训轮训",
    "法治宣传进社区活动",
    "信访事项依法分类处理",
    "合同审查和风险防控",
    "公平竞争审查",
    "行政许可事项梳理",
    "证明事项告知承诺制",
    "包容审慎监管",
    "执法检查计划编制",
    "安全生产专项检查",
    "重点领域专项整治",
    "矛盾纠纷排查化解",
    "基层法治阵地建设",
    "政府信息主动公开",
    "规章制度立改废",
    "干部学法考法",
    "法律顾问参与决策",
    "行政复议应诉工作",
    "跨部门联合检查",
    "涉企检查事项规范",
    "执法文书格式统一",
    "权力运行监督",
    "投诉举报快速处置",
    "网上办事流程优化",
    "典型案例评选",
    "普法志愿服务",
    "监管信息归集共享",
    "内部审批流程再造",
];
const RESULTS: [&str; 15] = [
    "全年共办理相关事项{n}件",
    "覆盖企业和群众{n}余人次",
    "发现并整改问题{n}个",
    "形成制度成果{n}项",
    "群众满意度达到{n}%",
    "办理时限压缩了{n}%",
    "累计培训{n}人次",
    "收到意见建议{n}条",
    "完成年度任务{n}项",
    "受理申请{n}件并全部办结",
    "印发工作文件{n}份",
    "开展活动{n}场次",
    "挽回经济损失{n}万元",
    "检查经营主体{n}户",
    "制发文书{n}份",
];
const STOCK_INTRO: [&str; 3] = [
    "以习近平法治思想为指导，深入学习贯彻党的二十大精神，扎实推进法治政府建设各项工作。现将有关情况报告如下。",
    "在上级党委政府的坚强领导下，认真落实法治政府建设实施纲要，依法行政水平不断提升。现将有关情况报告如下。",
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实中央和省市关于法治政府建设的决策部署。现将有关情况报告如下。",
];
const CORE_SENTENCES: [&str; 6] = [
    "严格落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。",
    "行政规范性文件和重大行政决策均经合法性审核，做到应审必审。",
    "落实“谁执法谁普法”普法责任制，制定年度普法责任清单。",
    "主要负责同志切实履行推进法治建设第一责任人职责，年终述职述法。",
    "聘请常年法律顾问，参与重大事项论证和合同审查。",
    "领导班子坚持会前学法，党组理论学习中心组集体学法。",
];

fn place(rng: &mut Rng) -> String {
    let chars: Vec<char> = PLACE_CHARS.chars().collect();
    let level = rng.pick(&["县", "市", "区"]);
    format!(
        "{}{}{level}",
        chars[rng.below(chars.len())],
        chars[rng.below(chars.len())]
    )
}

fn detail(rng: &mut Rng, variety: usize) -> String {
    let chars: Vec<char> = DETAIL_CHARS.chars().take(variety.max(2)).collect();
    (0..3 + rng.below(6))
        .map(|_| chars[rng.below(chars.len())])
        .collect()
}

fn sentence(rng: &mut Rng, variety: usize) -> String {
    let result = rng
        .pick(&RESULTS)
        .replace("{n}", &(3 + rng.below(900)).to_string());
    let mut s = format!(
        "{}{}{}",
        rng.pick(&SUBJECTS),
        rng.pick(&ACTIONS),
        rng.pick(&OBJECTS)
    );
    if rng.chance(70) {
        let _ = write!(
            s,
            "，围绕“{}”推出{}",
            detail(rng, variety),
            detail(rng, variety)
        );
    }
    let _ = write!(s, "，{result}。");
    s
}

/// The body of a report: its parts, each a list of sentences.
fn body(rng: &mut Rng, variety: usize) -> Vec<Vec<String>> {
    (0..5)
        .map(|part| {
            let count = match part {
                0 => 14 + rng.below(10),
                4 => 1 + rng.below(2),
                _ => 4 + rng.below(5),
            };
            let mut sentences: Vec<String> = (0..count).map(|_| sentence(rng, variety)).collect();
            if part == 0 {
                for core in CORE_SENTENCES {
                    if rng.chance(85) {
                        let at = rng.below(sentences.len() + 1);
                        sentences.insert(at, core.to_owned());
                    }
                }
            }
            sentences
        })
        .collect()
}

fn render(issuer: &str, year: u32, intro: &str, parts: &[Vec<String>]) -> String {
    let headings = [
        format!("一、{year}年度推进法治政府建设的主要举措和成效"),
        "二、存在的不足和原因".to_owned(),
        "三、党政主要负责人履行推进法治建设第一责任人职责情况".to_owned(),
        format!("四、{}年度推进法治政府建设的主要安排", year + 1),
        "五、其他需要报告的情况".to_owned(),
    ];
    let mut text = format!("{issuer}关于{year}年度法治政府建设情况的报告\n\n");
    let _ = writeln!(text, "　　{year}年，{issuer}{intro}");
    for (heading, sentences) in headings.iter().zip(parts) {
        let _ = writeln!(text, "\n{heading}");
        for chunk in sentences.chunks(3) {
            let _ = writeln!(text, "　　{}", chunk.concat());
        }
    }
    let _ = write!(text, "\n{issuer}\n{}年2月{}日\n", year + 1, 1 + (year % 27));
    text
}

/// A report that a later one may copy.
#[derive(Clone)]
struct Original {
    family: usize,
    issuer: String,
    year: u32,
    intro: String,
    parts: Vec<Vec<String>>,
}

/// Writes `count` reports into `dir` (in 40 sub-folders) and returns, for
/// each, its path relative to `dir` and its family: a report, its copies
/// and a templated group share a family; every other report is alone.
/// `variety` is how many characters details are drawn from (60: varied;
/// a small number makes details repeat across reports). Deterministic for
/// a seed.
pub fn generate(
    dir: &Path,
    count: usize,
    seed: u64,
    variety: usize,
) -> std::io::Result<Vec<(String, usize)>> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut originals: Vec<Original> = Vec::new();
    let mut families = 0;
    let mut i = 0;
    while i < count {
        let path = |i: usize| format!("unit-{:02}/report-{i:05}.txt", i % 40);
        // 2%: last year's report of an earlier issuer, re-submitted.
        if !originals.is_empty() && rng.chance(2) {
            let Original {
                family,
                issuer,
                year,
                intro,
                mut parts,
            } = originals[rng.below(originals.len())].clone();
            for part in &mut parts {
                for s in part.iter_mut() {
                    if rng.chance(10) {
                        *s = sentence(&mut rng, variety);
                    }
                }
            }
            write(dir, &path(i), &render(&issuer, year + 1, &intro, &parts))?;
            out.push((path(i), family));
            i += 1;
            continue;
        }
        // 1%: a template filled in by three bureaus of one place.
        if rng.chance(1) && i + 3 <= count {
            let template = body(&mut rng, variety);
            let place = place(&mut rng);
            let year = 2022 + rng.below(3) as u32;
            let intro = rng.pick(&STOCK_INTRO).to_owned();
            for k in 0..3 {
                let issuer = format!("{place}{}", UNITS[1 + (k + i) % (UNITS.len() - 1)]);
                let mut parts = template.clone();
                for part in &mut parts {
                    for s in part.iter_mut() {
                        if rng.chance(20) {
                            *s = sentence(&mut rng, variety);
                        }
                    }
                }
                write(dir, &path(i + k), &render(&issuer, year, &intro, &parts))?;
                out.push((path(i + k), families));
            }
            families += 1;
            i += 3;
            continue;
        }
        let issuer = format!("{}{}", place(&mut rng), rng.pick(&UNITS));
        let year = 2022 + rng.below(3) as u32;
        let intro = rng.pick(&STOCK_INTRO).to_owned();
        let parts = body(&mut rng, variety);
        write(dir, &path(i), &render(&issuer, year, &intro, &parts))?;
        out.push((path(i), families));
        originals.push(Original {
            family: families,
            issuer,
            year,
            intro,
            parts,
        });
        families += 1;
        i += 1;
    }
    Ok(out)
}

fn write(dir: &Path, relative: &str, text: &str) -> std::io::Result<()> {
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// The pairs of reports in the same family, each `(a, b)` with `a < b`.
pub fn planted_pairs(reports: &[(String, usize)]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (i, (a, fa)) in reports.iter().enumerate() {
        for (b, fb) in &reports[i + 1..] {
            if fa == fb {
                pairs.push(if a < b {
                    (a.clone(), b.clone())
                } else {
                    (b.clone(), a.clone())
                });
            }
        }
    }
    pairs
}
