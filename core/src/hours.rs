//! When a place is open: its OSM `opening_hours` read once and evaluated
//! at a local time.
//!
//! The time is the wall-clock time at the place. The store keeps no time
//! zone, so whoever asks says what time it is there (a resident's browser
//! clock is the city's). A place's public holidays are those of the
//! country it lies in, found from its position (the crate's embedded
//! country boundaries, from OpenStreetMap): `PH off` closes it on them.
//! A regional holiday is a day whose hours are uncertain.

use crate::LonLat;
use chrono::{NaiveDateTime, TimeDelta};
use opening_hours::localization::{Coordinates, Country};
use opening_hours::{Context, OpeningHours, RuleKind};
use serde::Serialize;
use std::fmt;

/// A local time as the API reads and writes it, `2026-12-05T12:00`: no
/// seconds, no zone.
pub const LOCAL_TIME: &str = "%Y-%m-%dT%H:%M";

/// How far ahead the next change is looked for: a week and a day, so a
/// place open one day a week shows when it opens next.
const LOOK_AHEAD: TimeDelta = TimeDelta::days(8);

/// Opening hours that read, ready to evaluate.
#[derive(Clone, PartialEq, Eq)]
pub struct Hours(OpeningHours);

impl fmt::Debug for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hours({})", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpenState {
    Open,
    Closed,
    /// The hours say so ("unknown", "by appointment" with no times…).
    Unknown,
}

impl From<RuleKind> for OpenState {
    fn from(kind: RuleKind) -> Self {
        match kind {
            RuleKind::Open => Self::Open,
            RuleKind::Closed => Self::Closed,
            RuleKind::Unknown => Self::Unknown,
        }
    }
}

/// A place's state at one time, and what it becomes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub state: OpenState,
    /// The rule's comment, such as "by appointment".
    pub comment: Option<String>,
    /// When the state next changes and to what; `None` when it does not
    /// change within eight days (open around the clock, closed for good).
    pub next: Option<(NaiveDateTime, OpenState)>,
}

impl Hours {
    /// Reads OSM `opening_hours`; the error says where it stops reading.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.parse::<OpeningHours>()
            .map(Self)
            .map_err(|e| where_it_stops(text, &e.to_string()))
    }

    /// Reads the hours of a place at `position`, with its country's public
    /// holidays; the hours alone where no country is found (at sea).
    pub fn for_place(text: &str, position: LonLat) -> Result<Self, String> {
        let hours = Self::parse(text)?;
        let country =
            Coordinates::new(position.lat, position.lon).and_then(Country::try_from_coords);
        Ok(match country {
            Some(country) => Self(
                hours.0.with_context(
                    Context::default()
                        .with_holidays(country.holidays())
                        .with_holidays_unknown(country.holidays_regional()),
                ),
            ),
            None => hours,
        })
    }

    pub fn is_open_at(&self, at: NaiveDateTime) -> bool {
        self.0.is_open(at)
    }

    /// The state at `at` and the next change within eight days.
    pub fn status_at(&self, at: NaiveDateTime) -> Status {
        let mut ranges = self.0.iter_range(at, at + LOOK_AHEAD);
        let Some(now) = ranges.next() else {
            // Past the end of the calendar the crate knows (year 10,000).
            return Status {
                state: OpenState::Closed,
                comment: None,
                next: None,
            };
        };
        let state: OpenState = now.kind.into();
        // A new comment alone ("lunch menu" from noon) is no change of state.
        let next = ranges
            .map(|r| (r.range.start, OpenState::from(r.kind)))
            .find(|(_, s)| *s != state);
        Status {
            state,
            comment: Some(now.comment.to_string()).filter(|c| !c.is_empty()),
            next,
        }
    }
}

