//! Learning-space categories (`shared/docs/categories.md`, version 1).
//! Which OSM tags map to which category is data owned by the importers;
//! this is only the closed list of categories and their stable names.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Library,
    PublicBookcase,
    CommunityCentre,
    Makerspace,
    ArtsCulture,
    AdultEducation,
    School,
    EarlyYears,
    HigherEducation,
    Park,
    CommunityGarden,
}

impl Category {
    /// Every category, in the order of categories.md.
    pub const ALL: [Category; 11] = [
        Category::Library,
        Category::PublicBookcase,
        Category::CommunityCentre,
        Category::Makerspace,
        Category::ArtsCulture,
        Category::AdultEducation,
        Category::School,
        Category::EarlyYears,
        Category::HigherEducation,
        Category::Park,
        Category::CommunityGarden,
    ];

    /// The stable name used in URLs, files, tiles and the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Library => "library",
            Category::PublicBookcase => "public_bookcase",
            Category::CommunityCentre => "community_centre",
            Category::Makerspace => "makerspace",
            Category::ArtsCulture => "arts_culture",
            Category::AdultEducation => "adult_education",
            Category::School => "school",
            Category::EarlyYears => "early_years",
            Category::HigherEducation => "higher_education",
            Category::Park => "park",
            Category::CommunityGarden => "community_garden",
        }
    }

    /// A label for people.
    pub const fn label(self) -> &'static str {
        match self {
            Category::Library => "Libraries",
            Category::PublicBookcase => "Public bookcases",
            Category::CommunityCentre => "Community centres",
            Category::Makerspace => "Makerspaces and repair cafés",
            Category::ArtsCulture => "Arts and culture",
            Category::AdultEducation => "Adult education",
            Category::School => "Schools",
            Category::EarlyYears => "Early years",
            Category::HigherEducation => "Higher education",
            Category::Park => "Parks",
            Category::CommunityGarden => "Community gardens",
        }
    }

    /// The words a resident types to find places of this kind, as
    /// [`crate::text::search_key`] folds them, in English and the
    /// languages of the places learnscape has data for: "libraries",
    /// "Bibliothek", "kirjasto" (listed in `category_terms.rs`).
    pub const fn search_terms(self) -> &'static [&'static str] {
        crate::category_terms::terms(self)
    }

    /// The category `text` (folded) names as a whole: "libraries",
    /// "repair cafe".
    pub fn named_by(text: &str) -> Option<Category> {
        (Category::ALL.into_iter()).find(|c| c.search_terms().contains(&text))
    }

    /// The category a whole text (folded) asks for: one it names, as
    /// [`Category::named_by`], or one asked for nearby, as people type
    /// it into a search box ("library near me", "schools nearby").
    pub fn asked_by(text: &str) -> Option<Category> {
        Category::named_by(text).or_else(|| {
            (HERE.iter()).find_map(|here| Category::named_by(text.strip_suffix(here)?.trim_end()))
        })
    }

    /// The category the part of a text before a town (folded) asks for:
    /// one it names, or names followed by a word that leads to a town
    /// ("library in" of "library in Vaduz", "Schule bei" of "Schule bei
    /// Schaan").
    pub fn asked_before_a_town(text: &str) -> Option<Category> {
        Category::named_by(text).or_else(|| {
            (TOWARDS.iter())
                .find_map(|to| Category::named_by(text.strip_suffix(to)?.strip_suffix(' ')?))
        })
    }
}

/// What people type after a kind of place to ask for the nearest, folded.
const HERE: [&str; 8] = [
    "near me",
    "nearby",
    "around me",
    "close to me",
    "in der nahe",
    "pres de moi",
    "cerca de mi",
    "perto de mim",
];

/// Words between a kind of place and a town, folded, in the languages
/// of the search terms: "library in Vaduz", "Schule bei Schaan", "escola a
/// Andorra la Vella", "musee pres de Vaduz".
const TOWARDS: [&str; 16] = [
    "in",
    "near",
    "around",
    "at",
    "close to",
    "bei",
    "nahe",
    "a",
    "pres de",
    "en",
    "em",
    "cerca de",
    "perto de",
    "a prop de",
    "i",
    "nara",
];

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category {0:?}; known categories: {known}", known = known_list())]
pub struct UnknownCategory(pub String);

/// What an accessibility figure is about: one category, or any learning
/// space at all (the nearest of every category; supply pooled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Any,
    One(Category),
}

