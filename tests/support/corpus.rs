//! A deterministic synthetic corpus of 法治政府建设年度报告 for fzlint's
//! benchmark (`bench/run.sh`, through `examples/gen_corpus.rs`) and for
//! `tests/corpus.rs`.
//!
//! Every report has the genre's shape: a title such as
//! “澄溪县市场监督管理局关于2023年度法治政府建设情况的报告”, an introduction
//! ending “现将……报告如下”, the five parts of the 《法治政府建设与责任落实
//! 督察工作规定》 (举措和成效, 存在的不足和原因, 第一责任人职责, 下一年度安排,
//! 其他情况) with subsections （一）, numbered items `1.` or `1、` and
//! sometimes （1）, paragraphs of several sentences, and a closing issuer
//! line and date. The wording is invented: sentence templates per topic,
//! filled in with numbers and the issuer's own names, and combinations of
//! fragments where a report needs more text. A third of the reports are
//! Markdown (`## 一、` / `### （一）` headings or bold lines), two thirds plain
//! text indented with full-width spaces (some with CRLF line ends).
//!
//! Sizes are 5–20 KB of UTF-8 (mean about 13 KB): each report draws a
//! target size and its first part is filled up to it.
//!
//! A report is clean — fzlint's default pack finds nothing at warning or
//! error level in it — unless faults are planted in it. Each fault of
//! [`FAULTS`] is planted independently at its rate, and recorded: in the
//! returned [`Report`]s and in `manifest.tsv` in the corpus folder (path,
//! rule ids, and the planted text where there is one).
//!
//! Each report is generated from the seed and its own index alone, so the
//! corpus is the same bytes for a seed whatever the number of threads.

#![allow(dead_code)]

use std::path::Path;

/// Sub-folders the reports are spread over (`unit-00` … `unit-99`).
pub const FOLDERS: usize = 100;

/// The file listing the planted faults, in the corpus folder.
pub const MANIFEST: &str = "manifest.tsv";

/// A kind of fault planted in some reports: the rule of the default pack
/// that must find it, and how often it is planted.
#[derive(Debug, Clone, Copy)]
pub struct Fault {
    pub rule: &'static str,
    /// Percentage of the reports it is planted in.
    pub percent: usize,
    pub what: &'static str,
}

pub const FAULTS: [Fault; 8] = [
    Fault {
        rule: "shortcomings-section",
        percent: 6,
        what: "no “存在的不足和原因” part (half of them mention shortcomings in a sentence of part one)",
    },
    Fault {
        rule: "first-responsible-person",
        percent: 6,
        what: "nothing on the principal leader's duty as 第一责任人 (no part three)",
    },
    Fault {
        rule: "three-enforcement-systems",
        percent: 8,
        what: "one, two or all three of the enforcement systems (公示, 全过程记录, 法制审核) not mentioned",
    },
    Fault {
        rule: "who-enforces-educates",
        percent: 6,
        what: "no “谁执法谁普法” responsibility system",
    },
    Fault {
        rule: "canonical-term",
        percent: 10,
        what: "a wrong term of rules/fazhi/50-terms.yaml (法制政府, 截止目前 …)",
    },
    Fault {
        rule: "placeholder",
        percent: 8,
        what: "a placeholder left in the text (XX, ××, 【待补充】 …)",
    },
    Fault {
        rule: "year-range-dash",
        percent: 6,
        what: "a hyphen instead of 一字线 in the year range of a document title",
    },
    Fault {
        rule: "percentage-arithmetic",
        percent: 5,
        what: "a growth rate computed as the ratio of the two figures",
    },
];

/// A fault planted in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub rule: &'static str,
    /// The text a finding of the rule must point at (`None` for a missing
    /// element, which is reported at the title).
    pub text: Option<String>,
}

/// A report written to the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Relative to the corpus folder, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    pub planted: Vec<Planted>,
}

impl Report {
    /// The rule ids of the planted faults, each once, in [`FAULTS`] order.
    pub fn rules(&self) -> Vec<&'static str> {
        FAULTS
            .iter()
            .map(|f| f.rule)
            .filter(|rule| self.planted.iter().any(|p| p.rule == *rule))
            .collect()
    }
}

/// Writes `count` reports and `manifest.tsv` into `dir` (created if
/// missing), on as many threads as the machine has (at most 8). Same bytes
/// for the same `seed` and `count`.
pub fn generate(dir: &Path, count: usize, seed: u64) -> std::io::Result<Vec<Report>> {
    std::fs::create_dir_all(dir)?;
    for folder in 0..FOLDERS.min(count) {
        std::fs::create_dir_all(dir.join(folder_name(folder)))?;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
        .min(count.max(1));
    let parts: Vec<std::io::Result<Vec<Report>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..count)
                        .step_by(threads)
                        .map(|index| {
                            let (path, text, planted) = report(seed, index);
                            std::fs::write(dir.join(&path), &text)?;
                            Ok(Report {
                                path,
                                bytes: text.len(),
                                planted,
                            })
                        })
                        .collect::<std::io::Result<Vec<Report>>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a generator thread panicked")))
            })
            .collect()
    });
    let mut slots: Vec<Option<Report>> = vec![None; count];
    for (t, part) in parts.into_iter().enumerate() {
        for (k, report) in part?.into_iter().enumerate() {
            slots[t + k * threads] = Some(report);
        }
    }
    let reports: Vec<Report> = slots.into_iter().flatten().collect();
    std::fs::write(dir.join(MANIFEST), manifest(&reports))?;
    Ok(reports)
}

/// The text of `manifest.tsv`: a header, then one line per report (in
/// index order): its path, its planted rule ids (comma-separated, empty
/// for a clean report), and the planted texts as `rule=text` separated by
/// `;`.
pub fn manifest(reports: &[Report]) -> String {
    let mut out = String::from("path\trules\ttexts\n");
    for report in reports {
        let texts: Vec<String> = report
            .planted
            .iter()
            .filter_map(|p| p.text.as_ref().map(|t| format!("{}={t}", p.rule)))
            .collect();
        out.push_str(&format!(
            "{}\t{}\t{}\n",
            report.path,
            report.rules().join(","),
            texts.join(";")
        ));
    }
    out
}

fn folder_name(folder: usize) -> String {
    format!("unit-{folder:02}")
}

#[path = "rng.rs"]
mod rng;
use rng::Rng;

// ---------------------------------------------------------------------------
// Vocabulary. All of it is invented for this corpus. Sentence templates have
// no final 。; placeholders: {s} a count under ten, {n} a small count, {m} a
// medium one, {k} a large one, {self} how the issuer calls itself (我局,
// 县政府), {all} its whole staff or area (全局, 全县), {sup} its superiors
// (县委、县政府), {lvl} the level of its place (县), {place} its place
// (澄溪县), {lead} its principal leader (局党组书记、局长), {y} the report
// year, {y1} the next year.
//
// No template may say anything a rule of the default pack looks for, except
// where a report is meant to: the core elements are in their own lists,
// and no template has a year, a percentage, “存在” or a wrong term.
// ---------------------------------------------------------------------------

const PLACE_CHARS: &str =
    "澄溪桐柘榆枫杉棠芩苇渚汀洲湾峪岭崖泽渠沅宁和丰兴昌华阳明岚澜梧荷莲岑崇嵩蓝青白云石松柏桂兰";

/// Issuing units: name, self-reference, leader (`None` for the government).
const UNITS: [(&str, &str, &str); 18] = [
    ("人民政府", "", ""),
    ("司法局", "我局", "局党组书记、局长"),
    ("市场监督管理局", "我局", "局党组书记、局长"),
    ("交通运输局", "我局", "局党组书记、局长"),
    ("生态环境局", "我局", "局党组书记、局长"),
    ("自然资源局", "我局", "局党组书记、局长"),
    ("卫生健康委员会", "我委", "委党组书记、主任"),
    ("教育局", "我局", "局党组书记、局长"),
    ("应急管理局", "我局", "局党组书记、局长"),
    ("农业农村局", "我局", "局党组书记、局长"),
    ("住房和城乡建设局", "我局", "局党组书记、局长"),
    ("人力资源和社会保障局", "我局", "局党组书记、局长"),
    ("民政局", "我局", "局党组书记、局长"),
    ("水利局", "我局", "局党组书记、局长"),
    ("文化和旅游局", "我局", "局党组书记、局长"),
    ("发展和改革委员会", "我委", "委党组书记、主任"),
    ("医疗保障局", "我局", "局党组书记、局长"),
    ("综合行政执法局", "我局", "局党组书记、局长"),
];

