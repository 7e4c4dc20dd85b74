//! The dashboard's deadline chart: bundles per week for the next weeks, laid out in Rust and
//! drawn by the template as an accessible SVG (plus a table with the same numbers).

use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use crate::domain::deadline::days_until;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 40.0;

/// A laid-out bar chart.
#[derive(Debug, Clone)]
pub struct DeadlineChart {
    /// One bar per week.
    pub bars: Vec<Bar>,
    /// Horizontal grid lines with their labels.
    pub ticks: Vec<Tick>,
    /// The SVG's `viewBox` width and height.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// x of the plot's left edge (the y axis).
    pub plot_left: f64,
    /// x of the plot's right edge.
    pub plot_right: f64,
    /// y of the plot's bottom edge (the x axis).
    pub baseline: f64,
    /// Bundles over all weeks.
    pub total: i64,
    /// Phone numbers registered under those bundles.
    pub numbers_total: i64,
    /// The chart in one sentence (the SVG's `<desc>`).
    pub description: String,
}

/// One week's bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (0 for an empty week).
    pub height: f64,
    /// Centre, for the labels.
    pub centre: f64,
    /// "Dec 21": the Monday that starts the week.
    pub label: String,
    /// Bundles that week.
    pub count: i64,
    /// Phone numbers registered under them (at risk unless they are renewed).
    pub numbers: i64,
}

/// A grid line.
#[derive(Debug, Clone)]
pub struct Tick {
    /// Its y.
    pub y: f64,
    /// The value it marks.
    pub value: i64,
}

/// The Monday that starts the calendar week of `day` (weeks run Monday to Sunday).
pub fn monday_of(day: Date) -> Date {
    day - Duration::days(i64::from(day.weekday().number_days_from_monday()))
}

/// The axis maximum: at least 4, rounded up to a multiple of 4 so that ticks are whole numbers.
fn scale_max(max: i64) -> i64 {
    let max = max.max(4);
    (max + 3) / 4 * 4
}

/// Weighted deadlines (a day's bundles, or their phone numbers) per calendar week (Monday to
/// Sunday, UTC) for `weeks` weeks from the week that starts on `first_monday`. A deadline
/// counts while it has days left as everywhere else (`domain::deadline`): one due earlier today
/// is still due today, not overdue.
pub fn weekly_sums(
    deadlines: &[(OffsetDateTime, i64)],
    now: OffsetDateTime,
    first_monday: Date,
    weeks: usize,
) -> Vec<i64> {
    let mut sums = vec![0; weeks];
    for (deadline, weight) in deadlines {
        if days_until(*deadline, now) < 0 {
            continue;
        }
        let day = deadline.to_offset(time::UtcOffset::UTC).date();
        let week = (monday_of(day) - first_monday).whole_days() / 7;
        if let Some(slot) = usize::try_from(week).ok().and_then(|w| sums.get_mut(w)) {
            *slot += weight;
        }
    }
    sums
}

impl DeadlineChart {
    /// Lays out `counts[i]` = bundles due in week `i`, the first week starting on `first_day`
    /// (a Monday: see [`monday_of`]).
    pub fn new(counts: &[i64], first_day: Date) -> Self {
        let plot_width = WIDTH - LEFT - RIGHT;
        let plot_height = HEIGHT - TOP - BOTTOM;
        let baseline = HEIGHT - BOTTOM;
        let scale = scale_max(counts.iter().copied().max().unwrap_or(0));
        let slot = plot_width / counts.len().max(1) as f64;
        let bar_width = (slot * 0.64).round();
        let label_format = format_description!("[month repr:short] [day padding:none]");
        let bars = counts
            .iter()
            .enumerate()
            .map(|(week, &count)| {
                let height = (count as f64 / scale as f64 * plot_height).round();
                let centre = LEFT + slot * (week as f64 + 0.5);
                let start = first_day + Duration::weeks(week as i64);
                Bar {
                    x: (centre - bar_width / 2.0).round(),
                    y: baseline - height,
                    width: bar_width,
                    height,
                    centre: centre.round(),
                    label: start.format(label_format).unwrap_or_default(),
                    count,
                    numbers: 0,
                }
            })
            .collect::<Vec<_>>();
        let ticks = (0..=4)
            .map(|i| Tick {
                y: (baseline - plot_height * i as f64 / 4.0).round(),
                value: scale * i / 4,
            })
            .collect();
        let total = counts.iter().sum();
        let description = describe(&bars, total);
        Self {
            bars,
            ticks,
            width: WIDTH,
            height: HEIGHT,
            plot_left: LEFT,
            plot_right: WIDTH - RIGHT,
            baseline,
            total,
            numbers_total: 0,
            description,
        }
    }

