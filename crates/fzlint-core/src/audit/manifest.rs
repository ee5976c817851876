//! The audit's manifest: a CSV file a supervising office keeps of the
//! reports it received — path, issuer and publication date — parsed from its
//! bytes with the `csv` crate (the command line reads the file; the page gets
//! it from the browser). Headers may be English (`path`, `issuer`,
//! `published`) or Chinese (`路径`/`文件`, `主体`/`单位`, `发布日期`/`发布时间`);
//! a UTF-8 byte-order mark (as Excel and WPS write) is skipped. Paths are
//! relative to the manifest's folder.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::document::metadata::Date;

/// What the manifest says about one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The issuer's name, if given.
    pub issuer: Option<String>,
    /// The publication date, if given.
    pub published: Option<Date>,
    /// 1-based line of the row in the manifest.
    pub line: u64,
}

/// A manifest, keyed by normalised path.
#[derive(Debug, Default)]
pub struct ManifestCsv {
    entries: HashMap<PathBuf, Entry>,
}

/// A problem with the manifest, at a line and column where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The manifest's path.
    pub path: String,
    /// 1-based line, when the problem is in a row.
    pub line: Option<u64>,
    /// 1-based column (field number), when it is in a field.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// A problem found while parsing: line, column, message.
type Problem = (Option<u64>, Option<usize>, String);

const PATH_HEADERS: [&str; 4] = ["path", "路径", "文件", "文件路径"];
const ISSUER_HEADERS: [&str; 4] = ["issuer", "主体", "单位", "报告主体"];
const PUBLISHED_HEADERS: [&str; 5] = ["published", "发布日期", "发布时间", "公开日期", "公开时间"];

/// Lexically normalises a path: drops `.`, resolves `..` where it can.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl super::Manifest for ManifestCsv {
    fn entry(&self, name: &str) -> Option<super::ManifestEntry> {
        self.get(Path::new(name)).map(|e| super::ManifestEntry {
            issuer: e.issuer.clone(),
            published: e.published,
        })
    }
}

impl ManifestCsv {
    /// Parses a manifest's bytes (`name` is what errors call it); paths in
    /// it are taken relative to `base`, its folder. Every problem is
    /// reported, not just the first.
    ///
    /// The bytes are read as people save a list from Excel or WPS on
    /// Chinese Windows: UTF-8 with or without a byte-order mark, GBK/GB18030
    /// (the default "CSV"), UTF-16 with a byte-order mark ("Unicode text",
    /// tab-separated) — the reports' decoding — and separated by commas, or
    /// by tabs when the header has tabs and no commas. Paths may use `\`.
    pub fn parse(name: &str, bytes: &[u8], base: &Path) -> Result<ManifestCsv, Vec<ManifestError>> {
        let error = |line, message: String| {
            vec![ManifestError {
                path: name.to_owned(),
                line,
                column: None,
                message,
            }]
        };
        let text = match crate::text::decode::decode(name, bytes, None) {
            Ok((text, _)) => text,
            Err(crate::error::InputError::Undecodable { position, .. }) => {
                return Err(error(
                    position.map(|(line, _)| line as u64),
                    "这一行的字节不是 UTF-8，也不是 GBK/GB18030 文本；请把清单另存为 CSV（UTF-8 或 GBK）".to_owned(),
                ));
            }
            Err(_) => {
                return Err(error(
                    None,
                    "清单不是文本文件；请在 Excel 或 WPS 中另存为 CSV".to_owned(),
                ));
            }
        };
        // Line endings as `\n`: after `\r\n` (Excel's), the csv reader
        // numbers each record one line too early.
        let text = text.replace("\r\n", "\n");
        ManifestCsv::parse_rows(text.as_bytes(), base).map_err(|errors| {
            errors
                .into_iter()
                .map(|(line, column, message)| ManifestError {
                    path: name.to_owned(),
                    line,
                    column,
                    message,
                })
                .collect()
        })
    }