/// A topic of part one: its subsection headings and sentence templates.
struct Topic {
    headings: &'static [&'static str],
    sentences: &'static [&'static str],
}

/// The topics of part one, in the order reports present them. Indexes
/// `LEGALITY`, `ENFORCEMENT` and `POPULARISATION` are in every report.
const TOPICS: [Topic; 11] = [
    Topic {
        headings: &[
            "加强组织领导",
            "强化统筹部署",
            "健全推进机制",
            "夯实工作基础",
        ],
        sentences: &[
            "年初召开党组会议{s}次，专题研究法治政府建设重点任务",
            "调整充实法治政府建设工作领导小组，下设办公室负责日常协调",
            "印发年度法治政府建设任务分解方案，将{n}项具体任务落实到各责任科室",
            "把法治政府建设纳入年度综合考核，考核分值提高到{n}分",
            "建立重点任务月调度、季通报机制，全年通报推进情况{s}次",
            "领导班子其他成员按照分工抓好分管领域的依法行政工作",
            "配合完成上级示范创建实地评估，报送佐证材料{m}份",
            "将法治建设成效作为干部评先评优的重要参考",
            "对照年度任务清单开展自查，梳理整改事项{n}项",
            "召开法治政府建设推进会{s}次，逐项明确完成时限",
        ],
    },
    Topic {
        headings: &[
            "依法全面履行政府职能",
            "深化“放管服”改革",
            "持续优化法治化营商环境",
            "推进政务服务提质增效",
        ],
        sentences: &[
            "动态调整权责清单，新增事项{n}项、取消{n}项、变更{n}项，调整结果在门户网站同步公布",
            "全面推行证明事项告知承诺制，涉及事项{n}项，累计办件{m}件",
            "梳理高频政务服务事项{n}项，实现“一窗受理、集成服务”",
            "企业开办时间压缩至{s}个工作日以内",
            "落实包容审慎监管要求，公布轻微违法不予处罚事项清单{n}项",
            "开展涉企收费专项清理，为经营主体减轻负担{m}万元",
            "设立企业诉求服务专线，办结企业反映事项{m}件",
            "推行“承诺即入制”，涉及许可事项{n}项",
            "开展公平竞争审查，审查涉及经营主体经济活动的政策措施{n}件",
            "在政务服务中心设立帮办代办窗口，帮办事项{m}件",
            "编制行政许可事项清单，确认许可事项{n}项并向社会公布",
        ],
    },
    Topic {
        headings: &[
            "健全依法行政制度体系",
            "加强行政规范性文件监督管理",
            "提升制度建设质量",
        ],
        sentences: &[
            "开展行政规范性文件专项清理，废止{n}件、修改{n}件，清理结果向社会公布",
            "严格执行行政规范性文件统一登记、统一编号、统一印发制度",
            "对起草部门报送的文件草案，从制定主体、权限、程序和内容等方面逐项把关",
            "按规定向{sup}报送备案审查文件{n}件，报备及时规范",
            "在起草涉企文件时通过座谈会、网上征求意见等方式听取经营主体意见{m}条",
            "对上位法修改涉及的文件开展动态评估，及时启动修订程序",
            "建立文件起草前期调研制度，起草前深入基层听取意见",
        ],
    },
    Topic {
        headings: &[
            "推进行政决策科学化民主化法治化",
            "严格落实重大行政决策程序",
            "发挥法律顾问作用",
        ],
        sentences: &[
            "年初编制并公布重大行政决策事项目录，纳入目录管理的事项{n}项",
            "严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序",
            "聘请常年法律顾问{s}名，全年参与审查合同{m}份、出具法律意见{m}件",
            "配备公职律师{s}名，参与处理涉法事务{m}件",
            "决策草案通过门户网站公开征求意见，收集意见建议{m}条，采纳{n}条",
            "对涉及群众切身利益的{s}个决策事项开展社会稳定风险评估",
            "建立决策后评估制度，对已实施的{n}项决策开展跟踪评估",
            "组织召开专家论证会{n}场，邀请高校和行业专家参与",
        ],
    },
    Topic {
        headings: &[
            "严格规范公正文明执法",
            "深化行政执法规范化建设",
            "提升行政执法质量",
        ],
        sentences: &[
            "修订行政处罚裁量基准，细化裁量情形{m}种",
            "推行“双随机、一公开”监管，开展联合抽查{n}次，抽查结果按时向社会公开",
            "组织执法人员参加专业法律知识培训{n}期，参训{m}人次",
            "开展行政执法案卷评查，评查案卷{m}卷，评查结果纳入年度考核",
            "全年办理行政处罚案件{m}件，罚没款{m}万元",
            "清理执法证件，注销不在岗人员执法证{s}个，新申领{s}个",
            "对首次轻微违法行为依法不予处罚{n}件，做到宽严相济",
            "统一执法文书格式，规范现场检查、调查取证和告知程序",
            "建立行政执法监督员制度，聘请社会监督员{s}名",
            "开展跨部门综合执法检查{s}次，减少对企业的重复检查",
        ],
    },
    Topic {
        headings: &[
            "强化对行政权力的制约和监督",
            "自觉接受各方面监督",
            "深化政务公开",
        ],
        sentences: &[
            "办理人大代表建议{n}件、政协委员提案{n}件，均按期答复",
            "主动公开政府信息{m}条，办理依申请公开{n}件，均在法定期限内答复",
            "配合审计部门完成专项审计{n}项，审计指出的事项均已整改到位",
            "健全内部权力运行监督机制，对资金使用、项目审批等重点岗位开展廉政风险排查",
            "邀请人大代表、政协委员参加执法检查和座谈活动{s}次",
            "在门户网站开设法治政府建设专栏，更新信息{m}条",
            "自觉接受司法监督，支持人民法院依法受理和审理行政案件",
        ],
    },
    Topic {
        headings: &[
            "依法有效化解社会矛盾纠纷",
            "发挥行政复议化解争议主渠道作用",
            "提升行政应诉工作水平",
        ],
        sentences: &[
            "全年办理行政复议案件{n}件，依法纠正违法或不当行政行为{n}件",
            "办理行政应诉案件{n}件，行政机关负责人出庭应诉{n}件次",
            "健全人民调解、行政调解、司法调解衔接联动机制，调解各类纠纷{m}件",
            "畅通信访渠道，依法分类处理信访事项{m}件",
            "开展矛盾纠纷集中排查，化解信访积案{n}件",
            "对败诉和被纠错案件逐案分析，向承办科室发出改进建议{n}份",
        ],
    },
    Topic {
        headings: &[
            "深入推进法治宣传教育",
            "扎实开展普法工作",
            "营造尊法学法守法用法氛围",
        ],
        sentences: &[
            "围绕宪法、民法典和与群众生活密切相关的法律法规，开展主题宣传活动{n}场",
            "在“12·4”国家宪法日和宪法宣传周期间组织宪法进机关、进企业活动",
            "在全民国家安全教育日组织专题宣讲，发放宣传资料{m}份",
            "利用微信公众号、短视频平台发布普法作品{m}件",
            "组建普法志愿服务队伍，开展送法下乡{n}次",
            "编印以案释法典型案例汇编，收录案例{n}个",
            "推进法治文化阵地建设，新建法治主题公园和法治长廊{n}处",
        ],
    },
    Topic {
        headings: &[
            "提升干部法治素养",
            "抓好领导干部学法用法",
            "加强法治工作队伍建设",
        ],
        sentences: &[
            "坚持党组理论学习中心组集体学法，全年集体学法{n}次",
            "落实会前学法安排，在党组会议、办公会议前学习法律法规{s}次",
            "组织干部参加旁听庭审活动{s}次，以身边案例开展警示教育",
            "举办法治专题讲座{s}期，邀请法学专家授课",
            "组织{all}干部参加年度学法考法，参考人数{m}人",
            "组织新任职领导干部任前法律知识考试{n}人次",
            "将习近平法治思想纳入干部教育培训必修内容",
        ],
    },
    Topic {
        headings: &["推进数字法治政府建设", "提升政务服务数字化水平"],
        sentences: &[
            "依托一体化政务服务平台，实现{n}个高频事项“一网通办”",
            "推进“互联网+监管”，归集监管数据{k}条",
            "推动部门间数据共享，减少群众重复提交材料{m}份",
            "上线电子证照应用场景{s}个",
            "运用大数据分析辅助执法研判，提高精准监管水平",
        ],
    },
    Topic {
        headings: &["依法预防和应对突发事件", "提升应急处置法治化水平"],
        sentences: &[
            "修订突发事件专项应急预案{s}部，组织应急演练{s}次",
            "在汛期前开展隐患排查，整改安全隐患{m}处",
            "依法做好防汛、森林防火等应急处置工作，全年未发生较大以上突发事件",
            "完善应急物资储备和调用制度，储备物资{m}件",
        ],
    },
];

