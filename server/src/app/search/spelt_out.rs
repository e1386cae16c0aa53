//! Names the map abbreviates, typed spelt out: OpenStreetMap has "Dr.
//! Josef Hoop-Str." and "St. Georg-Strasse" where a resident types
//! "Doktor Josef Hoop-Strasse" or "Sankt Georg". The other way round from
//! [`super::abbreviated`], where the text typed abbreviates.

use super::SHORT_FOR;

/// How `q` (folded) matches a name that abbreviates (`name_key`, folded,
/// with a full stop): the words typed must be the name's words one after
/// another, an abbreviated one matched by a word it begins ("str." by
/// "strasse") or stands for ([`SHORT_FOR`]: "dr." by "doktor", not by
/// "doktorweg"), the last word as it is being typed ("rua dou"); an initial
/// ("Rua Padre Joaquim L. Fereira") only by its letter. At least one word
/// typed must be one of the name's own, not only what its abbreviations
/// might stand for: "Landstrase" is no "L.". A step after
/// [`super::joined::rank_joined`], so that a name written as typed comes
/// first ("Sankt Martins-Ring" before its other name "St. Martins-Ring"):
/// 2 when they are the whole name, 3 when they start it or a later word;
/// `None` otherwise.
pub(super) fn rank_spelt_out(name_key: &str, q: &str) -> Option<u8> {
    if !name_key.contains('.') {
        return None;
    }
    let name = dotted_words(name_key);
    let typed: Vec<&str> = super::words(q).collect();
    let last = typed.len().checked_sub(1)?;
    // Whether typed word `i` matches a name word: whole, or not yet.
    let matches = |i: usize, t: &str, (word, dotted): (&str, bool)| -> Option<bool> {
        let being_typed = i == last;
        if !dotted {
            return if word == t {
                Some(true)
            } else {
                (being_typed && word.starts_with(t)).then_some(false)
            };
        }
        let long = (SHORT_FOR.iter()).find_map(|(short, long)| (*short == word).then_some(*long));
        let stands_for = match long {
            Some(long) => t == word || long.contains(&t),
            None if word.chars().nth(1).is_none() => t == word,
            None => t.starts_with(word),
        };
        // "dok" on its way to "doktor", which "dr." stands for.
        let on_its_way = being_typed
            && (word.starts_with(t)
                || long.is_some_and(|long| long.iter().any(|l| l.starts_with(t))));
        (stands_for || on_its_way).then_some(true)
    };
    (0..name.len())
        .filter(|start| start + typed.len() <= name.len())
        .filter(|start| (name[*start..][..typed.len()].iter()).any(|(_, dotted)| !dotted))
        .filter_map(|start| {
            let all_whole = (typed.iter().enumerate()).try_fold(true, |whole, (i, t)| {
                Some(whole && matches(i, t, name[start + i])?)
            })?;
            Some(if start == 0 && all_whole && typed.len() == name.len() {
                2
            } else {
                3
            })
        })
        .min()
}

/// At most this many ways of writing one text short: a text holding many
/// words that names abbreviate is not asked for in every combination.
const MAX_WRITTEN_SHORT: usize = 4;

/// `q` (folded) with the words it spells out that names abbreviate
/// ([`SHORT_FOR`]) written short: "kindergarten sankt wolfgang" →
/// "kindergarten st wolfgang"; "santa coloma" → "st coloma", "sta
/// coloma". What the store is asked for besides `q`, as it looks for the
/// letters of a name ("Kindergarten St.Wolfgang"); none where `q` spells
/// out no such word or is itself abbreviated.
pub(super) fn written_short(q: &str) -> Vec<String> {
    if q.contains('.') {
        return Vec::new();
    }
    let mut texts: Vec<(String, bool)> = vec![(String::new(), false)];
    for word in super::words(q) {
        let shorts = (SHORT_FOR.iter()).filter(|(_, long)| long.contains(&word));
        let ways: Vec<(&str, bool)> = std::iter::once((word, false))
            .chain(shorts.map(|(short, _)| (*short, true)))
            .collect();
        texts = (texts.iter())
            .flat_map(|(text, short)| {
                (ways.iter()).map(move |(w, this_short)| {
                    let joined = if text.is_empty() {
                        w.to_string()
                    } else {
                        format!("{text} {w}")
                    };
                    (joined, *short || *this_short)
                })
            })
            .take(MAX_WRITTEN_SHORT + 1)
            .collect();
    }
    (texts.into_iter())
        .filter_map(|(text, short)| short.then_some(text))
        .take(MAX_WRITTEN_SHORT)
        .collect()
}

