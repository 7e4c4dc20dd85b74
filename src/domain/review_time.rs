//! How long Twilio's review usually takes, read from this deployment's own history: the median
//! time from a copy's submission to Twilio's decision over the most recent reviews. With too
//! few reviews to go by, there is no estimate and pages say what Twilio itself says.

use time::Duration;

/// Fewer decided reviews than this say too little about the usual time.
pub const MIN_REVIEWS: usize = 3;

/// The usual review time, rounded the way people say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewSpan {
    /// Less than an hour.
    UnderAnHour,
    /// About this many hours (1 to 35).
    Hours(i64),
    /// About this many days (2 or more).
    Days(i64),
}

/// The estimate, with how many reviews it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypicalReview {
    /// The median review time, rounded.
    pub span: ReviewSpan,
    /// How many reviews it was read from.
    pub reviews: usize,
}

/// The typical review from the durations of recent reviews (submission to decision), or
/// `None` when there are fewer than [`MIN_REVIEWS`]. Negative durations (clock skew) are
/// dropped.
pub fn typical_review(durations: &[Duration]) -> Option<TypicalReview> {
    let mut known: Vec<Duration> = durations
        .iter()
        .copied()
        .filter(|d| !d.is_negative())
        .collect();
    if known.len() < MIN_REVIEWS {
        return None;
    }
    known.sort();
    let middle = known.len() / 2;
    let median = if known.len().is_multiple_of(2) {
        (known[middle - 1] + known[middle]) / 2
    } else {
        known[middle]
    };
    Some(TypicalReview {
        span: rounded(median),
        reviews: known.len(),
    })
}

/// `median` as people say it: under an hour, about N hours up to a day and a half, then days.
fn rounded(median: Duration) -> ReviewSpan {
    let minutes = median.whole_minutes();
    if minutes < 60 {
        return ReviewSpan::UnderAnHour;
    }
    let hours = (minutes + 30) / 60;
    if hours < 36 {
        ReviewSpan::Hours(hours)
    } else {
        ReviewSpan::Days((hours + 12) / 24)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(list: &[f64]) -> Vec<Duration> {
        list.iter()
            .map(|h| Duration::seconds_f64(h * 3600.0))
            .collect()
    }

    #[test]
    fn too_few_reviews_give_no_estimate() {
        assert_eq!(typical_review(&[]), None);
        assert_eq!(typical_review(&hours(&[2.0, 3.0])), None);
        assert_eq!(
            typical_review(&hours(&[2.0, 3.0, -1.0])),
            None,
            "a negative duration does not count"
        );
    }

    #[test]
    fn the_median_ignores_one_slow_review() {
        let typical = typical_review(&hours(&[5.0, 4.0, 200.0])).unwrap();
        assert_eq!(typical.span, ReviewSpan::Hours(5));
        assert_eq!(typical.reviews, 3);
        let even = typical_review(&hours(&[2.0, 4.0, 6.0, 300.0])).unwrap();
        assert_eq!(
            even.span,
            ReviewSpan::Hours(5),
            "the mean of the middle two"
        );
    }

    #[test]
    fn spans_read_as_people_say_them() {
        assert_eq!(rounded(Duration::minutes(20)), ReviewSpan::UnderAnHour);
        assert_eq!(rounded(Duration::minutes(70)), ReviewSpan::Hours(1));
        assert_eq!(rounded(Duration::minutes(95)), ReviewSpan::Hours(2));
        assert_eq!(rounded(Duration::hours(35)), ReviewSpan::Hours(35));
        assert_eq!(rounded(Duration::hours(36)), ReviewSpan::Days(2));
        assert_eq!(rounded(Duration::hours(80)), ReviewSpan::Days(3));
    }
}
