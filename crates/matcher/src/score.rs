//! Candidate retrieval with upper bounds, full scoring, and explanations.

use std::collections::HashMap;

use interdict_index::{EntityId, Index, NameId, TokenId};
use interdict_model::{EntityKind, NameRole};

use crate::query::{PairKind, Query, INITIAL_WEIGHT, PREFIX_SIM};
use crate::{Context, MatchConfig, Scratch};

/// Share of the score that comes from the query's coverage; the rest comes from the
/// listed name's coverage.
pub const QUERY_SHARE: f32 = 0.5;
/// Similarity of an initial with a word it begins.
const INITIAL_SIM: f32 = 0.9;
/// Similarity of two query tokens with the one listed token they make together.
const JOIN_SIM: f32 = 0.95;
/// Scores of matches on weak aliases are multiplied by this.
const WEAK_ALIAS_FACTOR: f32 = 0.92;
/// ... and by this when the weak alias pairs on a single word.
const WEAK_SINGLE_WORD_FACTOR: f32 = 0.75;
/// Scores of short one-word queries that pair only approximately are multiplied by this.
const SINGLE_FUZZY_WORD_FACTOR: f32 = 0.9;
/// ... where short is at most this many letters.
const SHORT_SINGLE_WORD_LEN: usize = 5;
/// Scores are multiplied by this when the query's legal form or honorific says it is
/// another kind of party than the listed one.
const KIND_MISMATCH_FACTOR: f32 = 0.85;
/// When every query word pairs (two or more), the listed words left over count this
/// much of their weight.
const UNPAIRED_LISTED_WEIGHT: f32 = 0.5;
/// ... provided one paired word is at least this rare (a weight of 8 is a word held by
/// about one listed name in 3,000): common first name and surname pairs are not enough.
const RARE_WORD_WEIGHT: f32 = 8.0;
/// The smallest share of a name's weight its paired words can make after that
/// discount, relative to before; the bound divides by it to stay an upper bound.
const UNPAIRED_LISTED_DISCOUNT_FLOOR: f32 = UNPAIRED_LISTED_WEIGHT;
/// At most this many candidates are fully scored, best bounds first.
const MAX_SCORED: usize = 128;
/// ... or this many when the query has initials.
const MAX_SCORED_WITH_INITIALS: usize = 64;
/// When the names found so far are this many times fewer than a word's postings, they
/// are looked up in the postings rather than the postings walked.
const LOOKUP_INSTEAD_OF_SCAN: usize = 16;
/// A split word's half held by more names than this does not retrieve candidates.
const SPLIT_HALF_MAX_POSTINGS: usize = 500;
/// A query word at least this long may pair with two adjacent listed words it joins.
const MIN_SPLIT_PAIR_LEN: usize = 4;
/// Listed names a cut-short query begins that are scored beyond the cap above.
const MAX_CUT_PREFIX_NAMES: usize = 512;
/// A listed name written inside a longer one is looked for up to this many words long.
const MAX_CONTAINED_WORDS: usize = 12;
/// A contained listed name of two words must hold a word at most this many listed names
/// hold: two common words inside a long name ("AL NOOR") identify nobody.
const CONTAINED_RARE_POSTINGS: usize = 50;
/// Words a name must have besides a listed name it contains.
const CONTAINED_MIN_EXTRA_WORDS: usize = 2;

/// A listed name that matched the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// The listed entity.
    pub entity: EntityId,
    /// The entity's listed name that matched best.
    pub name: NameId,
    pub score: f64,
    /// Which tokens paired and how, for an analyst.
    pub explanation: String,
}

/// Buffers for scoring one candidate, reused across candidates and queries.
#[derive(Debug, Default)]
pub struct ScoreBuffers {
    tokens: Vec<TokenId>,
    weights: Vec<f32>,
    pairs: Vec<Pair>,
    ranked: Vec<(f32, Pair)>,
}

/// Per-name upper bound on the score, accumulated from postings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bound {
    // No "touched" flag: every posting adds a positive `name_weight` (token weights are
    // `ln(1 + names / holders)` > 0, similarities > 0), so a name is touched exactly
    // when its weight is above 0. Sixteen bytes rather than 24: the array is read at
    // random, one name per posting, and a smaller one stays in cache.
    query_mask: u64,
    query_weight: f32,
    name_weight: f32,
}