    /// Parses manifest CSV; paths are taken relative to `base`. Errors are
    /// (line, column, message).
    fn parse_rows(bytes: &[u8], base: &Path) -> Result<ManifestCsv, Vec<Problem>> {
        let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let delimiter = if header.contains(&b'\t') && !header.contains(&b',') {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| vec![(Some(1), None, format!("表头无法读取：{e}"))])?
            .clone();
        let find = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let Some(path_col) = find(&PATH_HEADERS) else {
            return Err(vec![(
                Some(1),
                None,
                format!("表头中没有路径列（应为 {} 之一）", PATH_HEADERS.join("、")),
            )]);
        };
        let issuer_col = find(&ISSUER_HEADERS);
        let published_col = find(&PUBLISHED_HEADERS);
        let mut entries = HashMap::new();
        let mut errors = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map(|p| p.line());
                    errors.push((line, None, format!("无法读取这一行：{e}")));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let field = |col: Option<usize>| {
                col.and_then(|c| record.get(c))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            };
            let Some(report) = field(Some(path_col)) else {
                if record.iter().any(|f| !f.trim().is_empty()) {
                    errors.push((Some(line), Some(path_col + 1), "路径为空".to_owned()));
                }
                continue;
            };
            let published = match field(published_col) {
                None => None,
                Some(text) => match Date::parse(text) {
                    Some(date) => Some(date),
                    None => {
                        errors.push((
                            Some(line),
                            published_col.map(|c| c + 1),
                            format!("无法识别的日期 `{text}`；应为 2024-03-15、2024/3/15 或 2024年3月15日"),
                        ));
                        continue;
                    }
                },
            };
            // `县级\甲县.docx`, as Windows writes it, is `县级/甲县.docx`.
            let key = normalise(&base.join(report.replace('\\', "/")));
            let entry = Entry {
                issuer: field(issuer_col).map(str::to_owned),
                published,
                line,
            };
            if let Some(first) = entries.insert(key, entry) {
                errors.push((
                    Some(line),
                    Some(path_col + 1),
                    format!("路径 `{report}` 在第 {} 行已出现过", first.line),
                ));
            }
        }
        if errors.is_empty() {
            Ok(ManifestCsv { entries })
        } else {
            Err(errors)
        }
    }

    /// The entry for a report path (as walked, relative to the working
    /// directory or absolute).
    pub fn get(&self, report: &Path) -> Option<&Entry> {
        self.entries.get(&normalise(report))
    }

    /// Entries that no report of the run matched, by line.
    pub fn unmatched<'a>(&'a self, reports: &[PathBuf]) -> Vec<(&'a Path, u64)> {
        let seen: std::collections::HashSet<PathBuf> =
            reports.iter().map(|p| normalise(p)).collect();
        let mut out: Vec<(&Path, u64)> = self
            .entries
            .iter()
            .filter(|(path, _)| !seen.contains(*path))
            .map(|(path, entry)| (path.as_path(), entry.line))
            .collect();
        out.sort_by_key(|(_, line)| *line);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_or_chinese_headers_and_relative_paths() {
        let csv = "路径,主体,发布日期\ncounties/a.txt,蓠川县人民政府,2024年3月20日\n./b.md,,2024-02-01\nc.txt,某局,\n";
        let m = ManifestCsv::parse_rows(csv.as_bytes(), Path::new("reports")).unwrap();
        let a = m.get(Path::new("reports/counties/a.txt")).unwrap();
        assert_eq!(a.issuer.as_deref(), Some("蓠川县人民政府"));
        assert_eq!(a.published.unwrap().to_string(), "2024-03-20");
        assert_eq!(a.line, 2);
        let b = m.get(Path::new("./reports/b.md")).unwrap();
        assert_eq!((b.issuer.as_deref(), b.line), (None, 3));
        assert_eq!(m.get(Path::new("reports/c.txt")).unwrap().published, None);
        let unmatched = m.unmatched(&[PathBuf::from("reports/b.md")]);
        let lines: Vec<u64> = unmatched.iter().map(|(_, l)| *l).collect();
        assert_eq!(lines, vec![2, 4]);
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_errors_name_the_file() {
        let csv = "\u{feff}路径,发布日期\na.txt,2024-03-01\nb.txt,明天\n";
        let errors = ManifestCsv::parse("清单.csv", csv.as_bytes(), Path::new("")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().starts_with("清单.csv:3:2: "),
            "{}",
            errors[0]
        );
        let fine = "\u{feff}路径\na.txt\n";
        assert!(ManifestCsv::parse("清单.csv", fine.as_bytes(), Path::new("")).is_ok());
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let csv = "path,published\na.txt,2024-13-01\n,2024-01-01\na.txt,2024-01-02\nb.txt,2024-01-03\nb.txt,昨天\n";
        let errors = ManifestCsv::parse_rows(csv.as_bytes(), Path::new("")).unwrap_err();
        let lines: Vec<Option<u64>> = errors.iter().map(|e| e.0).collect();
        assert_eq!(lines, vec![Some(2), Some(3), Some(6)]);
        assert!(errors[0].2.contains("2024-13-01"), "{}", errors[0].2);
        assert_eq!(errors[1].1, Some(1));
        let no_path = ManifestCsv::parse_rows("file,date\n".as_bytes(), Path::new("")).unwrap_err();
        assert!(no_path[0].2.contains("路径列"), "{}", no_path[0].2);
    }

    #[test]
    fn a_list_saved_by_excel_or_wps_on_chinese_windows_reads_as_saved() {
        let csv = "路径,主体,发布日期\r\n县级\\湄川县.docx,湄川县人民政府,2024年3月20日\r\n市直/司法局.txt,蕖阳市司法局,2024/3/28\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(csv);
        // "Unicode text": UTF-16 with a byte-order mark, tab-separated.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            csv.replace(',', "\t")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        for bytes in [gbk.into_owned(), utf16] {
            let m = ManifestCsv::parse("清单.csv", &bytes, Path::new("上报")).unwrap();
            let a = m.get(Path::new("上报/县级/湄川县.docx")).unwrap();
            assert_eq!(a.issuer.as_deref(), Some("湄川县人民政府"));
            assert_eq!(a.published.unwrap().to_string(), "2024-03-20");
            let b = m.get(Path::new("上报/市直/司法局.txt")).unwrap();
            assert_eq!(b.published.unwrap().to_string(), "2024-03-28");
            // An entry no report matched is named by the path looked for.
            let unmatched = m.unmatched(&[PathBuf::from("上报/市直/司法局.txt")]);
            assert_eq!(unmatched, vec![(Path::new("上报/县级/湄川县.docx"), 2)]);
        }
    }
}
