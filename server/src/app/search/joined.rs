//! Names whose words are written joined, apart or hyphenated. German
//! street names come three ways, and residents type whichever they are
//! used to: "Vorarlberger Strasse", "Vorarlberger-Strasse" and
//! "Vorarlbergerstrasse" are one street, "Peter Kaiser Platz" is
//! Peter-Kaiser-Platz. So a folded name and a folded text are also
//! compared by their letters and digits alone.

/// The letters and digits of a folded text, without the spaces, hyphens
/// and full stops that part or join its words.
fn letters(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    s.chars().filter(|c| c.is_alphanumeric())
}

/// How `q` matches `name_key` letter by letter, as [`super::rank`] ranks
/// but a step after it: 1 the whole name (after the name as typed, where
/// one street is "Churerstrasse" and another "Churer Strasse"), 2 its
/// start or a later word's ("ImRiet" is Im Riet before Im Rietacker), 3
/// anywhere; `None` where it does not, or `q` has no letter.
pub(super) fn rank_joined(name_key: &str, q: &str) -> Option<u8> {
    let typed = letters(q);
    let first = typed.clone().next()?;
    let begins = |from: &str| {
        let mut name = letters(from);
        typed.clone().all(|c| name.next() == Some(c))
    };
    if begins(name_key) {
        return Some(if letters(name_key).eq(typed) { 1 } else { 2 });
    }
    let mut at_word = false;
    let mut anywhere = false;
    let mut after_letter = true;
    for (i, c) in name_key.char_indices() {
        let letter = c.is_alphanumeric();
        if c == first && begins(&name_key[i..]) {
            if !after_letter {
                at_word = true;
                break;
            }
            anywhere = true;
        }
        after_letter = letter;
    }
    if at_word {
        Some(2)
    } else if anywhere {
        Some(3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::rank_joined;

    #[test]
    fn words_joined_apart_or_hyphenated_are_one_name() {
        let name = "vorarlberger-strasse";
        for q in [
            "vorarlberger strasse",
            "vorarlbergerstrasse",
            "vorarlberger-strasse",
        ] {
            assert_eq!(rank_joined(name, q), Some(1), "{q}");
        }
        assert_eq!(rank_joined("churer strasse", "churerstrasse"), Some(1));
        assert_eq!(rank_joined("peter-kaiser-platz", "peter kaiser"), Some(2));
        assert_eq!(rank_joined("im rietacker", "imriet"), Some(2));
        assert_eq!(rank_joined("peter-kaiser-platz", "kaiser platz"), Some(2));
        assert_eq!(rank_joined("alte churerstrasse", "churer strasse"), Some(2));
        assert_eq!(rank_joined("peter-kaiser-platz", "aiser platz"), Some(3));
        assert_eq!(rank_joined("peter-kaiser-platz", "kaiser strasse"), None);
        assert_eq!(rank_joined("peter-kaiser-platz", " - "), None);
    }
}
