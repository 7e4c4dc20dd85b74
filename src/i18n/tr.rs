//! Looking up messages in one language: what templates call as `tr.t("key")`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;

use fluent_templates::fluent_bundle::FluentValue;
use time::OffsetDateTime;

use super::{Locale, MESSAGES, Zone};

/// The messages of one language, and the time zone dates are shown in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tr {
    locale: Locale,
    zone: Zone,
}

/// A number that picks plural forms (what templates pass as `n("id", list.len())`).
pub trait Count {
    /// The number, saturating.
    fn count(&self) -> i64;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count!(i64, i32, u32, usize, u64);

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// A moment for a `<time>` element: the words on the tenant's clock, the machine-readable
/// instant and the zone (the page script adds the reader's own clock when it differs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// "15 January 2027, 08:30 JST".
    pub text: String,
    /// RFC 3339.
    pub iso: String,
    /// The IANA zone `text` is in.
    pub zone: String,
}

/// An argument of a message: text, or a number (which picks plural forms).
#[derive(Debug, Clone)]
pub enum Translated {
    /// Text, inserted as it is.
    Text(String),
    /// A count.
    Number(i64),
}

impl Tr {
    /// `locale`'s messages, dates in `zone`.
    pub fn new(locale: Locale, zone: Zone) -> Self {
        Self { locale, zone }
    }

    /// English, dates in UTC (staff alerts, and tests).
    pub fn english() -> Self {
        Self::default()
    }

    /// The language.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The language's code, for `lang="…"`.
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// The time zone dates are shown in.
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.lookup(id, &[])
    }

    /// The message `id` with one text argument.
    pub fn t1(&self, id: &str, name: &str, value: impl Display) -> String {
        self.lookup(id, &[(name, Translated::Text(value.to_string()))])
    }

    /// The message `id` with two text arguments.
    pub fn t2(
        &self,
        id: &str,
        name: &str,
        value: impl Display,
        name2: &str,
        value2: impl Display,
    ) -> String {
        self.lookup(
            id,
            &[
                (name, Translated::Text(value.to_string())),
                (name2, Translated::Text(value2.to_string())),
            ],
        )
    }

    /// The message `id` for a range of a counted list: its `$first`, `$last` and `$total`.
    pub fn range(
        &self,
        id: &str,
        first: impl Display,
        last: impl Display,
        total: impl Display,
    ) -> String {
        self.lookup(
            id,
            &[
                ("first", Translated::Text(first.to_string())),
                ("last", Translated::Text(last.to_string())),
                ("total", Translated::Text(total.to_string())),
            ],
        )
    }

    /// The message `id` with a `$count` (plural forms follow it).
    pub fn n(&self, id: &str, count: impl Count) -> String {
        let count = count.count();
        self.lookup(id, &[("count", Translated::Number(count))])
    }

    /// The message `id` with a `$count` and one text argument.
    pub fn n1(&self, id: &str, count: impl Count, name: &str, value: impl Display) -> String {
        let count = count.count();
        self.lookup(
            id,
            &[
                ("count", Translated::Number(count)),
                (name, Translated::Text(value.to_string())),
            ],
        )
    }

    /// The message `id` when this language or English has it.
    pub fn try_t(&self, id: &str) -> Option<String> {
        [self.locale, Locale::En].into_iter().find_map(|locale| {
            MESSAGES
                .lookup_single_language::<&str>(locale.langid(), id, None)
                .ok()
        })
    }

    /// The message `id` with any arguments.
    pub fn lookup(&self, id: &str, args: &[(&str, Translated)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Translated::Text(text) => FluentValue::from(text.as_str()),
                    Translated::Number(n) => FluentValue::from(*n),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        let args = (!args.is_empty()).then_some(&args);
        for locale in [self.locale, Locale::En] {
            if let Ok(text) = MESSAGES.lookup_single_language(locale.langid(), id, args) {
                return text;
            }
        }
        tracing::warn!(message_id = id, "missing translation");
        id.to_owned()
    }

    /// "12 days left", "Due today", "3 days overdue" (calendar days, as
    /// [`crate::domain::deadline::days_until`] counts them).
    pub fn countdown(&self, days: i64) -> String {
        match days {
            d if d < 0 => self.n("countdown-overdue", -d),
            0 => self.t("countdown-today"),
            d => self.n("countdown-left", d),
        }
    }

    /// A date as the customer reads it: "14 March 2027", "14 mars 2027", "14. März 2027".
    pub fn date(&self, at: OffsetDateTime) -> String {
        let clock = self.zone.wall_clock(at);
        self.lookup(
            "date-long",
            &[
                ("day", Translated::Number(clock.day.into())),
                (
                    "month",
                    Translated::Text(self.t(&format!("month-{}", clock.month))),
                ),
                ("year", Translated::Number(clock.year.into())),
            ],
        )
    }

    /// A date and time with the zone's abbreviation: "14 March 2027, 10:30 CET".
    pub fn date_time(&self, at: OffsetDateTime) -> String {
        let clock = self.zone.wall_clock(at);
        self.lookup(
            "date-time",
            &[
                ("date", Translated::Text(self.date(at))),
                ("time", Translated::Text(clock.time)),
                ("zone", Translated::Text(clock.abbreviation)),
            ],
        )
    }

    /// `at` for a `<time>` element.
    pub fn moment(&self, at: OffsetDateTime) -> Moment {
        Moment {
            text: self.date_time(at),
            iso: self.machine_time(at),
            zone: self.zone.name().to_owned(),
        }
    }

    /// `at` as an RFC 3339 timestamp for `<time datetime>` (which the page script may show in
    /// the browser's own time zone).
    pub fn machine_time(&self, at: OffsetDateTime) -> String {
        at.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_read_in_each_language() {
        let at = datetime!(2027-06-01 12:00 UTC);
        let utc = Zone::utc();
        assert_eq!(Tr::new(Locale::En, utc.clone()).date(at), "1 June 2027");
        assert_eq!(Tr::new(Locale::Fr, utc.clone()).date(at), "1 juin 2027");
        assert_eq!(Tr::new(Locale::De, utc.clone()).date(at), "1. Juni 2027");
        assert_eq!(Tr::new(Locale::Es, utc).date(at), "1 de junio de 2027");
    }

    #[test]
    fn times_are_on_the_zone_s_clock() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let at = datetime!(2027-01-14 23:30 UTC);
        assert_eq!(
            Tr::new(Locale::Fr, paris).date_time(at),
            "15 janvier 2027, 00:30 CET"
        );
        assert_eq!(Tr::english().date_time(at), "14 January 2027, 23:30 UTC");
    }

    #[test]
    fn countdowns_read_naturally() {
        let en = Tr::english();
        assert_eq!(en.countdown(10), "10 days left");
        assert_eq!(en.countdown(1), "1 day left");
        assert_eq!(en.countdown(0), "Due today");
        assert_eq!(en.countdown(-3), "3 days overdue");
        assert_eq!(
            Tr::new(Locale::De, Zone::utc()).countdown(10),
            "Noch 10 Tage"
        );
    }

    #[test]
    fn counts_pick_plural_forms() {
        let en = Tr::english();
        assert_eq!(en.n("countdown-left", 1), "1 day left");
        assert_eq!(en.n("countdown-left", 12), "12 days left");
        let fr = Tr::new(Locale::Fr, Zone::utc());
        assert_eq!(fr.n("countdown-left", 1), "1 jour restant");
        assert_eq!(fr.n("countdown-left", 3), "3 jours restants");
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_to_its_id() {
        assert_eq!(Tr::english().t("no-such-message"), "no-such-message");
    }
}