const LEGALITY: usize = 2;
const ENFORCEMENT: usize = 4;
const POPULARISATION: usize = 7;

/// `legality-review` (never planted missing).
const LEGALITY_SENTENCES: [&str; 3] = [
    "严格落实行政规范性文件合法性审核机制，全年审核{n}件，提出审核意见{m}条，做到应审必审",
    "制发的{n}件行政规范性文件全部经过合法性审核和集体审议，并在规定时限内报送备案",
    "{self}起草的行政规范性文件一律先经合法性审核再提交审议，全年审核{n}件",
];

/// The three enforcement systems named together.
const THREE_SYSTEMS_TOGETHER: [&str; 3] = [
    "全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度",
    "深入推行行政执法“三项制度”，做到执法信息及时公开、执法过程有据可查、重大决定依法审核",
    "严格执行行政执法公示、执法全过程记录和重大执法决定法制审核制度，全年未发生程序违法案件",
];

/// One sentence for each of the three systems.
const THREE_SYSTEMS_EACH: [[&str; 2]; 3] = [
    [
        "落实行政执法公示制度，在门户网站公示执法信息{m}条",
        "行政执法公示做到事前、事中、事后全覆盖，公开执法主体、权限和结果",
    ],
    [
        "为一线执法人员配备执法记录仪{n}台，对现场检查、调查取证等环节实行执法全过程记录",
        "推行执法全过程音像记录，全年归档音像资料{m}份",
    ],
    [
        "全年对{n}件重大执法决定开展法制审核，提出审核意见{n}条",
        "重大执法决定一律经法制审核后作出，全年审核{n}件",
    ],
];

/// `who-enforces-educates`.
const WHO_ENFORCES: [&str; 3] = [
    "认真落实“谁执法谁普法”普法责任制，制定年度普法责任清单，明确普法任务{n}项",
    "严格落实普法责任制，推动执法人员在办案过程中开展以案释法",
    "把“谁执法谁普法”纳入执法人员日常考核，在行政处罚和检查中同步开展释法说理",
];

/// Headings of the items `1.` of a subsection: a verb and a noun.
const ITEM_VERBS: [&str; 16] = [
    "健全", "强化", "完善", "加强", "深化", "规范", "创新", "推进", "严格", "狠抓", "提升", "优化",
    "夯实", "拓展", "压实", "统筹",
];
const ITEM_NOUNS: [&str; 22] = [
    "工作机制",
    "制度保障",
    "任务落实",
    "方式方法",
    "重点领域",
    "队伍建设",
    "考核评价",
    "数据共享",
    "协同联动",
    "配套措施",
    "工作流程",
    "服务渠道",
    "源头治理",
    "督促指导",
    "宣传引导",
    "服务效能",
    "试点示范",
    "工作责任",
    "保障措施",
    "资源配置",
    "标准建设",
    "科技支撑",
];

const SUBITEM_HEADINGS: [&str; 10] = [
    "明确责任分工",
    "细化操作规程",
    "加强日常督导",
    "开展交叉检查",
    "强化结果运用",
    "做好跟踪回访",
    "建立工作台账",
    "加强业务指导",
    "定期分析研判",
    "及时总结推广",
];

/// Fragments for the sentences a report needs beyond its topics' templates.
const SUBJECTS_DEPARTMENT: [&str; 10] = [
    "{self}",
    "各科室",
    "执法大队",
    "法规科",
    "办公室",
    "基层站所",
    "窗口工作人员",
    "机关党支部",
    "业务骨干",
    "综合执法队伍",
];
const SUBJECTS_GOVERNMENT: [&str; 8] = [
    "{self}",
    "{lvl}直各部门",
    "各乡镇（街道）",
    "{lvl}司法局",
    "{lvl}政府办公室",
    "各行政执法单位",
    "{lvl}政务服务中心",
    "各园区管委会",
];
const ACTIONS: [&str; 22] = [
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
    "协调推进",
    "认真抓好",
];
const OBJECTS: [&str; 36] = [
    "执法人员岗位练兵",
    "政务服务事项标准化梳理",
    "法治宣传进社区活动",
    "合同审查和风险防控",
    "行政许可事项清单管理",
    "涉企检查事项规范",
    "安全生产专项检查",
    "重点领域专项整治",
    "基层法治阵地建设",
    "政府信息主动公开",
    "干部学法考法",
    "法律顾问参与决策",
    "跨部门联合检查",
    "执法文书格式统一",
    "权力运行监督",
    "投诉举报快速处置",
    "网上办事流程优化",
    "典型案例评选",
    "普法志愿服务",
    "监管信息归集",
    "内部审批流程再造",
    "行政调解工作",
    "法治文化作品征集",
    "营商环境专项评估",
    "信用分级分类监管",
    "执法装备配备",
    "乡村法治示范创建",
    "民主法治示范村复核",
    "公共法律服务进园区",
    "涉企政策集中宣讲",
    "执法案件质量评查",
    "审批服务提速",
    "法治建设专项督导",
    "基层执法力量整合",
    "行政复议案件办理",
    "重点工程合法性把关",
];
const OUTCOMES: [&str; 20] = [
    "全年共办理相关事项{m}件",
    "覆盖企业和群众{k}人次",
    "整改落实事项{n}项",
    "形成制度成果{n}项",
    "办理时限平均缩短{s}个工作日",
    "累计培训{m}人次",
    "收到意见建议{m}条",
    "完成年度任务{n}项",
    "受理申请{m}件并全部办结",
    "印发工作文件{n}份",
    "开展活动{n}场次",
    "挽回经济损失{m}万元",
    "检查经营主体{m}户",
    "制发文书{m}份",
    "惠及群众{k}人",
    "推出便民措施{n}项",
    "建成示范点{s}个",
    "编印资料{m}册",
    "走访企业{m}家",
    "化解纠纷{m}起",
];
const MANNERS: [&str; 10] = [
    "坚持边学边改、立行立改",
    "通过线上线下相结合的方式",
    "以点带面、逐步推开",
    "按照“一事一方案”的要求",
    "围绕群众关心的重点事项",
    "结合行业监管实际",
    "采取集中培训与岗位练兵相结合的方式",
    "会同相关单位",
    "依托基层服务站点",
    "坚持问需于民",
];

const CLAUSES: [&str; 8] = [
    "注重发挥基层站所作用",
    "坚持日常监管与专项检查相结合",
    "建立周调度、月通报工作制度",
    "形成了一批可复制的经验做法",
    "把工作成效作为年度考核的重要内容",
    "做到任务、责任、时限“三明确”",
    "主动对接上级业务部门争取指导",
    "及时总结推广基层好的做法",
];

