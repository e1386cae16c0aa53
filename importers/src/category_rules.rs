//! OSM tags → learning-space category, as data. The default table is
//! `shared/docs/categories.md` (version 1); an operator may supply another.

use learnscape_core::Category;

/// One way a feature can match a row: `key=value`, optionally requiring
/// more tags and refusing some values of others.
#[derive(Debug, Clone, PartialEq)]
pub struct TagCondition {
    pub key: String,
    pub value: String,
    /// All of these must also be present.
    pub requires: Vec<(String, String)>,
    /// The feature does not match if any of these is present.
    pub excludes: Vec<(String, String)>,
}

impl TagCondition {
    fn tag(key: &str, value: &str) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
            requires: Vec::new(),
            excludes: Vec::new(),
        }
    }

    fn requiring(mut self, key: &str, value: &str) -> Self {
        self.requires.push((key.into(), value.into()));
        self
    }

    fn excluding(mut self, key: &str, value: &str) -> Self {
        self.excludes.push((key.into(), value.into()));
        self
    }

    fn matches<'a>(&self, get: &impl Fn(&str) -> Option<&'a str>) -> bool {
        // categories.md: `education=X` counts the same as `amenity=X`.
        let primary = get(&self.key) == Some(self.value.as_str())
            || (self.key == "amenity" && get("education") == Some(self.value.as_str()));
        primary
            && self
                .requires
                .iter()
                .all(|(k, v)| get(k) == Some(v.as_str()))
            && !self
                .excludes
                .iter()
                .any(|(k, v)| get(k) == Some(v.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRule {
    pub category: Category,
    /// Any one of these matches the row.
    pub conditions: Vec<TagCondition>,
}

/// The table, applied top to bottom: a feature takes the first row it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRules {
    pub rules: Vec<CategoryRule>,
}

/// Tags kept as place attributes (categories.md), besides `name`.
const KEPT_KEYS: &[&str] = &[
    "opening_hours",
    "access",
    "fee",
    "wheelchair",
    "operator",
    "operator:type",
    "website",
    "phone",
    "internet_access",
    "capacity",
    "start_date",
    "check_date",
    "wikidata",
    "ref:isil",
    "description",
];
const KEPT_PREFIXES: &[&str] = &["contact:", "addr:"];
const COMMUNITY_CENTRE_KEYS: &[&str] = &["community_centre", "community_centre:for"];

impl Default for CategoryRules {
    fn default() -> Self {
        use Category::*;
        let t = TagCondition::tag;
        let row = |category, conditions| CategoryRule {
            category,
            conditions,
        };
        let rules = vec![
            row(
                Library,
                vec![
                    t("amenity", "library"),
                    t("amenity", "toy_library"),
                    t("amenity", "mobile_library"),
                ],
            ),
            row(
                PublicBookcase,
                vec![t("amenity", "public_bookcase"), t("amenity", "give_box")],
            ),
            row(
                CommunityCentre,
                vec![
                    t("amenity", "community_centre"),
                    t("amenity", "social_centre"),
                ],
            ),
            row(
                Makerspace,
                vec![
                    t("leisure", "hackerspace"),
                    t("repair", "assisted_self_service"),
                    t("amenity", "coworking_space"),
                    t("office", "coworking"),
                ],
            ),
            row(
                ArtsCulture,
                vec![
                    t("amenity", "arts_centre"),
                    t("tourism", "museum"),
                    t("tourism", "gallery"),
                ],
            ),
            row(
                AdultEducation,
                vec![
                    t("amenity", "language_school"),
                    t("amenity", "music_school"),
                    t("amenity", "dancing_school"),
                    t("amenity", "training"),
                    t("amenity", "prep_school"),
                ],
            ),
            row(School, vec![t("amenity", "school")]),
            row(
                EarlyYears,
                vec![t("amenity", "kindergarten"), t("amenity", "childcare")],
            ),
            row(
                HigherEducation,
                vec![
                    t("amenity", "college"),
                    t("amenity", "university"),
                    t("amenity", "research_institute"),
                ],
            ),
            // "with access not private/no" qualifies nature_reserve, the item
            // it follows, as "with garden:type=community" qualifies garden in
            // the next row (docs/walk-model-notes.md).
            row(
                Park,
                vec![
                    t("leisure", "park"),
                    t("leisure", "nature_reserve")
                        .excluding("access", "private")
                        .excluding("access", "no"),
                ],
            ),
            row(
                CommunityGarden,
                vec![
                    t("leisure", "garden").requiring("garden:type", "community"),
                    t("landuse", "allotments"),
                ],
            ),
        ];
        Self { rules }
    }
}

/// What a matching feature is: its category and the tag that matched it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryMatch {
    pub category: Category,
    pub rule: usize,
    pub condition: usize,
}

impl CategoryRules {
    /// The first row, top to bottom, whose conditions the tags meet.
    pub fn classify<'a>(&self, get: impl Fn(&str) -> Option<&'a str>) -> Option<CategoryMatch> {
        self.rules.iter().enumerate().find_map(|(rule, r)| {
            r.conditions
                .iter()
                .position(|c| c.matches(&get))
                .map(|condition| CategoryMatch {
                    category: r.category,
                    rule,
                    condition,
                })
        })
    }

    /// `key=value` of the condition that matched, e.g. `amenity=toy_library`.
    pub fn matched_tag(&self, m: CategoryMatch) -> String {
        let c = &self.rules[m.rule].conditions[m.condition];
        format!("{}={}", c.key, c.value)
    }

    /// Every key the table looks at, for pre-filtering tags.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| r.conditions.iter().map(|c| c.key.as_str()))
            .collect();
        keys.push("education");
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// Whether a tag is kept as a place attribute for a place of `category`:
/// those categories.md names, and its other names, that search finds it
/// by ("Nationalbiblioteket" for Kansalliskirjasto).
pub fn keeps_attribute(category: Category, key: &str) -> bool {
    KEPT_KEYS.contains(&key)
        || learnscape_core::text::is_other_name_key(key)
        || KEPT_PREFIXES.iter().any(|p| key.starts_with(p))
        || (category == Category::CommunityCentre && COMMUNITY_CENTRE_KEYS.contains(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(tags: &[(&str, &str)]) -> Option<Category> {
        let rules = CategoryRules::default();
        rules
            .classify(|k| tags.iter().find(|(tk, _)| *tk == k).map(|(_, v)| *v))
            .map(|m| m.category)
    }

    #[test]
    fn the_first_matching_row_wins() {
        // A library in a school: the library row comes first.
        assert_eq!(
            classify(&[("amenity", "school"), ("tourism", "museum")]),
            Some(Category::ArtsCulture)
        );
        assert_eq!(
            classify(&[("amenity", "library"), ("tourism", "museum")]),
            Some(Category::Library)
        );
    }

    #[test]
    fn education_counts_as_amenity() {
        assert_eq!(classify(&[("education", "school")]), Some(Category::School));
        assert_eq!(
            classify(&[("amenity", "townhall"), ("education", "library")]),
            Some(Category::Library)
        );
    }

    #[test]
    fn conditional_rows_need_their_extra_tags() {
        assert_eq!(classify(&[("leisure", "garden")]), None);
        assert_eq!(
            classify(&[("leisure", "garden"), ("garden:type", "community")]),
            Some(Category::CommunityGarden)
        );
        assert_eq!(
            classify(&[("landuse", "allotments")]),
            Some(Category::CommunityGarden)
        );
        assert_eq!(
            classify(&[("leisure", "nature_reserve"), ("access", "private")]),
            None
        );
        assert_eq!(
            classify(&[("leisure", "nature_reserve")]),
            Some(Category::Park)
        );
        assert_eq!(
            classify(&[("leisure", "park"), ("access", "private")]),
            Some(Category::Park)
        );
    }

    #[test]
    fn excluded_tags_match_nothing() {
        assert_eq!(classify(&[("amenity", "townhall")]), None);
        assert_eq!(classify(&[("amenity", "social_facility")]), None);
        assert_eq!(classify(&[("amenity", "bench")]), None);
    }
}
