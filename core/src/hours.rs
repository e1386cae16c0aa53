//! When a place is open: its OSM `opening_hours` read once and evaluated
//! at a time.
//!
//! A time is either a wall-clock time at the place ("Saturday at noon",
//! whatever the zone) or an instant, such as now, which each place reads
//! in its own time zone. The zone, the public holidays and the sun's times
//! ("sunset") come from the place's position: the time zone boundaries
//! embedded by `tzf-rs` and the country boundaries embedded by
//! `opening-hours`, both derived from OpenStreetMap. `PH off` closes a
//! place on its country's public holidays; a regional holiday is a day
//! whose hours are uncertain.

use crate::LonLat;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};
use chrono_tz::Tz;
use opening_hours::localization::{Coordinates, Country, Localize, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

/// A local time as the API reads and writes it, `2026-12-05T12:00`: no
/// seconds, no zone.
pub const LOCAL_TIME: &str = "%Y-%m-%dT%H:%M";

/// How far ahead the next change is looked for: a week and a day, so a
/// place open one day a week shows when it opens next.
const LOOK_AHEAD: TimeDelta = TimeDelta::days(8);

/// When hours are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A wall-clock time at each place, in whatever zone it lies.
    Local(NaiveDateTime),
    /// One instant, such as now: each place reads it on its own clock.
    Instant(DateTime<Utc>),
}

/// Opening hours that read, ready to evaluate.
#[derive(Clone, PartialEq)]
pub struct Hours(OpeningHours<TzLocation<Tz>>);

impl fmt::Debug for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hours({}, {})", self.0, self.time_zone())
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
    /// The wall-clock time at the place the hours were read at.
    pub at: NaiveDateTime,
    pub state: OpenState,
    /// The rule's comment, such as "by appointment".
    pub comment: Option<String>,
    /// When the state next changes (on the place's clock) and to what;
    /// `None` when it does not change within eight days (open around the
    /// clock, closed for good).
    pub next: Option<(NaiveDateTime, OpenState)>,
}

/// One day's hours on the place's clock, as spans of minutes from its
/// midnight: one that runs to the next midnight ends at 1440.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub open: Vec<(u16, u16)>,
    /// Spans the hours call uncertain (`unknown`, a regional holiday).
    pub unknown: Vec<(u16, u16)>,
}

impl Hours {
    /// Reads OSM `opening_hours` with no place: no holidays, the crate's
    /// stand-in sunrise and sunset (07:00, 19:00), and an instant read in
    /// UTC. The error says where it stops reading.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::read(
            text,
            Context::default().with_locale(TzLocation::new(Tz::UTC)),
        )
    }

    /// Reads the hours of a place at `position`, with its time zone, its
    /// country's public holidays and its sunrise and sunset; UTC with no
    /// holidays where no zone or country is found (at sea).
    pub fn for_place(text: &str, position: LonLat) -> Result<Self, String> {
        let Some(coordinates) = Coordinates::new(position.lat, position.lon) else {
            return Self::parse(text);
        };
        let locale = TzLocation::new(time_zone_at(position)).with_coords(coordinates);
        let context = match Country::try_from_coords(coordinates) {
            Some(country) => Context::default()
                .with_holidays(country.holidays())
                .with_holidays_unknown(country.holidays_regional()),
            None => Context::default(),
        };
        Self::read(text, context.with_locale(locale))
    }

    fn read(text: &str, context: Context<TzLocation<Tz>>) -> Result<Self, String> {
        text.parse::<OpeningHours>()
            .map(|hours| Self(hours.with_context(context)))
            .map_err(|e| where_it_stops(text, &e.to_string()))
    }

    /// The time zone the place lies in.
    pub fn time_zone(&self) -> Tz {
        *self.0.get_context().locale.get_timezone()
    }

    /// `when` on the place's clock.
    pub fn local_time(&self, when: When) -> NaiveDateTime {
        self.instant(when).naive_local()
    }

    fn instant(&self, when: When) -> DateTime<Tz> {
        match when {
            // A time that a clock change skips reads as the first minute
            // after it; one it repeats, as the later of the two.
            When::Local(local) => self.0.get_context().locale.datetime(local),
            When::Instant(instant) => instant.with_timezone(&self.time_zone()),
        }
    }

    pub fn is_open(&self, when: When) -> bool {
        self.0.is_open(self.instant(when))
    }

    /// The state at `when` and the next change within eight days.
    pub fn status(&self, when: When) -> Status {
        let from = self.instant(when);
        let at = from.naive_local();
        let mut ranges = self.0.iter_range(from, from + LOOK_AHEAD);
        let Some(now) = ranges.next() else {
            // Past the end of the calendar the crate knows (year 10,000).
            return Status {
                at,
                state: OpenState::Closed,
                comment: None,
                next: None,
            };
        };
        let state: OpenState = now.kind.into();
        // A new comment alone ("lunch menu" from noon) is no change of state.
        let next = ranges
            .map(|r| (r.range.start.naive_local(), OpenState::from(r.kind)))
            .find(|(_, s)| *s != state);
        Status {
            at,
            state,
            comment: Some(now.comment.to_string()).filter(|c| !c.is_empty()),
            next,
        }
    }

    /// The hours of `count` days from `from`, as a person checking what
    /// they wrote reads them: holidays and all, a span past midnight split
    /// at it, spans that differ only in their comment joined.
    pub fn days(&self, from: NaiveDate, count: u32) -> Vec<Day> {
        (0..count)
            .filter_map(|d| from.checked_add_days(Days::new(d.into())))
            .map(|date| self.day(date))
            .collect()
    }

    fn day(&self, date: NaiveDate) -> Day {
        let midnight = date.and_time(NaiveTime::MIN);
        let start = self.instant(When::Local(midnight));
        let end = self.instant(When::Local(midnight + TimeDelta::days(1)));
        let minutes = |t: DateTime<Tz>| {
            let local = t.naive_local();
            if local.date() > date {
                1440
            } else {
                (local.time().num_seconds_from_midnight() / 60) as u16
            }
        };
        let mut day = Day {
            date,
            open: Vec::new(),
            unknown: Vec::new(),
        };
        for r in self.0.iter_range(start, end) {
            let span = (minutes(r.range.start), minutes(r.range.end));
            let spans = match r.kind {
                RuleKind::Open => &mut day.open,
                RuleKind::Unknown => &mut day.unknown,
                RuleKind::Closed => continue,
            };
            match spans.last_mut() {
                Some(last) if last.1 == span.0 => last.1 = span.1,
                _ => spans.push(span),
            }
        }
        day
    }
}

