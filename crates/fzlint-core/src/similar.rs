//! Copied and templated reports: pairs of texts that share much of their
//! wording, with the longest passages they share.
//!
//! Each text is reduced to its letters and digits (punctuation, spaces and
//! line breaks dropped, full-width forms folded, every digit the same, so a
//! re-submitted report with new figures still matches) and cut into
//! overlapping character n-grams ("shingles").
//!
//! **Candidates** come from an inverted index of a fixed fraction of the
//! shingles (kept by hash value, so the same shingle is kept in every text):
//! the cost grows with the number of shared shingles, not with the number of
//! pairs of texts. A shingle found in more than `max(50, N / 10)` of the N
//! texts ("common") is left out of the index, but for the members of a
//! large family: texts whose shingles are, for at least the threshold,
//! common ones shared with one and the same set of texts — the copies of
//! one report, or of one template filled in. Among them the common shingles
//! are indexed too, so that a family of any size is found, while the stock
//! phrases every report uses (each shared with a different set of reports)
//! cost nothing. A pair
//! is a candidate when the shingles it shares make up at least the
//! threshold of the smaller text's — counted plainly, or weighted by rarity
//! (a shingle in at most `max(2, N / 100)` texts weighs 1, a commoner one
//! less, falling towards 0 as it nears every text, so the stock phrases of
//! the genre weigh little).
//!
//! **The similarity** of a candidate pair is then measured exactly: the
//! share of the shorter text covered by passages of at least `min_passage`
//! characters that the two texts share word for word. Stock phrases are
//! shorter than that (以习近平法治思想为指导 is ten characters), so a hundred
//! reports that all use them are not copies of one another, while nine
//! copies of one report are, however many of the collection they are.
//!
//! **Clusters** group the pairs for a reader (a template filled in by 50
//! offices is 1,225 pairs, one cluster): texts are linked by their mutual
//! pairs (each text mostly the other's wording), so a copy chain is one
//! cluster; a text similar to others only as the shorter of the two (a
//! short note made of a boilerplate paragraph) joins the cluster of its
//! most similar text and never merges two (see [`search`]). Each cluster
//! lists how much of each member it shares and the passages its members
//! share, with their place in each member.

use std::collections::HashMap;
use std::ops::Range;

use crate::par::*;

/// How to look for similar texts.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Report pairs at or above this similarity (0.0–1.0).
    pub threshold: f64,
    /// Shingle length in characters.
    pub shingle: usize,
    /// Keep one shingle in this many (by hash) for the index.
    pub sample: u64,
    /// The shortest shared passage that counts (and is listed), in
    /// characters.
    pub min_passage: usize,
    /// How many passages to list per pair.
    pub max_passages: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threshold: 0.5,
            shingle: 8,
            sample: 4,
            min_passage: 32,
            max_passages: 5,
        }
    }
}

/// A passage two texts share: byte ranges into each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Where it is in the first text.
    pub a: Range<usize>,
    /// Where it is in the second text.
    pub b: Range<usize>,
    /// Its length in (kept) characters.
    pub chars: usize,
}

/// Two similar texts, by index, `a < b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The first text.
    pub a: usize,
    /// The second text.
    pub b: usize,
    /// 0.0–1.0: the share of the shorter text covered by passages it shares
    /// with the other.
    pub similarity: f64,
    /// The longest shared passages, longest first.
    pub passages: Vec<Passage>,
}

/// A group of similar texts: the copies of one report, the fillings of one
/// template, a copy chain (A copied by B, B by C). See [`search`] for how
/// texts are grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Its texts, by index.
    pub members: Vec<Member>,
    /// The pairs between its members: indexes into [`Similar::pairs`], in
    /// that order.
    pub pairs: Vec<usize>,
    /// The lowest similarity of those pairs.
    pub lowest: f64,
    /// The highest.
    pub highest: f64,
    /// The passages its members share: those in most members first (the
    /// core every member has, then what only some share), then the
    /// longest; at most [`Options::max_passages`].
    pub passages: Vec<SharedPassage>,
}

/// A text of a cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The text's index.
    pub text: usize,
    /// 0.0–1.0: the share of the text covered by passages it shares with
    /// the other members it is similar to.
    pub shared: f64,
}

/// A passage several members of a cluster share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPassage {
    /// Its length in (kept) characters.
    pub chars: usize,
    /// Where it is in each member that has it: (text index, byte range),
    /// by text index; two or more.
    pub places: Vec<(usize, Range<usize>)>,
}

/// Similar pairs and their clusters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Similar {
    /// The pairs, most similar first.
    pub pairs: Vec<Pair>,
    /// The clusters, largest first (then by highest similarity); every
    /// text of a pair is in one.
    pub clusters: Vec<Cluster>,
}

/// A text reduced to the characters that carry its wording.
struct Reduced {
    chars: Vec<char>,
    /// Byte offset of each kept character in the original text.
    offsets: Vec<usize>,
    /// End byte offset of each kept character.
    ends: Vec<usize>,
}