const INTRO_MIDDLES: [&str; 5] = [
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，扎实推进依法行政，各项工作取得新进展",
    "在{sup}的坚强领导下，全面贯彻习近平法治思想，紧紧围绕中心工作，把法治政府建设摆在突出位置，依法行政能力持续提升",
    "深入学习贯彻习近平法治思想，对照“职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意”的目标，统筹推进法治政府建设各项任务",
    "认真贯彻落实中央和省、市关于法治政府建设的决策部署，坚持依法决策、依法管理、依法服务，法治政府建设取得积极成效",
    "以习近平法治思想为引领，聚焦群众和企业所需所盼，持续提升依法行政水平，为经济社会高质量发展提供法治保障",
];

/// Shortcomings, concrete (none is one of the stock phrases
/// `shortcomings-depth` counts).
const SHORTCOMINGS: [&str; 10] = [
    "部分基层执法人员对新修订的法律法规掌握不熟，全年评查发现文书制作不规范的案卷{n}卷",
    "行政规范性文件起草环节征求公众意见的渠道较少，个别文件收到的反馈意见只有{n}条",
    "执法队伍年龄结构偏大，{s}名执法人员临近退休，新进人员中具有法律专业背景的只有{s}名",
    "法律顾问参与决策的深度有限，多数意见集中在合同审查环节",
    "数字化执法装备配备不均衡，{s}个基层站所尚未配齐移动执法终端",
    "普法形式较为单一，面向企业和新业态从业人员的精准普法开展较少",
    "行政复议纠错的案件中程序瑕疵占多数，办案规范化程度与上级要求相比还有距离",
    "个别科室对重大行政决策程序的理解不一致，{s}个事项的风险评估报告内容简略",
    "跨部门联合检查的统筹力度偏弱，部分企业一年内接受检查仍达{s}次",
    "乡镇合法性审核力量薄弱，{s}个乡镇没有配备专职法律工作人员",
];
const CAUSES: [&str; 4] = [
    "究其原因，一方面是执法力量配备与监管任务不相匹配，培训的针对性不强；另一方面是部分干部重业务、轻法治，运用法治方式推动工作的主动性不够。",
    "产生上述情况的原因，主观上在于对法治政府建设的长期性、艰巨性认识不够深刻，客观上受编制和经费限制，专业人才引进难度较大。",
    "分析原因，主要是法治工作力量分散，统筹协调机制运行不够顺畅，考核结果运用不充分。",
    "这些情况的形成，既有基层工作任务重、人员流动快的客观原因，也有部分单位对法治工作重视程度不一、压力传导层层递减的主观原因。",
];

/// A sentence of part one that mentions shortcomings, for a report without
/// a part on them.
const SHORTCOMINGS_MENTIONS: [&str; 2] = [
    "成绩来之不易，但对照上级要求，工作中仍存在一些不足，主要是基层法治力量较为薄弱",
    "在肯定成绩的同时，我们也清醒地看到，还存在基层执法规范化水平不高等问题和不足",
];

const FRP_HEADINGS: [&str; 3] = [
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责同志履行推进法治建设第一责任人职责情况",
    "主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
];
const FRP_SENTENCES: [&str; 6] = [
    "{lead}认真履行推进法治建设第一责任人职责，对法治政府建设重要工作亲自部署、重点环节亲自协调、重要任务亲自督办",
    "全年主持召开专题会议研究法治建设工作{s}次，听取法治工作汇报{s}次",
    "带头参加理论学习中心组集体学法，带头讲授法治课{s}次",
    "将履行推进法治建设第一责任人职责情况列入年终述职内容，班子成员年终述职述法实现全覆盖",
    "带头出庭应诉{s}次，推动行政争议实质性化解",
    "与{s}个下属单位主要负责人签订法治建设目标责任书，层层传导压力",
];

const PLAN_OPENINGS: [&str; 3] = [
    "{y1}年，{self}将继续以习近平法治思想为指导，围绕{sup}的部署，重点做好以下工作",
    "{y1}年，{self}将坚持稳中求进，把法治政府建设各项任务落到实处",
    "新的一年，{self}将对照法治政府建设实施纲要，补短板、强弱项，重点抓好以下几项工作",
];
const PLAN_ITEMS: [(&str, &str); 8] = [
    (
        "深入学习贯彻习近平法治思想",
        "把学习贯彻习近平法治思想作为党组理论学习中心组的重要内容，推动法治要求融入各项工作",
    ),
    (
        "持续提升行政执法质量",
        "开展执法人员全员轮训，推进执法案卷评查常态化，提升执法规范化水平",
    ),
    (
        "加强行政规范性文件全流程管理",
        "严格文件起草、审核、备案和清理各环节，提高制度建设质量",
    ),
    (
        "拓展普法阵地和载体",
        "结合重要时间节点开展主题宣传，提升法治宣传教育的覆盖面和实效",
    ),
    (
        "强化法治队伍建设",
        "配齐配强法治工作力量，加大法律专业人才引进和培养力度",
    ),
    (
        "完善法治建设考核评价",
        "细化考核指标，强化考核结果运用，推动各项任务落地见效",
    ),
    (
        "深化政务服务改革",
        "推进更多事项网上办、就近办，进一步方便企业和群众办事",
    ),
    (
        "推进依法科学民主决策",
        "严格执行重大行政决策程序，扩大公众参与，提高决策质量",
    ),
];

const OTHER_MATTERS: [&str; 3] = [
    "无。",
    "{y}年，{self}无其他需要报告的情况。",
    "{y}年，{self}未发生因违法行政被追究责任的情形，无其他需要报告的事项。",
];

/// Wrong terms of `rules/fazhi/50-terms.yaml` (`canonical-term`), each in a
/// sentence: (the wrong term as planted, its right form, the sentence).
pub const WRONG_TERMS: [(&str, &str, &str); 16] = [
    (
        "法制宣传教育",
        "法治宣传教育",
        "深入开展法制宣传教育进机关、进企业、进社区活动{n}场",
    ),
    ("法制政府", "法治政府", "为加快建设法制政府提供有力保障"),
    (
        "法制思维",
        "法治思维",
        "着力提升干部运用法制思维推动工作、化解矛盾的能力",
    ),
    ("法制理念", "法治理念", "引导执法人员牢固树立现代法制理念"),
    ("法制意识", "法治意识", "干部职工的法制意识明显增强"),
    (
        "法制化营商环境",
        "法治化营商环境",
        "持续打造公平透明的法制化营商环境",
    ),
    (
        "习近平法制思想",
        "习近平法治思想",
        "把学习习近平法制思想列入干部教育培训计划",
    ),
    (
        "法治审核",
        "法制审核",
        "全年对重大执法决定开展法治审核{n}件",
    ),
    (
        "双随机一公开",
        "双随机、一公开",
        "开展“双随机一公开”联合抽查{n}次",
    ),
    ("人民当家做主", "人民当家作主", "切实保障人民当家做主的权利"),
    ("截止目前", "截至目前", "截止目前，年度任务已全部完成"),
    (
        "《法制日报》",
        "《法治日报》",
        "相关经验做法被《法制日报》刊发推广",
    ),
    (
        "督查工作规定",
        "督察工作规定",
        "对照《法治政府建设与责任落实督查工作规定》逐项开展自查",
    ),
    ("布署", "部署", "及时布署年度法治建设重点任务"),
    ("签定", "签订", "与{n}家律师事务所签定法律服务协议"),
    ("一如继往", "一如既往", "一如继往抓好各项任务落实"),
];

/// Placeholders of `rules/fazhi/40-placeholders.yaml`: (the placeholder,
/// the sentence). `**` only in plain text: in Markdown it is markup.
const PLACEHOLDERS: [(&str, &str); 7] = [
    ("XX", "全年受理行政复议申请XX件，均依法审结"),
    ("××", "由××同志具体负责法治建设日常工作"),
    ("【待补充】", "全年投入法治建设专项经费【待补充】万元"),
    ("某某", "{self}与某某律师事务所签订常年法律顾问服务合同"),
    ("（待核实）", "组织执法人员培训{s}期，参训人数（待核实）"),
    ("□□", "由□□科室负责汇总各单位报送的材料"),
    ("**", "办理政府信息公开申请**件，均按期答复"),
];