/// The time zone at a position; UTC where none is known (at sea).
pub fn time_zone_at(position: LonLat) -> Tz {
    // Queries the embedded boundaries in place (about 4 MB, read-only):
    // microseconds a lookup, made once per place with hours.
    static FINDER: LazyLock<tzf_rs::EmbeddedFinder> = LazyLock::new(tzf_rs::EmbeddedFinder::new);
    FINDER
        .get_tz_name(position.lon, position.lat)
        .parse()
        .unwrap_or(Tz::UTC)
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
    use chrono::Datelike;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, LOCAL_TIME).expect("a test time")
    }

    // 2026-12-03 is a Thursday.
    const THURSDAY: &str = "2026-12-03T";

    fn status(hours: &str, time: &str) -> Status {
        Hours::parse(hours)
            .expect("test hours read")
            .status(When::Local(at(&format!("{THURSDAY}{time}"))))
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
        let vaduz = Hours::for_place(HOURS, VADUZ).expect("reads");
        let helsinki = Hours::for_place(HOURS, HELSINKI).expect("reads");
        assert_eq!(vaduz.status(When::Local(holiday)).state, OpenState::Closed);
        assert_eq!(
            vaduz.status(When::Local(holiday)).next,
            Some((at("2026-12-09T09:00"), OpenState::Open))
        );
        assert_eq!(helsinki.status(When::Local(holiday)).state, OpenState::Open);
        // The day before, a Monday, both are open; at sea there is no
        // country and no holiday.
        assert!(vaduz.is_open(When::Local(at("2026-12-07T10:00"))));
        let at_sea = Hours::for_place(HOURS, LonLat::new(-30.0, 40.0)).expect("reads");
        assert!(at_sea.is_open(When::Local(holiday)));
        // Finland's Independence Day is on a Sunday in 2026; Christmas Eve,
        // a Thursday, is a public holiday there.
        assert!(!helsinki.is_open(When::Local(at("2026-12-24T10:00"))));
    }

    #[test]
    fn is_open_at_agrees_with_status() {
        let h = Hours::parse("Tu-Fr 11:00-17:00; Sa,Su 12:00-16:00").expect("reads");
        for hour in 0..24 {
            let t = at(&format!("{THURSDAY}{hour:02}:30"));
            assert_eq!(
                h.is_open(When::Local(t)),
                h.status(When::Local(t)).state == OpenState::Open,
                "{t}"
            );
        }
    }

    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    fn instant(s: &str) -> When {
        When::Instant(at(s).and_utc())
    }

    const VADUZ: LonLat = LonLat {
        lon: 9.5209,
        lat: 47.141,
    };
    const PORTO_ALEGRE: LonLat = LonLat {
        lon: -51.2177,
        lat: -30.0346,
    };
    const HELSINKI: LonLat = LonLat {
        lon: 24.9384,
        lat: 60.1699,
    };

    #[test]
    fn an_instant_is_read_on_each_places_own_clock() {
        const HOURS: &str = "Mo-Fr 09:00-18:00";
        let vaduz = Hours::for_place(HOURS, VADUZ).expect("reads");
        let porto_alegre = Hours::for_place(HOURS, PORTO_ALEGRE).expect("reads");
        assert_eq!(vaduz.time_zone(), Tz::Europe__Vaduz);
        assert_eq!(porto_alegre.time_zone(), Tz::America__Sao_Paulo);
        // 08:30 UTC on a Thursday in December: 09:30 in Vaduz (UTC+1),
        // 05:30 in Porto Alegre (UTC-3).
        let now = instant("2026-12-03T08:30");
        let here = vaduz.status(now);
        assert_eq!(
            (here.at, here.state),
            (at("2026-12-03T09:30"), OpenState::Open)
        );
        assert_eq!(here.next, Some((at("2026-12-03T18:00"), OpenState::Closed)));
        let there = porto_alegre.status(now);
        assert_eq!(
            (there.at, there.state),
            (at("2026-12-03T05:30"), OpenState::Closed)
        );
        assert_eq!(there.next, Some((at("2026-12-03T09:00"), OpenState::Open)));
        assert!(vaduz.is_open(now) && !porto_alegre.is_open(now));
        // A wall-clock time is the same time at both.
        let ten = When::Local(at("2026-12-03T10:00"));
        assert!(vaduz.is_open(ten) && porto_alegre.is_open(ten));
        assert_eq!(porto_alegre.status(ten).at, at("2026-12-03T10:00"));
    }

    #[test]
    fn summer_time_moves_the_offset() {
        let vaduz = Hours::for_place("Mo-Fr 09:00-18:00", VADUZ).expect("reads");
        // 07:30 UTC is 09:30 in July (UTC+2): open; 08:30 in December.
        assert!(vaduz.is_open(instant("2026-07-02T07:30")));
        assert!(!vaduz.is_open(instant("2026-12-03T07:30")));
        // 02:30 on 29 March 2026 does not exist there (clocks go from 02:00
        // to 03:00): it reads as the first minute after the change.
        let night = Hours::for_place("Su 03:00-04:00", VADUZ).expect("reads");
        let skipped = night.status(When::Local(at("2026-03-29T02:30")));
        assert_eq!(
            (skipped.at, skipped.state),
            (at("2026-03-29T03:00"), OpenState::Open)
        );
    }

    #[test]
    fn sunset_is_the_places_own() {
        // Helsinki's sun sets at about 15:15 in early December; the crate's
        // stand-in without a position is 19:00.
        let park = Hours::for_place("sunrise-sunset", HELSINKI).expect("reads");
        let s = park.status(When::Local(at("2026-12-03T12:00")));
        assert_eq!(s.state, OpenState::Open);
        let (sunset, to) = s.next.expect("the sun sets");
        assert_eq!(to, OpenState::Closed);
        assert!(
            (at("2026-12-03T15:00")..at("2026-12-03T15:30")).contains(&sunset),
            "{sunset}"
        );
        assert!(!park.is_open(When::Local(at("2026-12-03T16:00"))));
        let anywhere = Hours::parse("sunrise-sunset").expect("reads");
        assert!(anywhere.is_open(When::Local(at("2026-12-03T16:00"))));
    }

    #[test]
    fn a_week_reads_as_written_with_its_holiday() {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date");
        let hours = Hours::for_place(
            r#"Mo-Fr 09:00-12:00 "library", Mo-Fr 12:00-18:00 "and café"; Sa 10:00-14:00, Fr 22:00-02:00; PH off"#,
            VADUZ,
        )
        .expect("reads");
        let week = hours.days(date("2026-12-03"), 7);
        let spans: Vec<(&str, Vec<(u16, u16)>)> = week
            .iter()
            .map(|d| {
                (
                    WEEKDAYS[d.date.weekday().num_days_from_monday() as usize],
                    d.open.clone(),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                ("Thu", vec![(540, 1080)]),
                // Friday night runs past midnight into Saturday.
                ("Fri", vec![(540, 1080), (1320, 1440)]),
                ("Sat", vec![(0, 120), (600, 840)]),
                ("Sun", vec![]),
                ("Mon", vec![(540, 1080)]),
                // 8 December is a public holiday in Liechtenstein.
                ("Tue", vec![]),
                ("Wed", vec![(540, 1080)]),
            ]
        );
        assert_eq!(week[0].date, date("2026-12-03"));
        assert!(week.iter().all(|d| d.unknown.is_empty()));
        let uncertain = Hours::parse("Mo 10:00-12:00 unknown").expect("reads");
        assert_eq!(
            uncertain.days(date("2026-12-07"), 1)[0].unknown,
            [(600, 720)]
        );
    }
}
