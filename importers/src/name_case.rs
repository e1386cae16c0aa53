//! Names some sources write in capitals ("SÖRNÄINEN", "ETU-TÖÖLÖ", as
//! Helsinki's district file does), shown as people write them.

/// `name` in title case when it is written wholly in capitals: each word,
/// and each part of a hyphenated one, a capital then small letters
/// ("ETU-TÖÖLÖ" → "Etu-Töölö"). A name with any small letter is kept as
/// written: its capitals are meant ("McDonald", "St. Gallen").
pub fn title_case_capitals(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphanumeric();
    }
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
    }
}