fn reduce(text: &str) -> Reduced {
    let mut chars = Vec::with_capacity(text.len() / 3);
    let mut offsets = Vec::with_capacity(text.len() / 3);
    let mut ends = Vec::with_capacity(text.len() / 3);
    for (i, c) in text.char_indices() {
        if !c.is_alphanumeric() {
            continue;
        }
        // Full-width ASCII forms to half-width; every digit the same.
        let folded = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        let folded = if folded.is_numeric() { '0' } else { folded };
        chars.push(folded);
        offsets.push(i);
        ends.push(i + c.len_utf8());
    }
    Reduced {
        chars,
        offsets,
        ends,
    }
}

/// The hash of every shingle, in order.
fn shingles(chars: &[char], k: usize) -> Vec<u64> {
    if chars.len() < k {
        return Vec::new();
    }
    chars
        .windows(k)
        .map(|window| {
            // FNV-1a over the code points, then a final mix so that the
            // low bits (used for sampling) are well spread.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &c in window {
                h ^= u64::from(u32::from(c));
                h = h.wrapping_mul(0x0000_0100_0000_01B3);
            }
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^ (h >> 33)
        })
        .collect()
}

/// Finds the pairs of `texts` at or above `options.threshold`, ordered by
/// similarity (highest first), then by index.
pub fn find(texts: &[&str], options: &Options) -> Vec<Pair> {
    search(texts, options).pairs
}