/// Document titles with a year range: (title before the range, title
/// after it); the range goes in between.
const RANGED_TITLES: [(&str, &str); 4] = [
    ("{place}法治政府建设规划（", "年）"),
    ("{place}法治宣传教育第八个五年规划（", "年）"),
    ("{lvl}优化营商环境三年行动方案（", "年）"),
    ("{place}", "年法治乡村建设工作方案"),
];
const RANGED_SENTENCES: [&str; 3] = [
    "对照《{title}》确定的目标任务，逐项推进落实",
    "印发实施《{title}》，明确重点任务{n}项",
    "认真落实《{title}》，年度任务按期完成",
];
/// Ranges matching each title of `RANGED_TITLES`.
const RANGES: [(u32, u32); 4] = [(2021, 2025), (2021, 2025), (2023, 2025), (2022, 2024)];
/// Wrong: hyphens, en dashes and the ASCII tilde (GB/T 15834 allows the
/// wave dash ～ as well as —).
const WRONG_DASHES: [&str; 4] = ["-", "–", "－", "~"];

const CHINESE_NUMBERS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

// ---------------------------------------------------------------------------
// A report: what it contains, then its lines, then its text.
// ---------------------------------------------------------------------------

/// Who writes the report.
struct Issuer {
    /// 澄溪县市场监督管理局
    name: String,
    /// 澄溪县
    place: String,
    /// 县
    level: &'static str,
    government: bool,
    self_ref: String,
    all: String,
    sup: String,
    lead: String,
}

fn issuer(rng: &mut Rng) -> Issuer {
    let chars: Vec<char> = PLACE_CHARS.chars().collect();
    let level = rng.pick(&["县", "县", "市", "区"]);
    let place = format!(
        "{}{}{level}",
        chars[rng.below(chars.len())],
        chars[rng.below(chars.len())]
    );
    let (unit, self_ref, lead) = if rng.chance(25) {
        UNITS[0]
    } else {
        UNITS[1 + rng.below(UNITS.len() - 1)]
    };
    let government = unit == "人民政府";
    let upper = if level == "市" { "省" } else { "市" };
    Issuer {
        name: format!("{place}{unit}"),
        place: place.clone(),
        level,
        government,
        self_ref: if government {
            format!("{level}政府")
        } else {
            self_ref.to_owned()
        },
        all: if government {
            format!("全{level}")
        } else {
            format!("全{}", &self_ref[self_ref.len() - 3..])
        },
        sup: if government {
            format!("{upper}委、{upper}政府")
        } else {
            format!("{level}委、{level}政府")
        },
        lead: if government {
            format!("{level}长")
        } else {
            lead.to_owned()
        },
    }
}

/// What is planted in a report.
#[derive(Default)]
struct Faults {
    no_shortcomings: bool,
    no_first_responsible: bool,
    /// Which of the three enforcement systems are missing.
    systems_missing: [bool; 3],
    no_who_enforces: bool,
    wrong_term: Option<usize>,
    placeholder: Option<usize>,
    year_dash: bool,
    bad_percentage: bool,
}

impl Faults {
    /// Each fault of [`FAULTS`] at its rate.
    fn draw(rng: &mut Rng, markdown: bool) -> Faults {
        let drawn: Vec<bool> = FAULTS.iter().map(|f| rng.chance(f.percent)).collect();
        let on = |rule: &str| {
            FAULTS
                .iter()
                .position(|f| f.rule == rule)
                .is_some_and(|i| drawn[i])
        };
        let mut f = Faults {
            no_shortcomings: on("shortcomings-section"),
            no_first_responsible: on("first-responsible-person"),
            no_who_enforces: on("who-enforces-educates"),
            year_dash: on("year-range-dash"),
            bad_percentage: on("percentage-arithmetic"),
            ..Faults::default()
        };
        if on("three-enforcement-systems") {
            f.systems_missing = match rng.below(3) {
                0 => [true; 3],
                1 => {
                    let mut m = [false; 3];
                    m[rng.below(3)] = true;
                    m
                }
                _ => {
                    let mut m = [true; 3];
                    m[rng.below(3)] = false;
                    m
                }
            };
        }
        if on("canonical-term") {
            let mut term = rng.below(WRONG_TERMS.len());
            // “重大执法决定开展法治审核” names the third enforcement system:
            // not where it is meant to be missing.
            if f.systems_missing[2] && WRONG_TERMS[term].0 == "法治审核" {
                term = (term + 1) % WRONG_TERMS.len();
            }
            f.wrong_term = Some(term);
        }
        if on("placeholder") {
            let usable = if markdown {
                PLACEHOLDERS.len() - 1
            } else {
                PLACEHOLDERS.len()
            };
            f.placeholder = Some(rng.below(usable));
        }
        f
    }
}

/// A line of a report, before it is given its format.
#[derive(Clone)]
enum Line {
    Title(String),
    /// `一、…`
    Part(String),
    /// `（一）…`, and with `Some` its first paragraph: run on after the
    /// heading in plain text, a paragraph of its own in Markdown.
    Sub(String, Option<String>),
    /// `1.heading。text`
    Item(String, String),
    /// `（1）heading。text`
    SubItem(String, String),
    Para(String),
    /// The closing issuer and date.
    Closing(String),
}

/// How a report is laid out.
struct Layout {
    markdown: bool,
    /// Markdown: `### （一）` headings (else bold lines).
    atx_subsections: bool,
    /// Plain text: headings indented like paragraphs.
    indent_headings: bool,
    /// Plain text: a blank line between paragraphs.
    blank_lines: bool,
    crlf: bool,
    /// `1.` or `1、`
    item_delimiter: &'static str,
}

impl Layout {
    fn render(&self, line: &Line) -> String {
        let indent = "\u{3000}\u{3000}";
        let heading_indent = if self.indent_headings { indent } else { "" };
        if self.markdown {
            match line {
                Line::Title(t) => format!("# {t}"),
                Line::Part(t) => format!("## {t}"),
                Line::Sub(t, run_on) => {
                    let head = if self.atx_subsections {
                        format!("### {t}")
                    } else {
                        format!("**{t}**")
                    };
                    match run_on {
                        Some(text) => format!("{head}\n\n{text}"),
                        None => head,
                    }
                }
                Line::Item(h, t) => format!("**{h}**。{t}"),
                Line::SubItem(h, t) => format!("{h}。{t}"),
                Line::Para(t) | Line::Closing(t) => t.clone(),
            }
        } else {
            match line {
                Line::Title(t) => t.clone(),
                Line::Part(t) => format!("{heading_indent}{t}"),
                Line::Sub(t, None) => format!("{indent}{t}"),
                Line::Sub(t, Some(text)) => format!("{indent}{t}。{text}"),
                Line::Item(h, t) | Line::SubItem(h, t) => format!("{indent}{h}。{t}"),
                Line::Para(t) => format!("{indent}{t}"),
                Line::Closing(t) => t.clone(),
            }
        }
    }

    /// What separates a line from the next one: a blank line after the
    /// title, before the closing, and between all blocks of Markdown or of
    /// plain text laid out with blank lines.
    fn separator(&self, line: &Line, next: Option<&Line>) -> &'static str {
        let blank = match next {
            None => false,
            Some(Line::Closing(_)) => !matches!(line, Line::Closing(_)),
            Some(_) => self.markdown || self.blank_lines || matches!(line, Line::Title(_)),
        };
        match (blank, self.crlf) {
            (true, true) => "\r\n\r\n",
            (true, false) => "\n\n",
            (false, true) => "\r\n",
            (false, false) => "\n",
        }
    }

    /// The bytes a line takes in the report, when another block follows it.
    fn size(&self, line: &Line) -> usize {
        self.render(line).len() + self.separator(line, Some(&Line::Para(String::new()))).len()
    }

    fn text(&self, lines: &[Line]) -> String {
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let rendered = self.render(line);
            if self.crlf {
                out.push_str(&rendered.replace('\n', "\r\n"));
            } else {
                out.push_str(&rendered);
            }
            out.push_str(self.separator(line, lines.get(i + 1)));
        }
        out
    }
}