/// A folded name's words, each with whether a full stop follows it:
/// "dr. josef hoop-str." → (dr, true), (josef, false), (hoop, false),
/// (str, true).
fn dotted_words(name_key: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in name_key.char_indices().chain([(name_key.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((&name_key[s..i], c == '.'));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_the_map_abbreviates_is_found_spelt_out() {
        let hoop = "dr. josef hoop-str.";
        assert_eq!(rank_spelt_out(hoop, "doktor josef hoop-strasse"), Some(2));
        assert_eq!(rank_spelt_out(hoop, "doktor josef hoop"), Some(3));
        assert_eq!(rank_spelt_out(hoop, "doktor jo"), Some(3), "as it is typed");
        assert_eq!(rank_spelt_out("st. peter", "sankt pe"), Some(3));
        assert_eq!(
            rank_spelt_out("rua dr. almeida lima", "rua dou"),
            Some(3),
            "an abbreviation as what it stands for is typed"
        );
        assert_eq!(rank_spelt_out(hoop, "josef hoop strasse"), Some(3));
        assert_eq!(rank_spelt_out("st. georg-strasse", "sankt georg"), Some(3));
        assert_eq!(
            rank_spelt_out("rua dr. almeida lima", "rua doutor almeida lima"),
            Some(2)
        );
        // Not a word the abbreviation stands for, nor one out of order, nor
        // one that only begins with what it stands for.
        assert_eq!(rank_spelt_out(hoop, "direktor josef hoop"), None);
        assert_eq!(rank_spelt_out(hoop, "josef doktor"), None);
        assert_eq!(rank_spelt_out("st. georg-strasse", "sanktannagasse"), None);
        // An initial is its letter; a word typed must be the name's own.
        let rua = "rua padre joaquim l. fereira";
        assert_eq!(rank_spelt_out(rua, "landstrase"), None);
        assert_eq!(rank_spelt_out(rua, "joaquim l fereira"), Some(3));
        assert_eq!(rank_spelt_out(rua, "joaquim luis fereira"), None);
        assert_eq!(rank_spelt_out(hoop, "strasse"), None);
        assert_eq!(rank_spelt_out(hoop, "doktor"), None);
        // Spelt out for a learning space the store finds by its letters.
        assert_eq!(
            rank_spelt_out(
                "kindergarten st.wolfgang a & b",
                "kindergarten sankt wolfgang"
            ),
            Some(3)
        );
        // Nothing abbreviated: for the other rankings.
        assert_eq!(rank_spelt_out("landstrasse", "landstrasse"), None);
        assert_eq!(
            dotted_words("dr. josef hoop-str."),
            [
                ("dr", true),
                ("josef", false),
                ("hoop", false),
                ("str", true)
            ]
        );
    }

    #[test]
    fn a_text_spelling_out_what_names_abbreviate_is_asked_for_written_short() {
        assert_eq!(
            written_short("kindergarten sankt wolfgang"),
            ["kindergarten st wolfgang"]
        );
        assert_eq!(written_short("santa coloma"), ["st coloma", "sta coloma"]);
        assert_eq!(written_short("escola doutor"), ["escola dr"]);
        // Nothing to write short, or already short.
        assert!(written_short("landesbibliothek").is_empty());
        assert!(written_short("st. wolfgang").is_empty());
        assert!(
            written_short("sankta").is_empty(),
            "not a word it stands for"
        );
        // Never more than a few ways, however many words.
        let many = written_short("santa santa santa santa");
        assert_eq!(many.len(), MAX_WRITTEN_SHORT);
        assert!(many.iter().all(|t| t != "santa santa santa santa"));
    }
}