impl Subject {
    /// `all` first, then every category.
    pub const ALL: [Subject; Category::ALL.len() + 1] = {
        let mut out = [Subject::Any; Category::ALL.len() + 1];
        let mut i = 0;
        while i < Category::ALL.len() {
            out[i + 1] = Subject::One(Category::ALL[i]);
            i += 1;
        }
        out
    };

    pub const fn as_str(self) -> &'static str {
        match self {
            Subject::Any => "all",
            Subject::One(c) => c.as_str(),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Category> for Subject {
    fn from(c: Category) -> Self {
        Subject::One(c)
    }
}

impl FromStr for Subject {
    type Err = UnknownCategory;

    /// `all` or a category name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim().eq_ignore_ascii_case("all") {
            return Ok(Subject::Any);
        }
        s.parse::<Category>()
            .map(Subject::One)
            .map_err(|_| UnknownCategory(s.to_string()))
    }
}

fn known_list() -> String {
    Category::ALL.map(Category::as_str).join(", ")
}

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Category::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownCategory(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subject_round_trips_through_its_name() {
        assert_eq!(Subject::ALL[0], Subject::Any);
        assert_eq!(Subject::ALL.len(), Category::ALL.len() + 1);
        for s in Subject::ALL {
            assert_eq!(s.as_str().parse::<Subject>(), Ok(s));
        }
        assert!("casino".parse::<Subject>().is_err());
    }

    #[test]
    fn every_category_round_trips_through_its_name() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(c));
            let json = serde_json::to_string(&c).expect("serialises");
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
    }

    #[test]
    fn a_category_is_named_by_its_nouns_and_its_kinds_of_place() {
        assert_eq!(Category::named_by("libraries"), Some(Category::Library));
        assert_eq!(Category::named_by("museum"), Some(Category::ArtsCulture));
        assert_eq!(
            Category::named_by("music school"),
            Some(Category::AdultEducation)
        );
        assert_eq!(Category::named_by("school"), Some(Category::School));
        assert_eq!(
            Category::named_by("gardens"),
            Some(Category::CommunityGarden)
        );
        assert_eq!(Category::named_by("schoo"), None, "whole words only");
        // In the languages of the data: Vaduz, Andorra, Helsinki, Porto.
        for (typed, kind) in [
            ("Bibliothek", Category::Library),
            ("Bücherei", Category::Library),
            ("Schule", Category::School),
            ("Hochschule", Category::HigherEducation),
            ("Volkshochschule", Category::AdultEducation),
            ("Kita", Category::EarlyYears),
            ("Familiengarten", Category::CommunityGarden),
            ("escola", Category::School),
            ("escola bressol", Category::EarlyYears),
            ("biblioteca", Category::Library),
            ("kirjasto", Category::Library),
            ("päiväkoti", Category::EarlyYears),
            ("puisto", Category::Park),
            ("förskola", Category::EarlyYears),
            ("bibliothèque", Category::Library),
            ("musée", Category::ArtsCulture),
            ("universidade", Category::HigherEducation),
        ] {
            let folded = crate::text::search_key(typed);
            assert_eq!(Category::named_by(&folded), Some(kind), "{typed}");
        }
        // Nearby, and before a town, as typed into a search box.
        assert_eq!(
            Category::asked_by("library near me"),
            Some(Category::Library)
        );
        assert_eq!(Category::asked_by("schools nearby"), Some(Category::School));
        assert_eq!(Category::asked_by("library near"), None);
        assert_eq!(
            Category::asked_before_a_town("libraries in"),
            Some(Category::Library)
        );
        assert_eq!(
            Category::asked_before_a_town("schule bei"),
            Some(Category::School)
        );
        assert_eq!(Category::asked_before_a_town("park"), Some(Category::Park));
        assert_eq!(Category::asked_before_a_town("parkin"), None, "a word");
        assert_eq!(Category::asked_before_a_town("in"), None);
        // French "collège" is a school, English "college" higher
        // education: the word stays English.
        assert_eq!(
            Category::named_by("college"),
            Some(Category::HigherEducation)
        );
        assert_eq!(Category::named_by("landesbibliothek"), None);
        // Each term names one category, and as search folds it.
        let mut seen = std::collections::HashSet::new();
        for c in Category::ALL {
            assert!(!c.search_terms().is_empty(), "{c}");
            for t in c.search_terms() {
                assert!(seen.insert(*t), "{t} twice");
                assert_eq!(crate::text::search_key(t), *t, "{t}");
            }
        }
    }

    #[test]
    fn an_unknown_category_lists_the_known_ones() {
        let err = "libary".parse::<Category>().expect_err("unknown");
        assert!(err.to_string().contains("community_centre"), "{err}");
    }
}
