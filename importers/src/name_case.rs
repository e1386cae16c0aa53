//! Names some sources write in capitals ("SÖRNÄINEN", "ETU-TÖÖLÖ", as
//! Helsinki's district file does), shown as people write them.

/// Small words that stay small inside a place name ("Frankfurt am Main",
/// "Rio de Janeiro", "Stratford-upon-Avon"), in the languages whose place
/// names use them most (German, Dutch, French, Spanish, Italian,
/// Portuguese, English). The first word of a name is capitalised even so.
const PARTICLES: &[&str] = &[
    "am", "an", "auf", "bei", "der", "die", "das", "im", "ob", "unter", "vom", "von", "vor", "zu",
    "zum", "zur", "aan", "den", "het", "op", "van", "de", "del", "della", "des", "di", "do", "dos",
    "du", "en", "la", "le", "les", "lès", "sur", "and", "of", "on", "the", "upon",
];

/// `name` in title case when it is written wholly in capitals: each word,
/// and each part of a hyphenated one, a capital then small letters
/// ("ETU-TÖÖLÖ" → "Etu-Töölö"), but for the small words of [`PARTICLES`]
/// after the first ("FRANKFURT AM MAIN" → "Frankfurt am Main"). A name
/// with any small letter is kept as written: its capitals are meant
/// ("McDonald", "St. Gallen").
pub fn title_case_capitals(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    let mut first = true;
    while let Some(start) = rest.find(char::is_alphanumeric) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let small = rest[..end].to_lowercase();
        if !first && PARTICLES.contains(&small.as_str()) {
            out.push_str(&small);
        } else {
            let mut chars = rest[..end].chars();
            out.extend(chars.next());
            out.extend(chars.flat_map(char::to_lowercase));
        }
        first = false;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::title_case_capitals;

    #[test]
    fn names_in_capitals_are_title_cased_and_others_kept() {
        assert_eq!(title_case_capitals("SÖRNÄINEN"), "Sörnäinen");
        assert_eq!(title_case_capitals("ETU-TÖÖLÖ"), "Etu-Töölö");
        assert_eq!(title_case_capitals("VANHA KAUPUNKI"), "Vanha Kaupunki");
        assert_eq!(title_case_capitals("St. Gallen"), "St. Gallen");
        assert_eq!(title_case_capitals("McDonald"), "McDonald");
        assert_eq!(title_case_capitals("12"), "12");
        assert_eq!(
            title_case_capitals("FRANKFURT AM MAIN"),
            "Frankfurt am Main"
        );
        assert_eq!(title_case_capitals("RIO DE JANEIRO"), "Rio de Janeiro");
        assert_eq!(
            title_case_capitals("STRATFORD-UPON-AVON"),
            "Stratford-upon-Avon"
        );
        assert_eq!(title_case_capitals("DE PIJP"), "De Pijp", "first word");
        assert_eq!(title_case_capitals("L'AQUILA (NORD)"), "L'Aquila (Nord)");
        assert_eq!(title_case_capitals(" -- "), " -- ");
    }
}
