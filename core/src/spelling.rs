//! Putting a misspelt word right, for search. A resident types
//! "Landstrase" or "Bibliotheck" on a phone and, where nothing matches,
//! is better served by "Landstrasse" than by nothing.
//!
//! The words known are those of the names search finds (towns, streets,
//! learning spaces) and of the kinds of place. A typed word is left as it
//! is when it is one of them, begins one (the last word, still being
//! typed), holds a digit (a house number, a postcode) or a full stop (an
//! abbreviation), or is shorter than [`SHORTEST`]. Otherwise it becomes
//! the known word the fewest edits away (a letter added, dropped, changed,
//! or two swapped), at most one edit for a short word and two for a long
//! one; among equals, the word the names use most.

use crate::text::search_key;
use std::collections::{BTreeMap, HashMap};

/// Words shorter than this are left alone: one edit makes a different
/// word of most of them ("Au", "Weg").
pub const SHORTEST: usize = 4;

/// Words this long or longer may be two edits away.
const LONG: usize = 8;

/// The words of the names search finds.
#[derive(Debug, Default, Clone)]
pub struct Spelling {
    /// Each folded word: how it is written most often, and how often.
    words: BTreeMap<String, Written>,
}

#[derive(Debug, Default, Clone)]
struct Written {
    uses: u32,
    /// Each way it is written, and how often.
    forms: HashMap<String, u32>,
}

impl Written {
    fn shown(&self) -> &str {
        (self.forms.iter())
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map_or("", |(form, _)| form.as_str())
    }
}

/// The words of `text`, as written: runs of letters and digits, with a
/// full stop that ends one ("Hauptstr.").
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut out = Vec::new();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let end = if c == '.' { i + 1 } else { i };
                out.push((s, &text[s..end]));
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

impl Spelling {
    /// Learns the words of `name` ("Schul- und Gemeindebibliothek
    /// Eschen": five).
    pub fn learn(&mut self, name: &str) {
        for (_, word) in words(name) {
            let key = search_key(word);
            if key.chars().count() < SHORTEST || word.ends_with('.') {
                continue;
            }
            let written = self.words.entry(key).or_default();
            written.uses += 1;
            *written.forms.entry(word.to_string()).or_default() += 1;
        }
    }

    /// How many words it knows.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// `typed` with each misspelt word put right, or `None` where no word
    /// needs to be or none can be.
    pub fn correct(&self, typed: &str) -> Option<String> {
        self.corrections(typed, &Spelling::default(), 1).pop()
    }

    /// Up to `most` readings of `typed` with each misspelt word put right,
    /// best first, knowing the words of `also` too (names that came after
    /// these were learnt: a commons entry approved since). The first puts
    /// each word to its best; each next changes one word to its next best
    /// ("Im Gaetsch": "Im Gnetsch", used more, then "Im Gapetsch"), for
    /// the searcher to take the first that finds anything.
    pub fn corrections(&self, typed: &str, also: &Spelling, most: usize) -> Vec<String> {
        let all: Vec<(usize, &str)> = words(typed).collect();
        // Each misspelt word's place and its candidates, best first.
        let mut misspelt: Vec<(usize, usize, Vec<&str>)> = Vec::new();
        for (n, &(at, word)) in all.iter().enumerate() {
            let key = search_key(word);
            let last = n + 1 == all.len() && at + word.len() == typed.trim_end().len();
            if self.known(&key, last) || also.known(&key, last) {
                continue;
            }
            let mut found = self.near(&key);
            found.extend(also.near(&key));
            found.sort_by_key(|&(d, uses, w)| (d, u32::MAX - uses, w));
            let mut candidates: Vec<&str> = Vec::new();
            for (_, _, w) in found {
                if !candidates.contains(&w) {
                    candidates.push(w);
                }
            }
            if !candidates.is_empty() {
                misspelt.push((at, at + word.len(), candidates));
            }
        }
        if misspelt.is_empty() {
            return Vec::new();
        }
        let written = |choice: &[usize]| {
            let mut out = String::with_capacity(typed.len());
            let mut copied = 0;
            for ((from, to, candidates), &c) in misspelt.iter().zip(choice) {
                out.push_str(&typed[copied..*from]);
                out.push_str(candidates[c]);
                copied = *to;
            }
            out.push_str(&typed[copied..]);
            out
        };
        let best = vec![0; misspelt.len()];
        let mut out = vec![written(&best)];
        for (i, (_, _, candidates)) in misspelt.iter().enumerate() {
            for c in 1..candidates.len() {
                let mut choice = best.clone();
                choice[i] = c;
                out.push(written(&choice));
            }
        }
        out.truncate(most);
        out
    }