/// Finds the pairs of `texts` at or above `options.threshold` (as
/// [`find`]) and groups them into clusters.
///
/// Two texts are linked when their pair is **mutual**: the passages they
/// share make up at least the threshold of the longer text too, not only
/// of the shorter. Linked texts form a cluster (connected components, so a
/// chain A→B→C is one cluster even when A and C are no longer similar). A
/// pair that is similar only for its shorter text joins that text to the
/// other's cluster when it is in none yet (most similar pair first), and
/// links no two clusters: one report made of a paragraph two unrelated
/// groups both use does not merge them. Such pairs stay in
/// [`Similar::pairs`], outside every cluster's [`Cluster::pairs`].
pub fn search(texts: &[&str], options: &Options) -> Similar {
    let k = options.shingle.max(2);
    let sample = options.sample.max(1);
    // The inverted index: the sampled, distinct shingles of each text, as
    // (hash, text) sorted by hash. The reduced texts are not kept: only the
    // few pairs above the threshold need them again.
    let mut entries: Vec<(u64, u32)> = texts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, text)| {
            let reduced = reduce(text);
            let mut hashes: Vec<u64> = shingles(&reduced.chars, k)
                .into_iter()
                .filter(|h| h % sample == 0)
                .collect();
            hashes.sort_unstable();
            hashes.dedup();
            hashes.into_iter().map(move |h| (h, doc as u32))
        })
        .collect();
    entries.par_sort_unstable();
    let n = texts.len();
    let cap = (n / 10).max(50);
    let d0 = (n / 100).max(2);
    let weight_of = |df: usize| {
        if df <= d0 {
            1.0
        } else if df > cap {
            0.0
        } else {
            let n = n as f64 + 1.0;
            (n / df as f64).ln() / (n / d0 as f64).ln()
        }
    };
    // Each text's total weight and count of indexed shingles, summed in
    // hash order; and the groups of texts sharing a shingle that can make a
    // pair (2 to `cap` texts), their members and weight. Most shingles
    // belong to one text only: they count in its totals but are not kept,
    // which is most of the index's memory.
    let mut total = vec![0.0f64; n];
    let mut count = vec![0.0f64; n];
    let mut common = vec![0.0f64; n];
    let index = &entries;
    let runs = || {
        let entries = index;
        let mut start = 0;
        std::iter::from_fn(move || {
            let hash = entries.get(start)?.0;
            let end = start + entries[start..].partition_point(|e| e.0 == hash);
            let run = &entries[start..end];
            start = end;
            Some(run)
        })
    };
    // Each common shingle's set of texts, by a hash of it: the copies of
    // one report share their common shingles with exactly the same texts.
    let mut sets: Vec<(u32, u64)> = Vec::new();
    for run in runs() {
        let w = weight_of(run.len());
        let common_run = run.len() > cap;
        let mut set = 0xcbf2_9ce4_8422_2325u64;
        for &(_, doc) in run {
            total[doc as usize] += w;
            if common_run {
                common[doc as usize] += 1.0;
                set = (set ^ u64::from(doc)).wrapping_mul(0x0000_0100_0000_01B3);
            } else {
                count[doc as usize] += 1.0;
            }
        }
        if common_run {
            sets.extend(run.iter().map(|&(_, doc)| (doc, set)));
        }
    }
    // A family's members: the texts most of whose shingles (at least the
    // threshold) are common ones shared with one and the same set of
    // texts. The stock phrases of a collection are each shared with a
    // different set, so a report made of them is in no family.
    sets.par_sort_unstable();
    let mut family = vec![false; n];
    for same_doc in sets.chunk_by(|x, y| x.0 == y.0) {
        let doc = same_doc[0].0 as usize;
        let largest = same_doc
            .chunk_by(|x, y| x.1 == y.1)
            .map(<[_]>::len)
            .max()
            .unwrap_or(0) as f64;
        family[doc] = largest >= (count[doc] + common[doc]) * options.threshold;
    }
    drop(sets);
    let mut groups: Vec<(Range<usize>, f64)> = Vec::new();
    let mut members: Vec<u32> = Vec::new();
    let mut doc_groups: Vec<Vec<u32>> = vec![Vec::new(); n];
    for run in runs() {
        let (len, w) = (run.len(), weight_of(run.len()));
        let first = members.len();
        if len <= cap {
            members.extend(run.iter().map(|&(_, doc)| doc));
        } else {
            members.extend(
                run.iter()
                    .map(|&(_, doc)| doc)
                    .filter(|&doc| family[doc as usize]),
            );
        }
        if members.len() - first < 2 {
            members.truncate(first);
            continue;
        }
        let group = groups.len() as u32;
        for &doc in &members[first..] {
            doc_groups[doc as usize].push(group);
        }
        groups.push((first..members.len(), w));
    }
    drop(entries);

    // Shared weight and count of every pair that shares an indexed shingle,
    // one text at a time; pairs at or above the threshold are candidates.
    let candidates: Vec<(usize, usize)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![(0.0f64, 0.0f64); n], Vec::<usize>::new()),
            |(shared, touched), a| {
                for &g in &doc_groups[a] {
                    let (range, w) = &groups[g as usize];
                    for &b in &members[range.clone()] {
                        let b = b as usize;
                        if b > a {
                            if shared[b] == (0.0, 0.0) {
                                touched.push(b);
                            }
                            shared[b].0 += w;
                            shared[b].1 += 1.0;
                        }
                    }
                }
                let mut found = Vec::new();
                for &b in touched.iter() {
                    let share = |part: f64, x: f64, y: f64| {
                        let smaller = x.min(y);
                        if smaller > 0.0 { part / smaller } else { 0.0 }
                    };
                    let (w, c) = shared[b];
                    // Two members of a family share common shingles too.
                    let (x, y) = if family[a] && family[b] {
                        (count[a] + common[a], count[b] + common[b])
                    } else {
                        (count[a], count[b])
                    };
                    if share(w, total[a], total[b]) >= options.threshold
                        || share(c, x, y) >= options.threshold
                    {
                        found.push((a, b));
                    }
                    shared[b] = (0.0, 0.0);
                }
                touched.clear();
                found
            },
        )
        .flatten()
        .collect();

    let mut measured: Vec<(Pair, Cover)> = candidates
        .into_par_iter()
        .filter_map(|(a, b)| {
            let (similarity, passages, cover) = compare(texts[a], texts[b], k, options);
            (similarity >= options.threshold).then_some((
                Pair {
                    a,
                    b,
                    similarity,
                    passages,
                },
                cover,
            ))
        })
        .collect();
    measured.sort_by(|(x, _), (y, _)| {
        y.similarity
            .total_cmp(&x.similarity)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    let (pairs, covers): (Vec<Pair>, Vec<Cover>) = measured.into_iter().unzip();
    let clusters = cluster(texts, &pairs, &covers, k, options);
    Similar { pairs, clusters }
}

/// What a measured pair's shared passages cover, in kept characters: the
/// ranges of each text and the lengths of both texts.
struct Cover {
    a: Vec<Range<usize>>,
    b: Vec<Range<usize>>,
    a_len: usize,
    b_len: usize,
}

impl Cover {
    /// Whether the shared passages make up at least `threshold` of the
    /// longer text too: each of the two is mostly the other's wording.
    fn mutual(&self, threshold: f64) -> bool {
        let covered: usize = self.a.iter().map(|r| r.len()).sum();
        let longer = self.a_len.max(self.b_len);
        longer > 0 && covered as f64 / longer as f64 >= threshold
    }
}

/// The similarity of two texts (the share of the shorter one covered by
/// shared passages of at least `min_passage` characters), the longest of
/// those passages and what they cover.
fn compare(a_text: &str, b_text: &str, k: usize, options: &Options) -> (f64, Vec<Passage>, Cover) {
    let a = reduce(a_text);
    let b = reduce(b_text);
    let found = shared_runs(&a, &b, k, options.min_passage);
    let covered: usize = found.iter().map(|&(_, _, len)| len).sum();
    let shorter = a.chars.len().min(b.chars.len());
    let similarity = if shorter == 0 {
        0.0
    } else {
        (covered as f64 / shorter as f64).min(1.0)
    };
    let cover = Cover {
        a: found.iter().map(|&(i, _, len)| i..i + len).collect(),
        b: found.iter().map(|&(_, j, len)| j..j + len).collect(),
        a_len: a.chars.len(),
        b_len: b.chars.len(),
    };
    let mut longest = found;
    longest.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(&y.0)));
    longest.truncate(options.max_passages);
    let passages = longest
        .into_iter()
        .map(|(i, j, len)| Passage {
            a: widen(a_text, a.offsets[i]..a.ends[i + len - 1]),
            b: widen(b_text, b.offsets[j]..b.ends[j + len - 1]),
            chars: len,
        })
        .collect();
    (similarity, passages, cover)
}