impl Bound {
    /// Counts a posting of this name: `weight` of the query words in `mask`, if none of
    /// them counted yet (options come best first, so the first to reach a name counts),
    /// and `name_weight` of the listed word.
    fn add(&mut self, mask: u64, weight: f32, name_weight: f32) {
        if self.query_mask & mask == 0 {
            self.query_mask |= mask;
            self.query_weight += weight;
        }
        self.name_weight += name_weight;
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Token(PairKind),
    Initial,
    Join,
}

/// A chosen pairing between a span of query tokens and a span of name tokens.
#[derive(Debug, Clone, Copy)]
struct Pair {
    q_first: usize,
    q_last: usize,
    /// The listed word paired, and a second one when one query word holds two.
    n_first: usize,
    n_second: Option<usize>,
    sim: f32,
    kind: Kind,
}

impl Pair {
    /// Query word `q` with listed word `n`.
    fn one(q: usize, n: usize, sim: f32, kind: Kind) -> Pair {
        Pair { q_first: q, q_last: q, n_first: n, n_second: None, sim, kind }
    }

    /// The listed word positions this pair covers.
    fn listed(&self) -> impl Iterator<Item = usize> {
        std::iter::once(self.n_first).chain(self.n_second)
    }
}

fn bit(i: usize) -> u64 {
    if i < 64 {
        1 << i
    } else {
        0
    }
}

pub(crate) fn search(
    index: &Index,
    config: &MatchConfig,
    query: &Query,
    context: &Context,
    scratch: &mut Scratch,
) -> Vec<Alert> {
    let alert_threshold = config.threshold as f32;
    // Retrieval and pruning work to the lowest name score the caller's context could lift.
    let threshold = context.lowest_liftable(alert_threshold);
    let total = query.total_weight.max(f32::MIN_POSITIVE);
    if scratch.bounds.len() != index.name_count() {
        scratch.bounds = vec![Bound::default(); index.name_count()];
    }
    let bounds = &mut scratch.bounds;
    let touched = &mut scratch.touched;
    touched.clear();

    // Initials pair without postings; assume the best for every candidate. Any query word
    // may also pair with a listed initial, for at most an initial's weight.
    let has_initials = query.tokens.iter().any(|t| t.initial);
    let optimistic: f32 = query.tokens.iter().filter(|t| t.initial).map(|t| t.weight).sum();
    let optimistic_listed_initials: f32 =
        query.tokens.iter().filter(|t| !t.initial).map(|t| t.weight.min(INITIAL_WEIGHT)).sum();

    if query.informative {
        for join in &query.joins {
            let w: f32 = query.tokens[join.first..=join.last].iter().map(|t| t.weight).sum();
            // Kept above 0 even for a damaged index: a positive weight marks a touched name.
            let wn = index.token_weight(join.token).max(f32::MIN_POSITIVE);
            for name in index.names_with_token(join.token) {
                let b = &mut bounds[name.index()];
                if b.name_weight == 0.0 {
                    touched.push(name);
                }
                let mask = (join.first..=join.last).map(bit).fold(0, |a, b| a | b);
                b.add(mask, w * JOIN_SIM, wn);
            }
        }

        let mut order: Vec<usize> = (0..query.tokens.len()).filter(|&i| !query.tokens[i].options.is_empty()).collect();
        order.sort_by_key(|&i| query.tokens[i].postings);
        let mut remaining: f32 = order.iter().map(|&i| query.tokens[i].weight).sum();
        for &qi in &order {
            let qt = &query.tokens[qi];
            // Could a name holding none of the tokens taken so far still reach the threshold?
            let reachable = QUERY_SHARE * ((remaining + optimistic + optimistic_listed_initials) / total).min(1.0)
                + (1.0 - QUERY_SHARE)
                >= threshold;
            remaining -= qt.weight;
            for opt in qt.options.iter() {
                // Half of a split word held by a great many names (`al` of `altawasul`)
                // finds nothing its other half does not find, and touching all those
                // names made the slowest queries: candidates come through the rarer half.
                if matches!(opt.kind, PairKind::SplitFirst | PairKind::SplitSecond)
                    && index.names_with_token(opt.token).len() > SPLIT_HALF_MAX_POSTINGS
                {
                    continue;
                }
                let wq = qt.weight * opt.sim;
                let wn = (index.token_weight(opt.token) * opt.sim).max(f32::MIN_POSITIVE);
                let postings = index.names_with_token(opt.token);
                if !reachable && touched.len() * LOOKUP_INSTEAD_OF_SCAN < postings.len() {
                    // Only names already found can still reach the threshold, and they are
                    // far fewer than the postings: look each one up (postings are sorted)
                    // instead of walking a common word's list (`limited`, `company`).
                    for &name in touched.iter() {
                        if postings.binary_search(&name).is_ok() {
                            bounds[name.index()].add(bit(qi), wq, wn);
                        }
                    }
                    continue;
                }
                for name in postings {
                    let b = &mut bounds[name.index()];
                    if b.name_weight == 0.0 {
                        if !reachable {
                            // Only names already found can still reach the threshold.
                            continue;
                        }
                        touched.push(name);
                    }
                    b.add(bit(qi), wq, wn);
                }
            }
        }
    }

    let mut candidates: Vec<(f32, NameId)> = Vec::new();
    // A listed name written exactly (after analysis) is always a candidate: legal forms,
    // honorifics and initials alone identify nobody unless a listed name is written
    // exactly so ("CORP" does not match every corporation), and a strong listed name
    // given exactly alerts whatever its length ("SMT-K", "LADY D").
    let exact: Vec<NameId> = index.names_exactly(&query.text).iter().collect();
    candidates.extend(exact.iter().map(|&n| (1.0, n)));
    // A strong listed name of two or more words written, word for word, inside a longer
    // name ("ACME TRADING AS AGENT FOR <listed name>") alerts too.
    let contained = contained_names(index, query);
    candidates.extend(contained.iter().map(|&n| (1.0, n)));
    // Query words that may pair with a name without its postings showing it: weightless
    // words, initials, the cut-short last word, a split word (its common halves' postings
    // are skipped above), and a word two adjacent listed words make when written together
    // (paired by text in `score_name`). Whether a word can be so split is looked up only
    // when a candidate needs it.
    let mut pairs_without_postings: u64 = 0;
    let mut split_checked: u64 = 0;
    let last = query.tokens.len().saturating_sub(1);
    for (i, t) in query.tokens.iter().enumerate() {
        let split = t.options.iter().any(|o| matches!(o.kind, PairKind::SplitFirst | PairKind::SplitSecond));
        if t.weight == 0.0 || t.initial || split || (query.truncated && i == last) {
            pairs_without_postings |= bit(i);
        }
        if t.text.len() < MIN_SPLIT_PAIR_LEN {
            split_checked |= bit(i);
        }
    }
    let all_tokens: u64 = (0..query.tokens.len()).map(bit).fold(0, |a, b| a | b);
    for &name in touched.iter() {
        let b = std::mem::take(&mut bounds[name.index()]);
        let listed_initials = index.name_has_initial(name);
        let extra_q = optimistic + if listed_initials { optimistic_listed_initials } else { 0.0 };
        let cov_q = ((b.query_weight + extra_q) / total).min(1.0);
        let name_total = index.name_weight(name).max(f32::MIN_POSITIVE);
        // Listed words left unpaired are discounted only when every query word pairs; a
        // name that cannot pair every query word keeps its full weight in the bound.
        let mut missing = all_tokens & !(b.query_mask | pairs_without_postings);
        for i in 0..query.tokens.len().min(64) {
            if missing & bit(i) != 0 && split_checked & bit(i) == 0 {
                split_checked |= bit(i);
                if splits_into_listed_words(index, &query.tokens[i].text) {
                    pairs_without_postings |= bit(i);
                }
            }
        }
        missing &= !pairs_without_postings;
        let floor = if missing == 0 { UNPAIRED_LISTED_DISCOUNT_FLOOR } else { 1.0 };
        // Initials on either side and a cut-short query can lift the listed side past
        // what postings show: no bound there.
        let cov_n = if has_initials || listed_initials || query.truncated {
            1.0
        } else {
            (b.name_weight / name_total / floor).min(1.0)
        };
        let bound = QUERY_SHARE * cov_q + (1.0 - QUERY_SHARE) * cov_n;
        if bound >= threshold - 1e-4 {
            candidates.push((bound, name));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Initials leave the listed side unbounded, so fewer candidates are scored in full.
    candidates.truncate(if has_initials { MAX_SCORED_WITH_INITIALS } else { MAX_SCORED });
    if query.truncated {
        // A name cut at the line length is, word for word, the start of every listed name
        // it begins; they all tie, so none may be left out by the cap above
        // ("OBSHCHESTVO S OGRANICHENNOI OTVETST" begins two hundred listed names).
        for name in index.names_with_prefix(&query.text, MAX_CUT_PREFIX_NAMES) {
            if !candidates.iter().any(|&(_, n)| n == name) {
                candidates.push((1.0, name));
            }
        }
    }

    let mut best: HashMap<EntityId, (f32, NameId, Vec<Pair>, Vec<String>)> = HashMap::new();
    let mut seen_candidates: Vec<NameId> = Vec::with_capacity(candidates.len());
    for (_, name_id) in candidates {
        if seen_candidates.contains(&name_id) {
            continue;
        }
        seen_candidates.push(name_id);
        let scored = score_name(index, query, name_id, &mut scratch.buffers);
        let strong = index.name(name_id).role() != NameRole::WeakAlias;
        let written_exactly = strong && (exact.contains(&name_id) || contained.contains(&name_id));
        let (name_score, pairs) = match scored {
            Some((_, pairs)) if written_exactly => (1.0, pairs),
            Some(scored) => scored,
            None if written_exactly => (1.0, Vec::new()),
            None => continue,
        };
        if name_score < threshold {
            continue;
        }
        let entity = index.name(name_id).entity();
        let (score, notes) = if context.is_empty() {
            (name_score, Vec::new())
        } else {
            context.adjust(index.entity(entity), name_score)
        };
        if score < alert_threshold {
            continue;
        }
        match best.get(&entity) {
            Some((s, ..)) if *s >= score => {}
            _ => {
                best.insert(entity, (score, name_id, pairs, notes));
            }
        }
    }
    let mut alerts: Vec<Alert> = best
        .into_iter()
        .map(|(entity, (score, name, pairs, notes))| {
            let mut explanation = explain(index, query, name, &pairs, score);
            if !notes.is_empty() {
                explanation.push_str(&format!("; {}", notes.join("; ")));
            }
            Alert { entity, name, score: f64::from(score), explanation }
        })
        .collect();
    alerts.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    alerts.truncate(config.max_alerts);
    alerts
}

/// Strong listed names of two or more words written word for word inside the query,
/// with at least two more words around them, holding at least one rare word. (A listed
/// name and one more word is the scoring's case: "SUNG WON HYE" is not "SONG WON".)
fn contained_names(index: &Index, query: &Query) -> Vec<NameId> {
    let n = query.tokens.len();
    let mut found = Vec::new();
    if n < 4 {
        return found;
    }
    let mut window = String::new();
    for first in 0..n {
        for last in first + 1..n.min(first + MAX_CONTAINED_WORDS) {
            if last - first + 1 + CONTAINED_MIN_EXTRA_WORDS > n {
                continue;
            }
            window.clear();
            for (k, t) in query.tokens[first..=last].iter().enumerate() {
                if k > 0 {
                    window.push(' ');
                }
                window.push_str(&t.text);
            }
            for name in index.names_exactly(&window) {
                let listed = index.name(name);
                let rare = listed
                    .tokens()
                    .iter()
                    .any(|t| !index.is_legal_form(t) && index.names_with_token(t).len() <= CONTAINED_RARE_POSTINGS);
                // Three words in a row are specific even when each is common ("KOREA
                // MINING DEVELOPMENT TRADING CORPORATION").
                let words = listed.tokens().iter().filter(|&t| !index.is_legal_form(t)).count();
                if (rare || words >= 3) && listed.role() != NameRole::WeakAlias && !found.contains(&name) {
                    found.push(name);
                }
            }
        }
    }
    found
}

/// Whether `word` is two listed words written together (`biotech` for `bio tech`).
fn splits_into_listed_words(index: &Index, word: &str) -> bool {
    if word.len() > interdict_text::MAX_MATCHED_WORD_LEN {
        return false;
    }
    word.char_indices()
        .skip(1)
        .any(|(cut, _)| index.token_id(&word[..cut]).is_some() && index.token_id(&word[cut..]).is_some())
}

/// Scores one listed name: pairs spans of query and name tokens one to one, best first.
fn score_name(index: &Index, query: &Query, name_id: NameId, buffers: &mut ScoreBuffers) -> Option<(f32, Vec<Pair>)> {
    let name = index.name(name_id);
    let ScoreBuffers { tokens, weights, pairs, ranked } = buffers;
    tokens.clear();
    tokens.extend(name.tokens());
    weights.clear();
    weights.extend(tokens.iter().map(|&t| index.token_weight(t)));
    let (tokens, weights) = (&*tokens, &*weights);
    // The words' texts, read once: the pairings below compare them many times.
    let texts: Vec<&str> = tokens.iter().map(|&t| index.token(t)).collect();
    let has_listed_initial = index.name_has_initial(name_id);
    pairs.clear();
    for (qi, qt) in query.tokens.iter().enumerate() {
        if qt.initial {
            let letter = qt.text.as_bytes()[0];
            for (j, text) in texts.iter().enumerate() {
                if text.as_bytes().first() == Some(&letter) {
                    pairs.push(Pair::one(qi, j, INITIAL_SIM, Kind::Initial));
                }
            }
            continue;
        }
        for opt in qt.options.iter() {
            for (j, &t) in tokens.iter().enumerate() {
                if t != opt.token {
                    continue;
                }
                match opt.kind {
                    PairKind::SplitSecond => {}
                    PairKind::SplitFirst => {
                        // The two halves may stand in either order in the listed name.
                        for o in qt.options.iter().filter(|o| o.kind == PairKind::SplitSecond) {
                            for (k, &u) in tokens.iter().enumerate() {
                                if k != j && u == o.token {
                                    let two =
                                        Pair { n_second: Some(k), ..Pair::one(qi, j, opt.sim, Kind::Token(opt.kind)) };
                                    pairs.push(two);
                                }
                            }
                        }
                    }
                    kind => pairs.push(Pair::one(qi, j, opt.sim, Kind::Token(kind))),
                }
            }
        }
        // The cut-short last word begins a listed word that retrieval did not list among
        // its options (a short fragment such as `PR` begins thousands of words).
        if query.truncated && qi + 1 == query.tokens.len() && qt.text.len() >= 2 {
            for (j, text) in texts.iter().enumerate() {
                if text.len() > qt.text.len()
                    && text.starts_with(qt.text.as_str())
                    && !qt.options.iter().any(|o| o.token == tokens[j])
                {
                    pairs.push(Pair::one(qi, j, PREFIX_SIM, Kind::Token(PairKind::Prefix)));
                }
            }
        }
        // A listed initial ("KIM, J.") pairs with a query word it begins.
        for (j, text) in texts.iter().enumerate().filter(|_| has_listed_initial) {
            if text.len() == 1 && qt.text.as_bytes().first() == text.as_bytes().first() && qt.text.len() > 1 {
                pairs.push(Pair::one(qi, j, INITIAL_SIM, Kind::Initial));
            }
        }
        // One query word for two adjacent listed words ("BIOTECH" / "BIO-TECH"), also
        // when the joined word happens to be a listed word elsewhere.
        let pairs_exactly = qt.options.iter().any(|o| o.kind == PairKind::Exact && tokens.contains(&o.token));
        if qt.text.len() >= MIN_SPLIT_PAIR_LEN && !pairs_exactly {
            for j in 0..tokens.len().saturating_sub(1) {
                let (a, b) = (texts[j], texts[j + 1]);
                if a.len() + b.len() == qt.text.len() && qt.text.starts_with(a) && qt.text.ends_with(b) {
                    let two =
                        Pair { n_second: Some(j + 1), ..Pair::one(qi, j, JOIN_SIM, Kind::Token(PairKind::SplitFirst)) };
                    pairs.push(two);
                }
            }
        }
    }
    for join in &query.joins {
        for (j, &t) in tokens.iter().enumerate() {
            if t == join.token {
                pairs.push(Pair { q_last: join.last, ..Pair::one(join.first, j, JOIN_SIM, Kind::Join) });
            }
        }
    }
    if pairs.is_empty() {
        return None;
    }
    let q_weight = |p: &Pair| -> f32 {
        (p.q_first..=p.q_last)
            .map(|i| if query.tokens[i].initial { INITIAL_WEIGHT } else { query.tokens[i].weight })
            .sum()
    };
    let n_weight = |p: &Pair| -> f32 {
        p.listed()
            .map(|j| {
                if p.kind == Kind::Initial && texts[j].len() > 1 {
                    weights[j].min(INITIAL_WEIGHT)
                } else {
                    weights[j]
                }
            })
            .sum()
    };
    // Best pairs first: by similarity times the weight they would cover.
    ranked.clear();
    ranked.extend(pairs.iter().map(|p| (p.sim * (q_weight(p) + n_weight(p)), *p)));
    ranked.sort_by(|(va, a), (vb, b)| vb.total_cmp(va).then(a.q_first.cmp(&b.q_first)).then(a.n_first.cmp(&b.n_first)));
    let mut q_used = 0u64;
    let mut n_used = 0u64;
    let mut chosen = Vec::new();
    let mut matched_q = 0.0f32;
    let mut matched_n = 0.0f32;
    // Weight of listed tokens counted in the total: an initial counts as an initial.
    let mut n_total_adjust = 0.0f32;
    let mut q_total_adjust = 0.0f32;
    for &(_, p) in ranked.iter() {
        let qm: u64 = (p.q_first..=p.q_last).map(bit).fold(0, |a, b| a | b);
        let nm: u64 = p.listed().map(bit).fold(0, |a, b| a | b);
        if q_used & qm != 0 || n_used & nm != 0 {
            continue;
        }
        q_used |= qm;
        n_used |= nm;
        matched_q += p.sim * q_weight(&p);
        let wn = n_weight(&p);
        matched_n += p.sim * wn;
        if p.kind == Kind::Initial {
            n_total_adjust += p.listed().map(|j| weights[j]).sum::<f32>() - wn;
            q_total_adjust += (p.q_first..=p.q_last).map(|i| query.tokens[i].weight).sum::<f32>() - q_weight(&p);
        }
        chosen.push(p);
    }
    let mut total_n: f32 = weights.iter().sum::<f32>() - n_total_adjust;
    let paired_name_words = chosen.iter().flat_map(|p| p.listed()).filter(|&j| !index.is_legal_form(tokens[j])).count();
    let query_fully_paired = query.tokens.iter().enumerate().all(|(i, t)| t.weight == 0.0 || q_used & bit(i) != 0);
    let rarest_paired = chosen.iter().flat_map(|p| p.listed()).map(|j| weights[j]).fold(0.0, f32::max);
    if query_fully_paired && paired_name_words >= 2 && rarest_paired >= RARE_WORD_WEIGHT {
        // Every word of the query is in the listed name: the listed words left over are
        // middle names and second surnames, which payments often drop.
        let unpaired: f32 = weights.iter().enumerate().filter(|(j, _)| n_used & bit(*j) == 0).map(|(_, w)| w).sum();
        total_n -= unpaired * (1.0 - UNPAIRED_LISTED_WEIGHT);
    }
    if query.truncated {
        // Listed words after the last one paired may lie past the cut.
        if let Some(last) = chosen.iter().flat_map(|p| p.listed()).max() {
            total_n -= weights
                .iter()
                .enumerate()
                .filter(|(j, _)| *j > last && n_used & bit(*j) == 0)
                .map(|(_, w)| w)
                .sum::<f32>();
        }
    }
    let cov_q = (matched_q / (query.total_weight - q_total_adjust).max(f32::MIN_POSITIVE)).min(1.0);
    let cov_n = (matched_n / total_n.max(f32::MIN_POSITIVE)).min(1.0);
    let mut score = QUERY_SHARE * cov_q + (1.0 - QUERY_SHARE) * cov_n;
    // A short one-word query that pairs only approximately ("Evli" ~ "EVIL") is too weak
    // a signal to alert on by itself.
    let mut informative = query.tokens.iter().filter(|t| t.weight > 0.0 && !t.initial);
    let short_single = match (informative.next(), informative.next()) {
        (Some(only), None) => only.text.len() <= SHORT_SINGLE_WORD_LEN,
        _ => false,
    };
    if short_single && chosen.iter().all(|p| p.sim < 1.0) {
        score *= SINGLE_FUZZY_WORD_FACTOR;
    }
    if name.role() == NameRole::WeakAlias {
        // A weak alias alone, one word long, is a nickname: it may rank, never alert.
        let listed_words = chosen.iter().flat_map(|p| p.listed()).filter(|&j| !index.is_legal_form(tokens[j])).count();
        score *= if listed_words < 2 { WEAK_SINGLE_WORD_FACTOR } else { WEAK_ALIAS_FACTOR };
    }
    // A legal form says the query is an organisation; an honorific says it is a person.
    let kind = EntityKind::from(&index.entity(name.entity()).kind);
    if (query.has_legal_form && kind == EntityKind::Person) || (query.has_honorific && kind == EntityKind::Organization)
    {
        score *= KIND_MISMATCH_FACTOR;
    }
    chosen.sort_by_key(|p| p.q_first);
    Some((score.clamp(0.0, 1.0), chosen))
}

fn explain(index: &Index, query: &Query, name_id: NameId, pairs: &[Pair], score: f32) -> String {
    let name = index.name(name_id);
    let tokens: Vec<&str> = name.tokens().iter().map(|t| index.token(t)).collect();
    let span = |first: usize, last: usize, words: &dyn Fn(usize) -> String| -> String {
        (first..=last).map(words).collect::<Vec<_>>().join(" ")
    };
    let mut parts = Vec::new();
    let mut q_used = vec![false; query.tokens.len()];
    for p in pairs {
        let q = span(p.q_first, p.q_last, &|i| query.tokens[i].text.clone());
        let n = p.listed().map(|j| tokens[j]).collect::<Vec<_>>().join(" ");
        for used in q_used.iter_mut().take(p.q_last + 1).skip(p.q_first) {
            *used = true;
        }
        parts.push(match p.kind {
            Kind::Token(PairKind::Exact) => format!("{q} = {n}"),
            Kind::Token(PairKind::SoundsAlike) => format!("{q} ~ {n} (sounds alike)"),
            Kind::Token(PairKind::Typo) => format!("{q} ~ {n} (one letter differs)"),
            Kind::Token(PairKind::Prefix) => format!("{q}… = {n} (cut short)"),
            Kind::Token(PairKind::SplitFirst | PairKind::SplitSecond) => format!("{q} = {n} (written together)"),
            Kind::Token(PairKind::Script) => format!("{q} ~ {n} (romanised)"),
            Kind::Initial => format!("{q} = {n} (initial)"),
            Kind::Join => format!("{q} = {n} (written apart)"),
        });
    }
    let role = match name.role() {
        NameRole::Primary => "the listed name",
        NameRole::StrongAlias => "the alias",
        NameRole::WeakAlias => "the weak alias",
        NameRole::OriginalScript => "the original-script name",
    };
    let paired_listed: usize = pairs.iter().map(|p| p.listed().count()).sum();
    if paired_listed < tokens.len() && name.normalized() == query.text {
        return format!("\"{}\" is written exactly as {role} \"{}\"; score {score:.2}", query.text, name.text());
    }
    if tokens.len() < query.tokens.len() && format!(" {} ", query.text).contains(&format!(" {} ", name.normalized())) {
        return format!("\"{}\" holds {role} \"{}\" word for word; score {score:.2}", query.text, name.text());
    }
    let mut text = format!(
        "\"{}\" matches {role} \"{}\": {}; {}/{} listed words paired",
        query.text,
        name.text(),
        parts.join(", "),
        paired_listed,
        tokens.len()
    );
    let unpaired: Vec<&str> = query
        .tokens
        .iter()
        .zip(&q_used)
        .filter(|(t, used)| !**used && t.weight > 0.0)
        .map(|(t, _)| t.text.as_str())
        .collect();
    if !unpaired.is_empty() {
        text.push_str(&format!("; not in the listed name: {}", unpaired.join(" ")));
    }
    text.push_str(&format!("; score {score:.2}"));
    text
}