    /// The same chart with `numbers[i]` phone numbers at risk in week `i`.
    pub fn with_numbers(mut self, numbers: &[i64]) -> Self {
        for (bar, &count) in self.bars.iter_mut().zip(numbers) {
            bar.numbers = count;
        }
        self.numbers_total = self.bars.iter().map(|bar| bar.numbers).sum();
        self
    }
}

fn describe(bars: &[Bar], total: i64) -> String {
    let weeks = bars.len();
    let Some(busiest) = bars.iter().filter(|b| b.count > 0).max_by_key(|b| b.count) else {
        return format!("No bundle reaches its deadline in the next {weeks} weeks.");
    };
    let plural = |n: i64| if n == 1 { "bundle" } else { "bundles" };
    format!(
        "{total} {} reach their deadline in the next {weeks} weeks; the busiest week starts {} with {} {}.",
        plural(total),
        busiest.label,
        busiest.count,
        plural(busiest.count),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn weeks_start_on_their_monday_so_a_tuesday_deadline_sits_under_that_monday() {
        // 22 December 2026 is a Tuesday; from Sunday 13 December the chart starts Monday 7th.
        assert_eq!(monday_of(date!(2026 - 12 - 22)), date!(2026 - 12 - 21));
        assert_eq!(monday_of(date!(2026 - 12 - 21)), date!(2026 - 12 - 21));
        assert_eq!(monday_of(date!(2026 - 12 - 27)), date!(2026 - 12 - 21));
        let first = monday_of(date!(2026 - 12 - 13));
        assert_eq!(first, date!(2026 - 12 - 07));
        let chart = DeadlineChart::new(&[0, 0, 1, 0], first);
        assert_eq!(chart.bars[2].label, "Dec 21");
        assert_eq!(chart.bars[2].count, 1);
    }

    #[test]
    fn a_bundle_due_earlier_today_still_counts_in_this_week() {
        use time::macros::datetime;
        let now = datetime!(2026-11-28 18:00 UTC);
        let deadlines = [
            (datetime!(2026-11-28 09:00 UTC), 1),
            (datetime!(2026-12-04 23:00 UTC), 1),
            (datetime!(2026-12-05 01:00 UTC), 1),
            (datetime!(2026-11-27 23:00 UTC), 1),
        ];
        // Saturday 28 November: its week starts Monday 23rd; 4 and 5 December are next week.
        let first = monday_of(now.date());
        assert_eq!(weekly_sums(&deadlines, now, first, 3), [1, 2, 0]);
    }

    #[test]
    fn an_empty_chart_has_flat_bars_and_says_so() {
        let chart = DeadlineChart::new(&[0; 12], date!(2026 - 11 - 28));
        assert_eq!(chart.bars.len(), 12);
        assert!(
            chart
                .bars
                .iter()
                .all(|b| b.height == 0.0 && b.y == chart.baseline)
        );
        assert_eq!(chart.ticks.last().unwrap().value, 4);
        assert!(chart.description.starts_with("No bundle"));
    }

    #[test]
    fn the_tallest_week_reaches_the_top_of_the_scale() {
        let mut counts = [0; 12];
        counts[2] = 8;
        counts[5] = 3;
        let chart = DeadlineChart::new(&counts, date!(2026 - 11 - 28));
        assert_eq!(chart.bars[2].y, TOP);
        assert!(chart.bars[5].height < chart.bars[2].height);
        assert_eq!(chart.bars[2].label, "Dec 12");
        assert_eq!(chart.total, 11);
        assert!(chart.description.contains("Dec 12 with 8 bundles"));
        assert!(chart.bars.windows(2).all(|w| w[0].x < w[1].x));
    }
}