    fn known(&self, key: &str, last: bool) -> bool {
        key.chars().count() < SHORTEST
            || key.ends_with('.')
            || key.chars().any(|c| c.is_numeric())
            || self.words.contains_key(key)
            || (last
                && (self.words.range(key.to_string()..).next())
                    .is_some_and(|(w, _)| w.starts_with(key)))
    }

    /// The known words few enough edits from `key` (one for a short word,
    /// two for a long one), each as it is most often written, with its
    /// edits and its uses.
    fn near(&self, key: &str) -> Vec<(usize, u32, &str)> {
        let typed: Vec<char> = key.chars().collect();
        let most = if typed.len() >= LONG { 2 } else { 1 };
        let mut found = Vec::new();
        for (word, written) in &self.words {
            let chars: Vec<char> = word.chars().collect();
            if chars.len().abs_diff(typed.len()) > most {
                continue;
            }
            if let Some(d) = edits(&typed, &chars, most) {
                found.push((d, written.uses, written.shown()));
            }
        }
        found
    }
}

/// The edits (a letter added, dropped, changed, or two neighbours
/// swapped) from `a` to `b`, if no more than `most`.
fn edits(a: &[char], b: &[char], most: usize) -> Option<usize> {
    // Three rows of the optimal-string-alignment table.
    let mut before: Vec<usize> = Vec::new();
    let mut above: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (above[j] + 1)
                .min(row[j - 1] + 1)
                .min(above[j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        if row.iter().min().is_some_and(|&m| m > most) {
            return None;
        }
        before = std::mem::replace(&mut above, row);
    }
    Some(above[b.len()]).filter(|&d| d <= most)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(names: &[&str]) -> Spelling {
        let mut s = Spelling::default();
        for n in names {
            s.learn(n);
        }
        s
    }

    #[test]
    fn one_edit_puts_a_short_word_right_and_two_a_long_one() {
        let s = known(&["Landstrasse", "Kirchstrasse", "Vaduz", "Schaan"]);
        // A letter dropped, added, changed, two swapped.
        assert_eq!(s.correct("Landstrase").as_deref(), Some("Landstrasse"));
        assert_eq!(s.correct("Vadduz").as_deref(), Some("Vaduz"));
        assert_eq!(s.correct("Vadiz").as_deref(), Some("Vaduz"));
        assert_eq!(s.correct("Shcaan").as_deref(), Some("Schaan"));
        // Two edits in a long word, not in a short one.
        assert_eq!(s.correct("Lantstrase").as_deref(), Some("Landstrasse"));
        assert_eq!(s.correct("Vdiz"), None);
        assert_eq!(s.correct("Lxntstrxse"), None, "three edits");
        // The rest of the text stays as typed.
        assert_eq!(
            s.correct("Landstrase 12, Vadiz").as_deref(),
            Some("Landstrasse 12, Vaduz")
        );
    }

    #[test]
    fn what_is_known_begun_numbered_abbreviated_or_short_is_left_alone() {
        let s = known(&["Landstrasse", "Vaduz", "Bibliothek Mauren"]);
        assert_eq!(s.correct("Landstrasse"), None);
        assert_eq!(s.correct("landstrasse 12"), None);
        // The last word is still being typed: a beginning is known…
        assert_eq!(s.correct("Vaduz, Lands"), None);
        // …but not one in the middle.
        assert_eq!(
            s.correct("Bibliot Mauren").as_deref(),
            None,
            "two letters short: too far to guess"
        );
        assert_eq!(
            s.correct("Bibliotek Mauren").as_deref(),
            Some("Bibliothek Mauren")
        );
        assert_eq!(s.correct("Landstr. 12"), None);
        assert_eq!(s.correct("9490 Vadz"), Some("9490 Vaduz".into()));
        assert_eq!(s.correct("Vdz"), None, "too short to guess");
        assert_eq!(s.correct("Xylophon"), None, "nothing near");
    }

    #[test]
    fn accents_and_case_do_not_count_and_the_name_s_own_spelling_is_shown() {
        let s = known(&["Äulestrasse", "Äulestrasse", "Landstrasse"]);
        assert_eq!(s.correct("aulestrase").as_deref(), Some("Äulestrasse"));
        assert_eq!(s.correct("AULESTRASE").as_deref(), Some("Äulestrasse"));
    }

    #[test]
    fn of_two_words_as_near_the_one_more_names_use_wins() {
        let s = known(&["Parkweg", "Parkweg", "Parkweg", "Marktweg"]);
        // "Markweg" is a letter short of Marktweg and one change from
        // Parkweg: the word used more wins.
        assert_eq!(s.correct("Markweg").as_deref(), Some("Parkweg"));
        let s = known(&["Parkweg", "Marktweg", "Marktweg", "Marktweg"]);
        assert_eq!(s.correct("Markweg").as_deref(), Some("Marktweg"));
    }

    #[test]
    fn words_learnt_since_are_known_and_put_right_too() {
        let s = known(&["Landstrasse", "Werkstatt"]);
        let since = known(&["Reparatur-Werkstatt Balzers"]);
        assert_eq!(s.correct("Reparatr"), None);
        assert_eq!(
            s.corrections("Werkstat Reparatr", &since, 1)
                .first()
                .map(String::as_str),
            Some("Werkstatt Reparatur")
        );
        assert_eq!(
            s.corrections("Reparatur Balzres", &since, 1)
                .first()
                .map(String::as_str),
            Some("Reparatur Balzers")
        );
        assert!(
            s.corrections("Reparatur", &since, 1).is_empty(),
            "known since"
        );
    }

    #[test]
    fn the_next_best_readings_change_one_word_each() {
        let s = known(&[
            "Gnetsch",
            "Gnetsch",
            "Im Gapetsch",
            "Rüttegasse",
            "Rüttigasse",
        ]);
        let none = Spelling::default();
        // Both one edit away; the word used more first.
        assert_eq!(
            s.corrections("Im Gaetsch", &none, 4),
            ["Im Gnetsch", "Im Gapetsch"]
        );
        assert_eq!(
            s.corrections("Gaetsch Ruttgasse", &none, 4),
            [
                "Gnetsch Rüttegasse",
                "Gapetsch Rüttegasse",
                "Gnetsch Rüttigasse"
            ]
        );
        assert_eq!(s.corrections("Gaetsch Ruttgasse", &none, 2).len(), 2);
    }

    #[test]
    fn edits_count_adds_drops_changes_and_swaps() {
        let e = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            edits(&a, &b, 3)
        };
        assert_eq!(e("vaduz", "vaduz"), Some(0));
        assert_eq!(e("vaduz", "vadu"), Some(1));
        assert_eq!(e("vaduz", "vaduzz"), Some(1));
        assert_eq!(e("vaduz", "vadoz"), Some(1));
        assert_eq!(e("vaduz", "vaudz"), Some(1));
        assert_eq!(e("abcd", "dcba"), Some(3), "two changes and a swap");
        assert_eq!(e("abcd", "wxyz"), None, "more than the most");
        assert_eq!(e("ca", "abc"), Some(3));
    }
}