/// Fills a template's placeholders.
fn fill(rng: &mut Rng, template: &str, who: &Issuer, year: u32) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        match &after[..close] {
            "s" => out.push_str(&rng.range(1, 9).to_string()),
            "n" => out.push_str(&rng.range(10, 68).to_string()),
            "m" => out.push_str(&rng.range(52, 980).to_string()),
            "k" => {
                let k = rng.range(1_200, 39_000);
                if rng.chance(50) {
                    out.push_str(&format!("{},{:03}", k / 1000, k % 1000));
                } else {
                    out.push_str(&k.to_string());
                }
            }
            "self" => out.push_str(&who.self_ref),
            "all" => out.push_str(&who.all),
            "sup" => out.push_str(&who.sup),
            "lvl" => out.push_str(who.level),
            "place" => out.push_str(&who.place),
            "lead" => out.push_str(&who.lead),
            "y" => out.push_str(&year.to_string()),
            "y1" => out.push_str(&(year + 1).to_string()),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A subsection of part one.
struct Subsection {
    heading: String,
    /// Items `1.` rather than paragraphs.
    items: bool,
    /// Most items it gets; then its items grow longer.
    max_items: usize,
    lines: Vec<Line>,
    /// Sentence templates of its topic not used yet.
    pool: Vec<&'static str>,
}

/// One report being written.
struct Draft {
    rng: Rng,
    who: Issuer,
    year: u32,
    layout: Layout,
    faults: Faults,
    /// Nouns of the item headings used so far.
    used_nouns: Vec<&'static str>,
}

impl Draft {
    fn fill(&mut self, template: &str) -> String {
        fill(&mut self.rng, template, &self.who, self.year)
    }

    fn pick_fill(&mut self, templates: &[&str]) -> String {
        let template = templates[self.rng.below(templates.len())];
        self.fill(template)
    }

    /// A sentence combined from fragments.
    fn combined(&mut self) -> String {
        let rng = &mut self.rng;
        let subject = if self.who.government {
            rng.pick(&SUBJECTS_GOVERNMENT)
        } else {
            rng.pick(&SUBJECTS_DEPARTMENT)
        };
        let (action, object, outcome) =
            (rng.pick(&ACTIONS), rng.pick(&OBJECTS), rng.pick(&OUTCOMES));
        let template = match rng.below(10) {
            0..=3 => format!("{subject}{action}{object}，{outcome}"),
            4..=6 => format!("{subject}{}{action}{object}，{outcome}", rng.pick(&MANNERS)),
            7 => format!("围绕{object}，{subject}{}，{outcome}", rng.pick(&CLAUSES)),
            8 => format!("{subject}把{object}作为年度重点，{outcome}"),
            _ => format!("在{object}中，{subject}{}，{outcome}", rng.pick(&CLAUSES)),
        };
        self.fill(&template)
    }

    /// A paragraph of `count` sentences, from `pool` while it lasts.
    fn paragraph(&mut self, pool: &mut Vec<&'static str>, count: usize) -> String {
        let mut text = String::new();
        for _ in 0..count {
            let sentence = match self.rng.take(pool) {
                Some(template) => self.fill(template),
                None => self.combined(),
            };
            text.push_str(&sentence);
            text.push('。');
        }
        text
    }

    /// The heading of an item `1.`: its noun new in the report while there
    /// are new ones.
    fn item_heading(&mut self) -> String {
        let mut noun = self.rng.pick(&ITEM_NOUNS);
        for _ in 0..20 {
            if !self.used_nouns.contains(&noun) {
                break;
            }
            noun = self.rng.pick(&ITEM_NOUNS);
        }
        self.used_nouns.push(noun);
        format!("{}{noun}", self.rng.pick(&ITEM_VERBS))
    }

    fn item(&mut self, number: usize, text: String) -> Line {
        let heading = self.item_heading();
        Line::Item(
            format!("{number}{}{heading}", self.layout.item_delimiter),
            text,
        )
    }

    /// The sentences of the core elements a topic's subsection must have
    /// (unless a fault leaves them out).
    fn core_sentences(&mut self, topic: usize) -> Vec<String> {
        let mut core = Vec::new();
        if topic == LEGALITY {
            core.push(self.pick_fill(&LEGALITY_SENTENCES));
        }
        if topic == ENFORCEMENT {
            let missing = self.faults.systems_missing;
            if missing == [false; 3] && self.rng.chance(60) {
                core.push(self.pick_fill(&THREE_SYSTEMS_TOGETHER));
            } else {
                for (system, missing) in missing.iter().enumerate() {
                    if !missing {
                        core.push(self.pick_fill(&THREE_SYSTEMS_EACH[system]));
                    }
                }
            }
        }
        if topic == POPULARISATION && !self.faults.no_who_enforces {
            core.push(self.pick_fill(&WHO_ENFORCES));
        }
        core
    }

    /// The subsections of part one, before it is filled up: the three core
    /// topics and some others, sometimes with the principal leader's duty
    /// as the first.
    fn part_one(&mut self, frp_subsection: bool) -> Vec<Subsection> {
        let mut topics: Vec<Option<usize>> = Vec::new();
        if frp_subsection {
            topics.push(None);
        }
        for t in 0..TOPICS.len() {
            let emergency = t == TOPICS.len() - 1;
            if matches!(t, LEGALITY | ENFORCEMENT | POPULARISATION)
                || (!emergency && self.rng.chance(60))
                || (emergency && self.who.government && self.rng.chance(60))
            {
                topics.push(Some(t));
            }
        }
        let mut subsections = Vec::new();
        for (k, topic) in topics.into_iter().enumerate() {
            let number = format!("（{}）", CHINESE_NUMBERS[k.min(CHINESE_NUMBERS.len() - 1)]);
            let Some(topic) = topic else {
                let mut pool = FRP_SENTENCES[1..].to_vec();
                let first = self.fill(FRP_SENTENCES[0]);
                let rest = self.paragraph(&mut pool, 2);
                subsections.push(Subsection {
                    heading: format!("{number}{}", self.rng.pick(&FRP_HEADINGS)),
                    items: false,
                    max_items: 0,
                    lines: vec![Line::Para(format!("{first}。{rest}"))],
                    pool,
                });
                continue;
            };
            let t = &TOPICS[topic];
            let mut pool: Vec<&'static str> = t.sentences.to_vec();
            let core = self.core_sentences(topic);
            let heading = format!("{number}{}", self.rng.pick(t.headings));
            let items = self.rng.chance(40);
            let mut lines = Vec::new();
            let count = if items { 2 + self.rng.below(2) } else { 1 };
            for i in 0..count {
                let sentences = 2 + self.rng.below(if items { 2 } else { 3 });
                let mut text = self.paragraph(&mut pool, sentences);
                if i == 0 {
                    for c in &core {
                        insert_sentence(&mut self.rng, &mut text, c);
                    }
                }
                lines.push(if items {
                    self.item(i + 1, text)
                } else {
                    Line::Para(text)
                });
            }
            subsections.push(Subsection {
                heading,
                items,
                max_items: 3 + self.rng.below(4),
                lines,
                pool,
            });
        }
        subsections
    }

    /// Sentences with the planted faults of the text (wrong terms,
    /// placeholders, year ranges, percentages), and some right
    /// percentages and year ranges; the planted faults are added to
    /// `planted`.
    fn planted_sentences(&mut self, planted: &mut Vec<Planted>) -> Vec<String> {
        let mut extra: Vec<String> = Vec::new();
        if let Some(i) = self.faults.wrong_term {
            let (wrong, _, sentence) = WRONG_TERMS[i];
            extra.push(self.fill(sentence));
            planted.push(Planted {
                rule: "canonical-term",
                text: Some(wrong.to_owned()),
            });
        }
        if let Some(i) = self.faults.placeholder {
            let (placeholder, sentence) = PLACEHOLDERS[i];
            extra.push(self.fill(sentence));
            planted.push(Planted {
                rule: "placeholder",
                text: Some(placeholder.to_owned()),
            });
        }
        let dash = if self.faults.year_dash {
            Some(self.rng.pick(&WRONG_DASHES))
        } else if self.rng.chance(20) {
            Some("—")
        } else {
            None
        };
        if let Some(dash) = dash {
            let t = self.rng.below(RANGED_TITLES.len());
            let (before, after) = RANGED_TITLES[t];
            let (from, to) = RANGES[t];
            let range = format!("{from}{dash}{to}");
            let document = format!("{before}{range}{after}");
            let sentence = self
                .rng
                .pick(&RANGED_SENTENCES)
                .replace("{title}", &document);
            extra.push(self.fill(&sentence));
            if self.faults.year_dash {
                planted.push(Planted {
                    rule: "year-range-dash",
                    text: Some(range),
                });
            }
        }
        if self.faults.bad_percentage {
            let (sentence, stated) = change_statement(&mut self.rng, true);
            extra.push(sentence);
            planted.push(Planted {
                rule: "percentage-arithmetic",
                text: Some(stated),
            });
        }
        if self.rng.chance(40) {
            extra.push(change_statement(&mut self.rng, false).0);
        }
        if self.rng.chance(30) {
            extra.push(share_statement(&mut self.rng));
        }
        if self.faults.no_shortcomings && self.rng.chance(50) {
            extra.push(self.rng.pick(&SHORTCOMINGS_MENTIONS).to_owned());
        }
        extra
    }

    /// Parts two to five (as the faults leave them): heading and lines.
    fn other_parts(&mut self, frp_subsection: bool) -> Vec<(String, Vec<Line>)> {
        let year = self.year;
        let mut parts: Vec<(String, Vec<Line>)> = Vec::new();
        if !self.faults.no_shortcomings {
            let heading = match self.rng.below(4) {
                0 => format!("{year}年度推进法治政府建设存在的不足和原因"),
                1 => "存在的问题及原因分析".to_owned(),
                _ => "存在的不足和原因".to_owned(),
            };
            let mut pool = SHORTCOMINGS.to_vec();
            let count = 3 + self.rng.below(3);
            let mut lines = Vec::new();
            if self.rng.chance(50) {
                let mut text = String::new();
                for ordinal in ["一是", "二是", "三是", "四是", "五是"].iter().take(count)
                {
                    let s = self.rng.take(&mut pool).unwrap_or(SHORTCOMINGS[0]);
                    text.push_str(ordinal);
                    text.push_str(&self.fill(s));
                    text.push('。');
                }
                lines.push(Line::Para(text));
            } else {
                for _ in 0..count {
                    let s = self.rng.take(&mut pool).unwrap_or(SHORTCOMINGS[0]);
                    lines.push(Line::Para(format!("{}。", self.fill(s))));
                }
            }
            lines.push(Line::Para(self.rng.pick(&CAUSES).to_owned()));
            parts.push((heading, lines));
        }
        if !self.faults.no_first_responsible && !frp_subsection {
            let mut pool = FRP_SENTENCES[1..].to_vec();
            let first = self.fill(FRP_SENTENCES[0]);
            let count = 2 + self.rng.below(3);
            let rest = self.paragraph(&mut pool, count);
            parts.push((
                self.rng.pick(&FRP_HEADINGS).to_owned(),
                vec![Line::Para(format!("{first}。{rest}"))],
            ));
        }
        let heading = match self.rng.below(4) {
            0 => format!("{}年度推进法治政府建设的主要安排", year + 1),
            1 => format!("{}年工作打算", year + 1),
            2 => "下一年度推进法治政府建设的主要安排".to_owned(),
            _ => "下一步工作安排".to_owned(),
        };
        let opening = self.pick_fill(&PLAN_OPENINGS);
        let mut lines = vec![Line::Para(format!("{opening}。"))];
        let mut pool = PLAN_ITEMS.to_vec();
        let count = 3 + self.rng.below(3);
        for number in CHINESE_NUMBERS.iter().take(count) {
            let Some((head, text)) = self.rng.take(&mut pool) else {
                break;
            };
            lines.push(Line::Sub(
                format!("（{number}）{head}"),
                Some(format!("{text}。")),
            ));
        }
        parts.push((heading, lines));
        if self.rng.chance(90) {
            let other = self.pick_fill(&OTHER_MATTERS);
            parts.push(("其他需要报告的情况".to_owned(), vec![Line::Para(other)]));
        }
        parts
    }

    /// Adds paragraphs, items and sub-items to part one while the report
    /// stays within `target` bytes; `size` is its size so far.
    fn fill_up(&mut self, subsections: &mut [Subsection], mut size: usize, target: usize) {
        let mut misses = 0;
        while misses < 3 {
            let s = self.rng.below(subsections.len());
            let sentences = if misses == 0 {
                2 + self.rng.below(4)
            } else {
                1
            };
            let sub = &mut subsections[s];
            let mut pool = std::mem::take(&mut sub.pool);
            let items = sub
                .lines
                .iter()
                .filter(|l| matches!(l, Line::Item(..)))
                .count();
            let ends_in_item = matches!(sub.lines.last(), Some(Line::Item(..) | Line::SubItem(..)));
            // What to add, and where: a new line at `at`, or a longer line
            // in place of the one at `at`.
            let (at, line, replaces) = if !sub.items {
                let text = self.paragraph(&mut pool, sentences);
                (sub.lines.len(), Line::Para(text), false)
            } else if ends_in_item && self.rng.chance(15) {
                let m = sub
                    .lines
                    .iter()
                    .rev()
                    .take_while(|l| matches!(l, Line::SubItem(..)))
                    .count();
                let heading = format!("（{}）{}", m + 1, self.rng.pick(&SUBITEM_HEADINGS));
                let text = self.paragraph(&mut pool, sentences.min(2));
                (sub.lines.len(), Line::SubItem(heading, text), false)
            } else if items < sub.max_items {
                let text = self.paragraph(&mut pool, sentences);
                (sub.lines.len(), self.item(items + 1, text), false)
            } else {
                let at = self.rng.below(sub.lines.len());
                let mut longer = sub.lines[at].clone();
                if let Line::Item(_, text) | Line::SubItem(_, text) | Line::Para(text) = &mut longer
                {
                    text.push_str(&self.paragraph(&mut pool, sentences));
                }
                (at, longer, true)
            };
            sub.pool = pool;
            let old = if replaces {
                self.layout.size(&sub.lines[at])
            } else {
                0
            };
            let grows = self.layout.size(&line) - old;
            if size + grows > target {
                misses += 1;
                continue;
            }
            size += grows;
            if replaces {
                sub.lines[at] = line;
            } else {
                sub.lines.insert(at, line);
            }
        }
    }
}

/// Percentages: a change "由A件增长至B件，增长C%" (right, or the fault: C
/// computed as B/A); returns the sentence and the stated percentage.
fn change_statement(rng: &mut Rng, wrong: bool) -> (String, String) {
    let a = rng.range(12, 240);
    let b = a + rng.range(1, a * 2);
    let stated = if wrong {
        format!("{}%", (b * 100 + a / 2) / a)
    } else {
        let tenths = ((b - a) * 1000 + a / 2) / a;
        format!("{}.{}%", tenths / 10, tenths % 10)
    };
    let subject = rng.pick(&[
        "全年受理行政复议申请",
        "行政调解案件",
        "网上办件量",
        "依申请公开事项",
    ]);
    (format!("{subject}由{a}件增长至{b}件，增长{stated}"), stated)
}

/// A share "共A件，其中B件……，占C%", right.
fn share_statement(rng: &mut Rng) -> String {
    let a = rng.range(20, 400);
    let b = rng.range(1, a - 1);
    let tenths = (b * 1000 + a / 2) / a;
    format!(
        "全年共办理各类行政争议{a}件，其中{b}件以调解方式化解，占{}.{}%",
        tenths / 10,
        tenths % 10
    )
}

/// Inserts `sentence` (without its 。) at a sentence boundary of `text`.
fn insert_sentence(rng: &mut Rng, text: &mut String, sentence: &str) {
    let boundaries: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('。').map(|(i, s)| i + s.len()))
        .collect();
    let at = boundaries[rng.below(boundaries.len())];
    text.insert_str(at, &format!("{sentence}。"));
}