/// A run of characters two texts share: (start in the first, start in the
/// second, length), in kept characters.
type Run = (usize, usize, usize);

/// A piece of a cluster's centre text and the run of each other member
/// that covers it: (index among the others, index of the run).
type Piece = (Range<usize>, Vec<(usize, usize)>);

/// Groups the texts of `pairs` into clusters, as [`search`] says: mutual
/// pairs link (the copies of one report, the fillings of one template,
/// each link of a copy chain); a one-sided pair (a short note made of a
/// passage the longer report uses) only brings a text in no cluster yet
/// into its most similar text's.
fn cluster(
    texts: &[&str],
    pairs: &[Pair],
    covers: &[Cover],
    k: usize,
    options: &Options,
) -> Vec<Cluster> {
    let n = texts.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    fn join(parent: &mut [usize], size: &mut [usize], x: usize, y: usize) {
        let (x, y) = (root(parent, x), root(parent, y));
        if x != y {
            let (big, small) = if size[x] >= size[y] { (x, y) } else { (y, x) };
            parent[small] = big;
            size[big] += size[small];
        }
    }
    let mutual: Vec<bool> = covers.iter().map(|c| c.mutual(options.threshold)).collect();
    for (pair, _) in pairs.iter().zip(&mutual).filter(|(_, m)| **m) {
        join(&mut parent, &mut size, pair.a, pair.b);
    }
    // One-sided pairs, most similar first (the order of `pairs`): a text
    // in no cluster yet joins the other's.
    for (pair, _) in pairs.iter().zip(&mutual).filter(|(_, m)| !**m) {
        let (ra, rb) = (root(&mut parent, pair.a), root(&mut parent, pair.b));
        if ra != rb && (size[ra] == 1 || size[rb] == 1) {
            join(&mut parent, &mut size, pair.a, pair.b);
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut seen = vec![false; n];
    for pair in pairs {
        for x in [pair.a, pair.b] {
            if !std::mem::replace(&mut seen[x], true) {
                let r = root(&mut parent, x);
                by_root.entry(r).or_default().push(x);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
    for members in &mut groups {
        members.sort_unstable();
    }
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = Some(g);
        }
    }
    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (index, pair) in pairs.iter().enumerate() {
        if let (Some(g), Some(h)) = (group_of[pair.a], group_of[pair.b])
            && g == h
        {
            inside[g].push(index);
        }
    }
    let mut clusters: Vec<Cluster> = groups
        .into_par_iter()
        .zip(inside)
        .map(|(members, inside)| describe(texts, pairs, covers, members, inside, k, options))
        .collect();
    clusters.sort_by(|x, y| {
        y.members
            .len()
            .cmp(&x.members.len())
            .then(y.highest.total_cmp(&x.highest))
            .then(x.members[0].text.cmp(&y.members[0].text))
    });
    clusters
}

/// A cluster's members' shares, similarity range and shared passages.
fn describe(
    texts: &[&str],
    pairs: &[Pair],
    covers: &[Cover],
    members: Vec<usize>,
    inside: Vec<usize>,
    k: usize,
    options: &Options,
) -> Cluster {
    // What each member shares with the others: the union of its pairs'
    // covered ranges.
    let mut ranges: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    let mut lengths: HashMap<usize, usize> = HashMap::new();
    let mut weight: HashMap<usize, f64> = HashMap::new();
    for &index in &inside {
        let (pair, cover) = (&pairs[index], &covers[index]);
        ranges
            .entry(pair.a)
            .or_default()
            .extend(cover.a.iter().cloned());
        ranges
            .entry(pair.b)
            .or_default()
            .extend(cover.b.iter().cloned());
        lengths.insert(pair.a, cover.a_len);
        lengths.insert(pair.b, cover.b_len);
        *weight.entry(pair.a).or_default() += pair.similarity;
        *weight.entry(pair.b).or_default() += pair.similarity;
    }
    let members: Vec<Member> = members
        .into_iter()
        .map(|text| {
            let mut own = ranges.remove(&text).unwrap_or_default();
            own.sort_by_key(|r| r.start);
            let (mut covered, mut end) = (0, 0);
            for r in own {
                let start = r.start.max(end);
                if r.end > start {
                    covered += r.end - start;
                    end = r.end;
                }
            }
            let length = lengths.get(&text).copied().unwrap_or(0);
            Member {
                text,
                shared: if length == 0 {
                    0.0
                } else {
                    (covered as f64 / length as f64).min(1.0)
                },
            }
        })
        .collect();
    let similarities = inside.iter().map(|&i| pairs[i].similarity);
    let lowest = similarities.clone().fold(1.0f64, f64::min);
    let highest = similarities.fold(0.0f64, f64::max);
    // The passages: the centre (the member most similar to the others)
    // against every other member, cut where the set of members that share
    // its text changes.
    let centre = members
        .iter()
        .map(|m| m.text)
        .max_by(|x, y| {
            let (wx, wy) = (weight.get(x).unwrap_or(&0.0), weight.get(y).unwrap_or(&0.0));
            wx.total_cmp(wy).then(y.cmp(x))
        })
        .unwrap_or(0);
    let passages = shared_passages(texts, centre, &members, k, options);
    Cluster {
        members,
        pairs: inside,
        lowest,
        highest,
        passages,
    }
}

/// The passages of `centre`'s text that other members share, those shared
/// by most members first (the cluster's core), then the longest: `centre` is compared with each member, and its
/// text cut wherever the set of members sharing it (or the place in one of
/// them) changes.
fn shared_passages(
    texts: &[&str],
    centre: usize,
    members: &[Member],
    k: usize,
    options: &Options,
) -> Vec<SharedPassage> {
    let c = reduce(texts[centre]);
    let others: Vec<(usize, Reduced, Vec<Run>)> = members
        .iter()
        .filter(|m| m.text != centre)
        .map(|m| {
            let r = reduce(texts[m.text]);
            let runs = shared_runs(&c, &r, k, options.min_passage);
            (m.text, r, runs)
        })
        .collect();
    let mut cuts: Vec<usize> = others
        .iter()
        .flat_map(|(_, _, runs)| runs.iter().flat_map(|&(i, _, len)| [i, i + len]))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    // Each piece between two cuts: which run of each member covers it.
    let mut pieces: Vec<Piece> = Vec::new();
    for window in cuts.windows(2) {
        let (p, q) = (window[0], window[1]);
        let key: Vec<(usize, usize)> = others
            .iter()
            .enumerate()
            .filter_map(|(o, (_, _, runs))| {
                let r = runs.partition_point(|&(i, _, _)| i <= p).checked_sub(1)?;
                let (i, _, len) = runs[r];
                (p >= i && q <= i + len).then_some((o, r))
            })
            .collect();
        if key.is_empty() {
            continue;
        }
        match pieces.last_mut() {
            Some((range, last)) if range.end == p && *last == key => range.end = q,
            _ => pieces.push((p..q, key)),
        }
    }
    pieces.retain(|(range, _)| range.len() >= options.min_passage);
    pieces.sort_by(|(x, xk), (y, yk)| {
        yk.len()
            .cmp(&xk.len())
            .then(y.len().cmp(&x.len()))
            .then(x.start.cmp(&y.start))
    });
    pieces.truncate(options.max_passages);
    pieces
        .into_iter()
        .map(|(range, key)| {
            let mut places = vec![(
                centre,
                widen(texts[centre], c.offsets[range.start]..c.ends[range.end - 1]),
            )];
            for (o, r) in key {
                let (text, reduced, runs) = &others[o];
                let (i, j, _) = runs[r];
                let start = j + (range.start - i);
                let end = j + (range.end - i);
                places.push((
                    *text,
                    widen(texts[*text], reduced.offsets[start]..reduced.ends[end - 1]),
                ));
            }
            places.sort_by_key(|(text, _)| *text);
            SharedPassage {
                chars: range.len(),
                places,
            }
        })
        .collect()
}

/// The runs of equal characters `a` and `b` share, as (start in `a`,
/// start in `b`, length), in the order of `a`: maximal runs found from
/// shared shingles, greedily left to right in `a`, each at least `min`
/// characters.
fn shared_runs(a: &Reduced, b: &Reduced, k: usize, min: usize) -> Vec<(usize, usize, usize)> {
    let a_hashes = shingles(&a.chars, k);
    let b_hashes = shingles(&b.chars, k);
    let mut in_b: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, h) in b_hashes.iter().enumerate() {
        let positions = in_b.entry(*h).or_default();
        // A shingle repeated many times in b (a refrain) need not be tried
        // from every place.
        if positions.len() < 8 {
            positions.push(j);
        }
    }
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < a_hashes.len() {
        let best = in_b.get(&a_hashes[i]).and_then(|js| {
            js.iter()
                .map(|&j| {
                    let len = a.chars[i..]
                        .iter()
                        .zip(&b.chars[j..])
                        .take_while(|(x, y)| x == y)
                        .count();
                    (len, j)
                })
                .max_by_key(|&(len, j)| (len, std::cmp::Reverse(j)))
        });
        match best {
            Some((len, j)) if len >= k => {
                if len >= min {
                    found.push((i, j, len));
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    found
}

/// Takes in the opening brackets and quotes just before a passage and the
/// closing ones and the sentence's end just after it, so that it reads as
/// written: "（五）主动……。" rather than "五）主动……".
fn widen(text: &str, span: Range<usize>) -> Range<usize> {
    let opening = |c: char| matches!(c, '（' | '(' | '《' | '“' | '「' | '【' | '〔' | '‘');
    let closing = |c: char| {
        matches!(
            c,
            '）' | ')' | '》' | '”' | '」' | '】' | '〕' | '’' | '。' | '；' | '！' | '？'
        )
    };
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| opening(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = span.end
        + text[span.end..]
            .chars()
            .take_while(|&c| closing(c))
            .map(char::len_utf8)
            .sum::<usize>();
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invented sentences with no phrase in common between them.
    const SENTENCES: [&str; 12] = [
        "蓠川县司法局今年组织全体干部赴乡镇开展法律咨询服务活动",
        "澹江市交通运输局完成了道路运输行业执法案卷的集中评查工作",
        "枫渚区人民政府修订完善了政府常务会议会前学法的相关制度",
        "我们聘请三名执业律师担任常年法律顾问并参与合同审查",
        "全年受理群众来信来访事项若干件均在法定期限内办结回复",
        "新建村级公共法律服务工作室覆盖所有行政村和城市社区",
        "针对营商环境投诉建立快速响应机制限时办结企业诉求",
        "组织开展防汛应急演练检验预案的可操作性和队伍的协同能力",
        "对历年制定的政策文件进行全面梳理废止失效文件若干件",
        "推动审批服务事项全程网上办理实现群众办事少跑腿",
        "在农贸市场开展计量器具专项检查督促经营户规范经营",
        "建立健全行政复议案件办理质量评查制度提升办案质量",
    ];

    fn text(indexes: &[usize]) -> String {
        indexes
            .iter()
            .map(|&i| format!("{}。\n", SENTENCES[i]))
            .collect()
    }

    #[test]
    fn a_copy_with_new_figures_and_layout_is_found_with_its_passage() {
        let original = format!("{}全年办理案件12件。\n{}", text(&[0, 1, 2]), text(&[3, 4]));
        // Re-laid out, new figures, one sentence swapped for another.
        let copy = format!(
            "　　{} 全年办理案件１５件；{}",
            text(&[0, 1, 2]).replace('\n', ""),
            text(&[3, 5])
        );
        let other = text(&[6, 7, 8, 9, 10, 11]);
        let texts = [original.as_str(), other.as_str(), copy.as_str()];
        let pairs = find(&texts, &Options::default());
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        let pair = &pairs[0];
        assert_eq!((pair.a, pair.b), (0, 2));
        assert!(pair.similarity > 0.6 && pair.similarity <= 1.0, "{pair:?}");
        // The longest passage runs from the first sentence to the figures'
        // sentence and sentence 3, across the changed punctuation and digits.
        let longest = &pair.passages[0];
        assert!(original[longest.a.clone()].starts_with("蓠川县司法局"));
        assert!(original[longest.a.clone()].contains("全年办理案件12件"));
        assert!(copy[longest.b.clone()].contains("全年办理案件１５件"));
        // Widened to the sentence's full stop.
        assert!(
            copy[longest.b.clone()].ends_with("合同审查。"),
            "{}",
            &copy[longest.b.clone()]
        );
    }

    /// `len` pseudo-random CJK ideographs: text that shares no shingle
    /// with another seed's.
    fn gibberish(seed: u64, len: usize) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from_u32(0x4E00 + (x % 0x51A0) as u32).unwrap_or('中')
            })
            .collect()
    }

    /// Stock phrases of the genre, each shorter than `min_passage` once
    /// reduced, as reports use them: scattered between their own words.
    const STOCK: [&str; 4] = [
        "以习近平法治思想为指导，",
        "现将有关情况报告如下。",
        "二、存在的不足和原因",
        "深入学习贯彻党的二十大精神，",
    ];

    /// A report-like text: the stock phrases, each followed by 80
    /// characters of its own.
    fn report(seed: u64) -> String {
        STOCK
            .iter()
            .enumerate()
            .map(|(i, stock)| format!("{stock}{}\n", gibberish(seed * 10 + i as u64, 80)))
            .collect()
    }

    #[test]
    fn stock_phrases_are_not_copying_and_copies_are() {
        // Eight reports with the same stock phrases; 4–7 copy 0–3.
        let texts: Vec<String> = (0..8).map(|i| report(i % 4)).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let pairs = find(&refs, &Options::default());
        let mut found: Vec<(usize, usize)> = pairs.iter().map(|p| (p.a, p.b)).collect();
        found.sort_unstable();
        assert_eq!(found, vec![(0, 4), (1, 5), (2, 6), (3, 7)]);
        assert!(pairs.iter().all(|p| p.similarity > 0.99), "{pairs:?}");
        // Independent reports with the same stock phrases share nothing
        // that counts, even at a very low threshold.
        let strict = Options {
            threshold: 0.05,
            ..Options::default()
        };
        let independent: Vec<String> = (0..8).map(report).collect();
        let refs: Vec<&str> = independent.iter().map(String::as_str).collect();
        assert!(find(&refs, &strict).is_empty());
    }

    #[test]
    fn a_cluster_of_copies_is_found_however_much_of_the_collection_it_is() {
        // Fifteen copies of one report (a county's template filled in by its
        // townships, one word changed in each) among fifteen others: the
        // copies are half the collection, and still copies.
        let texts: Vec<String> = (0..30)
            .map(|i| {
                if i < 15 {
                    report(99).replacen(STOCK[1], &format!("镇{}", gibberish(500 + i, 2)), 1)
                } else {
                    report(i)
                }
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let pairs = find(&refs, &Options::default());
        assert_eq!(pairs.len(), 15 * 14 / 2, "{pairs:?}");
        assert!(
            pairs
                .iter()
                .all(|p| p.a < 15 && p.b < 15 && p.similarity > 0.9)
        );
    }

    /// `copies` copies of one report (one word changed in each) among
    /// `others` independent reports, all with the genre's stock phrases.
    fn family(copies: u64, others: u64) -> Vec<String> {
        (0..copies + others)
            .map(|i| {
                if i < copies {
                    report(99).replacen(STOCK[1], &format!("镇{}", gibberish(500 + i, 2)), 1)
                } else {
                    report(1000 + i)
                }
            })
            .collect()
    }

    #[test]
    fn a_family_of_copies_larger_than_the_common_shingle_cap_is_found() {
        // 40 copies among 82 always worked; 60 among 102 gave no pair when
        // shingles in more than 50 texts were left out of the index.
        for (copies, others) in [(40, 42), (60, 42), (120, 30)] {
            let texts = family(copies, others);
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let pairs = find(&refs, &Options::default());
            let copies = copies as usize;
            assert_eq!(pairs.len(), copies * (copies - 1) / 2, "{copies} copies");
            assert!(
                pairs
                    .iter()
                    .all(|p| p.a < copies && p.b < copies && p.similarity > 0.9)
            );
        }
        // A template filled in: each copy has a paragraph of its own, a
        // third of its text.
        let mut texts = family(70, 40);
        for (i, text) in texts.iter_mut().take(70).enumerate() {
            text.push_str(&gibberish(700 + i as u64, 150));
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let pairs = find(&refs, &Options::default());
        assert_eq!(pairs.len(), 70 * 69 / 2);
        assert!(pairs.iter().all(|p| p.b < 70 && p.similarity > 0.6));
        // Boilerplate every report uses is still not copying, however many
        // reports there are.
        let independent: Vec<String> = (0..150).map(report).collect();
        let refs: Vec<&str> = independent.iter().map(String::as_str).collect();
        let strict = Options {
            threshold: 0.05,
            ..Options::default()
        };
        assert!(find(&refs, &strict).is_empty());
    }

    /// Texts made of 100-character segments, each segment its own
    /// gibberish (same seed, same segment).
    fn segments(seeds: &[u64]) -> String {
        seeds.iter().map(|&s| gibberish(s, 100)).collect()
    }

    fn members(cluster: &Cluster) -> Vec<usize> {
        cluster.members.iter().map(|m| m.text).collect()
    }

    #[test]
    fn a_template_family_is_one_cluster_with_the_passages_it_shares() {
        // Six offices fill in one template of five segments, each changing
        // one segment of its own; two unrelated reports beside them.
        let mut texts: Vec<String> = (0..6u64)
            .map(|i| {
                let mut seeds = vec![1, 2, 3, 4, 5];
                seeds[i as usize % 5] = 100 + i;
                segments(&seeds)
            })
            .collect();
        texts.push(segments(&[200, 201, 202]));
        texts.push(segments(&[300, 301, 302]));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = search(&refs, &Options::default());
        assert_eq!(found.pairs.len(), 15);
        assert_eq!(found.clusters.len(), 1, "{:?}", found.clusters);
        let cluster = &found.clusters[0];
        assert_eq!(members(cluster), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(cluster.pairs.len(), 15);
        assert!(
            cluster.lowest >= 0.59 && cluster.highest <= 0.81,
            "{cluster:?}"
        );
        // Each member shares four fifths of its text with the others.
        for member in &cluster.members {
            assert!((member.shared - 0.8).abs() < 0.01, "{member:?}");
        }
        // The passages: each the same words in every place, in as many
        // members as have it; the most shared first.
        assert!(!cluster.passages.is_empty());
        for passage in &cluster.passages {
            assert!(passage.places.len() >= 2);
            let (first, span) = &passage.places[0];
            let words = &texts[*first][span.clone()];
            assert_eq!(words.chars().count(), passage.chars);
            for (text, span) in &passage.places {
                assert_eq!(&texts[*text][span.clone()], words);
            }
        }
        assert!(cluster.passages[0].places.len() >= 4, "{cluster:?}");
    }

    #[test]
    fn two_unrelated_copy_pairs_are_two_clusters() {
        let texts = [
            segments(&[1, 2, 3, 4]),
            segments(&[11, 12, 13, 14]),
            segments(&[1, 2, 3, 5]),
            segments(&[11, 12, 13, 15]),
        ];
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = search(&refs, &Options::default());
        assert_eq!(found.pairs.len(), 2);
        let clusters: Vec<Vec<usize>> = found.clusters.iter().map(members).collect();
        assert_eq!(clusters, vec![vec![0, 2], vec![1, 3]]);
        // A pair's passage: the three segments they share, in both.
        let passage = &found.clusters[0].passages[0];
        assert_eq!(passage.chars, 300);
        assert_eq!(passage.places, vec![(0, 0..900), (2, 0..900)]);
    }

    #[test]
    fn a_report_sharing_one_boilerplate_passage_with_two_groups_does_not_merge_them() {
        // Two groups of three copies, both with the same boilerplate
        // paragraph; a short note that is that paragraph and little else is
        // similar to all six (it is most of the note), yet the groups have
        // nothing else in common.
        let boilerplate = gibberish(99, 60);
        let group = |seed: u64, own: u64| {
            format!(
                "{}\n{boilerplate}\n{}{}",
                segments(&[seed, seed + 1]),
                segments(&[seed + 2, seed + 3]),
                gibberish(own, 20)
            )
        };
        let texts = [
            group(10, 500),
            group(10, 501),
            group(10, 502),
            group(20, 503),
            group(20, 504),
            group(20, 505),
            format!("{boilerplate}。{}", gibberish(98, 10)),
        ];
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = search(&refs, &Options::default());
        // The note is similar to every member of both groups: plain
        // connected components would make one cluster of all seven.
        let with_note = found.pairs.iter().filter(|p| p.b == 6).count();
        assert_eq!(with_note, 6, "{:?}", found.pairs);
        assert_eq!(found.pairs.len(), 3 + 3 + 6);
        let clusters: Vec<Vec<usize>> = found.clusters.iter().map(members).collect();
        assert_eq!(clusters.len(), 2, "{clusters:?}");
        // The note joins the group of its most similar report (a tie: the
        // first), and the other group stays apart.
        assert_eq!(clusters, vec![vec![0, 1, 2, 6], vec![3, 4, 5]]);
    }

    #[test]
    fn a_copy_chain_is_one_cluster() {
        // B copies three fifths of A, C three fifths of B: A and C share
        // only one fifth, not similar, yet one chain.
        let texts = [
            segments(&[1, 2, 3, 4, 5]),
            segments(&[1, 2, 3, 14, 15]),
            segments(&[21, 22, 3, 14, 15]),
        ];
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = search(&refs, &Options::default());
        let mut pairs: Vec<(usize, usize)> = found.pairs.iter().map(|p| (p.a, p.b)).collect();
        pairs.sort_unstable();
        assert_eq!(pairs, vec![(0, 1), (1, 2)]);
        assert_eq!(found.clusters.len(), 1);
        let cluster = &found.clusters[0];
        assert_eq!(members(cluster), vec![0, 1, 2]);
        // B, in the middle, shares all its text; A and C three fifths.
        let shared: Vec<f64> = cluster.members.iter().map(|m| m.shared).collect();
        assert!((shared[0] - 0.6).abs() < 0.01 && (shared[2] - 0.6).abs() < 0.01);
        assert!((shared[1] - 1.0).abs() < 0.01, "{shared:?}");
        // The segment all three share comes first: B's text, with its place
        // in A and C.
        let first = &cluster.passages[0];
        assert_eq!(first.places.len(), 3, "{:?}", cluster.passages);
        assert_eq!(first.chars, 100);
    }

    #[test]
    fn short_and_empty_texts_are_harmless() {
        let texts = ["", "短", "。。。", "短"];
        assert!(find(&texts, &Options::default()).is_empty());
    }

    #[test]
    fn the_threshold_decides() {
        let a = text(&[0, 1, 2, 3]);
        let b = text(&[0, 1, 6, 7]);
        let texts = [a.as_str(), b.as_str()];
        let pairs = find(
            &texts,
            &Options {
                threshold: 0.3,
                ..Options::default()
            },
        );
        assert_eq!(pairs.len(), 1);
        let similarity = pairs[0].similarity;
        assert!((0.3..0.7).contains(&similarity), "{similarity}");
        let strict = Options {
            threshold: 0.8,
            ..Options::default()
        };
        assert!(find(&texts, &strict).is_empty());
    }
}