/// The parser points at the trouble as ` --> line:column` over a
/// multi-line drawing; a person filling in a form needs the words from
/// there on.
fn where_it_stops(text: &str, message: &str) -> String {
    let column = message
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .and_then(|at| at.split(':').nth(1)?.trim().parse::<usize>().ok());
    match column {
        Some(c) => {
            let rest: String = text.chars().skip(c.saturating_sub(1)).take(24).collect();
            if rest.is_empty() {
                "it ends too soon".to_string()
            } else {
                format!("at character {c}, \"{rest}\"")
            }
        }
        None => message
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("it does not read")
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, LOCAL_TIME).expect("a test time")
    }

    // 2026-12-03 is a Thursday.
    const THURSDAY: &str = "2026-12-03T";

    fn status(hours: &str, time: &str) -> Status {
        Hours::parse(hours)
            .expect("test hours read")
            .status_at(at(&format!("{THURSDAY}{time}")))
    }

    #[test]
    fn open_until_the_evening_then_closed_until_the_next_morning() {
        let s = status("Mo-Fr 09:00-18:00; Sa 10:00-14:00", "17:30");
        assert_eq!(s.state, OpenState::Open);
        assert_eq!(s.next, Some((at("2026-12-03T18:00"), OpenState::Closed)));
        let s = status("Mo-Fr 09:00-18:00; Sa 10:00-14:00", "18:00");
        assert_eq!(s.state, OpenState::Closed);
        assert_eq!(s.next, Some((at("2026-12-04T09:00"), OpenState::Open)));
    }

    #[test]
    fn a_place_open_one_day_a_week_says_when_it_opens_next() {
        // The Bibliothek Mauren's real hours: only Tuesdays and Thursdays.
        let s = status("Mo,We,Fr-Su off; Tu,Th 15:00-16:30", "17:00");
        assert_eq!(s.state, OpenState::Closed);
        assert_eq!(s.next, Some((at("2026-12-08T15:00"), OpenState::Open)));
    }

    #[test]
    fn a_new_comment_is_no_change_of_state() {
        let s = status(
            r#"Mo-Fr 09:00-12:00 "library", Mo-Fr 12:00-18:00 "library and café""#,
            "10:00",
        );
        assert_eq!(s.state, OpenState::Open);
        assert_eq!(s.comment.as_deref(), Some("library"));
        assert_eq!(s.next, Some((at("2026-12-03T18:00"), OpenState::Closed)));
    }

    #[test]
    fn around_the_clock_never_changes() {
        let s = status("24/7", "03:00");
        assert_eq!(s.state, OpenState::Open);
        assert_eq!(s.next, None);
    }

    #[test]
    fn a_past_date_is_closed_for_good() {
        let s = status("2024 Mar 02 10:00-12:00", "12:00");
        assert_eq!(s.state, OpenState::Closed);
        assert_eq!(s.next, None);
    }

    #[test]
    fn comments_and_unknown_states_are_kept() {
        let s = status(r#"Mo-Fr 10:00-12:00 unknown "by appointment""#, "11:00");
        assert_eq!(s.state, OpenState::Unknown);
        assert_eq!(s.comment.as_deref(), Some("by appointment"));
    }

    #[test]
    fn hours_that_do_not_read_are_refused_saying_where() {
        assert_eq!(
            Hours::parse("Mo-Fr 9 to 5").expect_err("not OSM syntax"),
            "at character 7, \"9 to 5\""
        );
        // A date is not hours (a check_date:opening_hours value).
        assert_eq!(
            Hours::parse("2024-03-02").expect_err("a date"),
            "at character 6, \"03-02\""
        );
        assert_eq!(
            Hours::parse("Mo-Fr 09:00-").expect_err("cut short"),
            "it ends too soon"
        );
        assert!(Hours::parse("Mo-Fr 09:00-17:00; Sa 10:00-14:00").is_ok());
    }

    #[test]
    fn public_holidays_are_the_countrys_where_the_place_is() {
        const HOURS: &str = "Mo-Fr 09:00-18:00; PH off";
        // Tuesday 8 December is a public holiday in Liechtenstein
        // (Immaculate Conception), not in Finland.
        let holiday = at("2026-12-08T10:00");
        let vaduz = Hours::for_place(HOURS, LonLat::new(9.5209, 47.141)).expect("reads");
        let helsinki = Hours::for_place(HOURS, LonLat::new(24.9384, 60.1699)).expect("reads");
        assert_eq!(vaduz.status_at(holiday).state, OpenState::Closed);
        assert_eq!(
            vaduz.status_at(holiday).next,
            Some((at("2026-12-09T09:00"), OpenState::Open))
        );
        assert_eq!(helsinki.status_at(holiday).state, OpenState::Open);
        // The day before, a Monday, both are open; at sea there is no
        // country and no holiday.
        assert!(vaduz.is_open_at(at("2026-12-07T10:00")));
        let at_sea = Hours::for_place(HOURS, LonLat::new(-30.0, 40.0)).expect("reads");
        assert!(at_sea.is_open_at(holiday));
        // Finland's Independence Day is on a Sunday in 2026; Christmas Eve,
        // a Thursday, is a public holiday there.
        assert!(!helsinki.is_open_at(at("2026-12-24T10:00")));
    }

    #[test]
    fn is_open_at_agrees_with_status() {
        let h = Hours::parse("Tu-Fr 11:00-17:00; Sa,Su 12:00-16:00").expect("reads");
        for hour in 0..24 {
            let t = at(&format!("{THURSDAY}{hour:02}:30"));
            assert_eq!(
                h.is_open_at(t),
                h.status_at(t).state == OpenState::Open,
                "{t}"
            );
        }
    }
}