/// The path, text and planted faults of report `index` of the corpus of
/// `seed`.
pub fn report(seed: u64, index: usize) -> (String, String, Vec<Planted>) {
    let mut rng = Rng::new(seed, index);
    let markdown = rng.below(3) == 0;
    let layout = Layout {
        markdown,
        atx_subsections: rng.chance(60),
        indent_headings: rng.chance(50),
        blank_lines: rng.chance(30),
        crlf: !markdown && rng.chance(10),
        item_delimiter: if rng.chance(60) { "." } else { "、" },
    };
    let faults = Faults::draw(&mut rng, markdown);
    let who = issuer(&mut rng);
    let year = 2021 + rng.below(4) as u32;
    // 5–20 KB: part one is filled up to this.
    let target = rng.range(6_400, 19_900);
    let mut draft = Draft {
        rng,
        who,
        year,
        layout,
        faults,
        used_nouns: Vec::new(),
    };

    let title = match draft.rng.below(10) {
        0..=6 => format!("{}关于{year}年度法治政府建设情况的报告", draft.who.name),
        7 | 8 => format!("{}{year}年度法治政府建设情况报告", draft.who.name),
        _ => format!("{}关于{year}年法治政府建设工作情况的报告", draft.who.name),
    };
    let who_says = if draft.rng.chance(50) {
        draft.who.name.clone()
    } else {
        draft.who.self_ref.clone()
    };
    let middle = draft.rng.pick(&INTRO_MIDDLES);
    let intro = draft.fill(&format!(
        "{year}年，{who_says}{middle}。现将{year}年度法治政府建设情况报告如下："
    ));
    let results_heading = match draft.rng.below(4) {
        0 => format!("{year}年度推进法治政府建设的主要举措和成效"),
        1 => format!("{year}年法治政府建设主要举措和成效"),
        2 => "主要举措和成效".to_owned(),
        _ => "推进法治政府建设的主要做法和成效".to_owned(),
    };

    // The principal leader's duty as a subsection of part one, sometimes.
    let frp_subsection = !draft.faults.no_first_responsible && draft.rng.chance(15);
    let mut subsections = draft.part_one(frp_subsection);
    let mut planted = Vec::new();
    for sentence in draft.planted_sentences(&mut planted) {
        let s = draft.rng.below(subsections.len());
        let sub = &mut subsections[s];
        let at = draft.rng.below(sub.lines.len());
        if let Line::Para(text) | Line::Item(_, text) | Line::SubItem(_, text) = &mut sub.lines[at]
        {
            insert_sentence(&mut draft.rng, text, &sentence);
        }
    }
    let parts = draft.other_parts(frp_subsection);
    let closing = vec![
        Line::Closing(draft.who.name.clone()),
        Line::Closing(format!(
            "{}年{}月{}日",
            year + 1,
            1 + draft.rng.below(2),
            1 + draft.rng.below(28)
        )),
    ];

    // Fill part one up to the target size.
    let layout = &draft.layout;
    let size = layout.size(&Line::Title(title.clone()))
        + layout.size(&Line::Para(intro.clone()))
        + layout.size(&Line::Part(format!("一、{results_heading}")))
        + subsections
            .iter()
            .map(|s| {
                layout.size(&Line::Sub(s.heading.clone(), None))
                    + s.lines.iter().map(|l| layout.size(l)).sum::<usize>()
            })
            .sum::<usize>()
        + parts
            .iter()
            .map(|(h, lines)| {
                layout.size(&Line::Part(format!("一、{h}")))
                    + lines.iter().map(|l| layout.size(l)).sum::<usize>()
            })
            .sum::<usize>()
        + closing.iter().map(|l| layout.size(l)).sum::<usize>();
    draft.fill_up(&mut subsections, size, target);

    // Plain text: subsection headings sometimes run on into their first
    // paragraph.
    let run_on = !markdown && draft.rng.chance(40);
    let mut lines = vec![
        Line::Title(title),
        Line::Para(intro),
        Line::Part(format!("一、{results_heading}")),
    ];
    for sub in subsections {
        let mut rest = sub.lines.into_iter();
        match (run_on, rest.next()) {
            (true, Some(Line::Para(text))) => lines.push(Line::Sub(sub.heading, Some(text))),
            (_, first) => {
                lines.push(Line::Sub(sub.heading, None));
                lines.extend(first);
            }
        }
        lines.extend(rest);
    }
    for (k, (heading, part)) in parts.into_iter().enumerate() {
        lines.push(Line::Part(format!("{}、{heading}", CHINESE_NUMBERS[k + 1])));
        lines.extend(part);
    }
    lines.extend(closing);
    let text = draft.layout.text(&lines);

    let faults = &draft.faults;
    for (missing, rule) in [
        (faults.no_shortcomings, "shortcomings-section"),
        (faults.no_first_responsible, "first-responsible-person"),
        (
            faults.systems_missing.contains(&true),
            "three-enforcement-systems",
        ),
        (faults.no_who_enforces, "who-enforces-educates"),
    ] {
        if missing {
            planted.push(Planted { rule, text: None });
        }
    }
    let ext = if markdown { "md" } else { "txt" };
    let path = format!("{}/report-{index:06}.{ext}", folder_name(index % FOLDERS));
    (path, text, planted)
}

/// Every kind of sentence the generator plants a fault of the text with,
/// filled in: (rule, sentence, the text a finding of the rule must point
/// at). For tests: each must be found, whichever reports it lands in.
pub fn fault_samples(seed: u64) -> Vec<(&'static str, String, String)> {
    let mut rng = Rng::new(seed, usize::MAX);
    let who = issuer(&mut rng);
    let year = 2023;
    let mut samples = Vec::new();
    for (wrong, _, sentence) in WRONG_TERMS {
        let text = fill(&mut rng, sentence, &who, year);
        samples.push(("canonical-term", format!("{text}。"), wrong.to_owned()));
    }
    for (placeholder, sentence) in PLACEHOLDERS {
        let text = fill(&mut rng, sentence, &who, year);
        samples.push(("placeholder", format!("{text}。"), placeholder.to_owned()));
    }
    for (t, (before, after)) in RANGED_TITLES.iter().enumerate() {
        for (d, dash) in WRONG_DASHES.iter().enumerate() {
            let (from, to) = RANGES[t];
            let range = format!("{from}{dash}{to}");
            let sentence = RANGED_SENTENCES[(t + d) % RANGED_SENTENCES.len()]
                .replace("{title}", &format!("{before}{range}{after}"));
            let text = fill(&mut rng, &sentence, &who, year);
            samples.push(("year-range-dash", format!("{text}。"), range));
        }
    }
    for _ in 0..5 {
        let (text, stated) = change_statement(&mut rng, true);
        samples.push(("percentage-arithmetic", format!("{text}。"), stated));
    }
    samples
}

/// A line of `manifest.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRow {
    pub path: String,
    pub rules: Vec<String>,
    /// (rule, planted text)
    pub texts: Vec<(String, String)>,
}

/// Reads `manifest.tsv` back.
pub fn read_manifest(dir: &Path) -> std::io::Result<Vec<ManifestRow>> {
    let text = std::fs::read_to_string(dir.join(MANIFEST))?;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let mut fields = line.split('\t');
        let path = fields.next().unwrap_or_default().to_owned();
        let rules = fields
            .next()
            .unwrap_or_default()
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect();
        let texts = fields
            .next()
            .unwrap_or_default()
            .split(';')
            .filter_map(|t| t.split_once('='))
            .map(|(r, t)| (r.to_owned(), t.to_owned()))
            .collect();
        rows.push(ManifestRow { path, rules, texts });
    }
    Ok(rows)
}
