//! The one filter builder behind every admin list: a `where` clause assembled from optional
//! conditions, applied identically to the count and to the page, so the total and the rows can
//! never disagree, and every value is bound rather than spliced into the SQL.

use sqlx::postgres::PgRow;
use sqlx::{FromRow, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::domain::ids::{RenewalId, TenantId};

/// An `ilike` pattern matching text that contains `needle`, with the pattern's own wildcards
/// (`%`, `_`, `\\`) dropped from what was typed, so a search means what it says.
pub fn contains_pattern(needle: &str) -> String {
    format!("%{}%", needle.replace(['%', '_', '\\'], ""))
}

/// An `ilike` pattern matching text that contains exactly `needle`: its `%`, `_` and `\` are
/// escaped rather than dropped, so an address such as `first_last@` is found as typed.
pub fn literal_contains_pattern(needle: &str) -> String {
    let escaped = needle
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A value bound into a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A uuid (a tenant, a renewal).
    Uuid(Uuid),
    /// Text (a status, a country, a pattern).
    Text(String),
    /// A whole number (days).
    Int(i32),
}

impl From<Uuid> for Value {
    fn from(value: Uuid) -> Self {
        Self::Uuid(value)
    }
}

impl From<TenantId> for Value {
    fn from(value: TenantId) -> Self {
        Self::Uuid(value.into_uuid())
    }
}

impl From<RenewalId> for Value {
    fn from(value: RenewalId) -> Self {
        Self::Uuid(value.into_uuid())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<i32> for Value {
    fn from(value: i32) -> Self {
        Self::Int(value)
    }
}

/// One piece of SQL text, or a bound value between pieces.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    Sql(String),
    Bind(Value),
}

/// Days left until a deadline (or `valid_until`), as the admin lists filter them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DaysFilter {
    /// Any deadline.
    #[default]
    Any,
    /// The deadline has passed.
    Overdue,
    /// The deadline is between now and this many days from now.
    Within(i32),
}

/// A conjunction of conditions; every condition added must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    parts: Vec<Part>,
}

impl Filter {
    /// No condition: everything matches.
    pub fn new() -> Self {
        Self::default()
    }

    /// A condition written as SQL, where each `{}` is replaced by the next of `values`, bound.
    pub fn condition(mut self, sql: &str, values: Vec<Value>) -> Self {
        let mut pieces = sql.split("{}");
        let first = pieces.next().unwrap_or_default();
        self.parts.push(Part::Sql(format!(" and {first}")));
        let mut values = values.into_iter();
        for piece in pieces {
            let value = values.next().expect("one value per {} placeholder");
            self.parts.push(Part::Bind(value));
            self.parts.push(Part::Sql(piece.to_owned()));
        }
        debug_assert!(values.next().is_none(), "more values than placeholders");
        self
    }

    /// `column = value` when `value` is given.
    pub fn equals(self, column: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(value) => self.condition(&format!("{column} = {{}}"), vec![value.into()]),
            None => self,
        }
    }

    /// A deadline condition on the SQL expression `deadline`, counted in days left as
    /// `domain::deadline` does (a deadline today is within every window and not overdue).
    pub fn days_left(self, deadline: &str, days: DaysFilter) -> Self {
        let days_until = crate::db::deadline::days_until(deadline);
        match days {
            DaysFilter::Any => self,
            DaysFilter::Overdue => self.condition(&format!("{days_until} < 0"), vec![]),
            DaysFilter::Within(days) => self.condition(
                &format!("{days_until} between 0 and {{}}"),
                vec![days.into()],
            ),
        }
    }

    /// At least one of `conditions` holds, each written with one `{}` that receives a
    /// case-insensitive "contains `needle`" pattern (when `needle` is given). `%`, `_` and `\`
    /// are dropped from the needle, so it matches literally.
    pub fn contains_any(self, conditions: &[&str], needle: Option<&str>) -> Self {
        self.contains_with(conditions, needle.map(contains_pattern))
    }

    /// Like [`Self::contains_any`], but `needle` matches exactly as typed, wildcards included
    /// (see [`literal_contains_pattern`]).
    pub fn contains_literal(self, conditions: &[&str], needle: Option<&str>) -> Self {
        self.contains_with(conditions, needle.map(literal_contains_pattern))
    }

    fn contains_with(self, conditions: &[&str], pattern: Option<String>) -> Self {
        let Some(pattern) = pattern else {
            return self;
        };
        let sql = format!("({})", conditions.join(" or "));
        let values = conditions.iter().map(|_| pattern.as_str().into()).collect();
        self.condition(&sql, values)
    }

    /// Appends ` where …` to `query`.
    pub fn push_where<'a>(&self, query: &mut QueryBuilder<'a, Postgres>) {
        query.push(" where true");
        for part in &self.parts {
            match part {
                Part::Sql(sql) => {
                    query.push(sql.as_str());
                }
                Part::Bind(Value::Uuid(v)) => {
                    query.push_bind(*v);
                }
                Part::Bind(Value::Text(v)) => {
                    query.push_bind(v.clone());
                }
                Part::Bind(Value::Int(v)) => {
                    query.push_bind(*v);
                }
            }
        }
    }
}

/// The SQL of one filtered, paged list: how to count the matches and how to select them.
#[derive(Debug, Clone, Copy)]
pub struct ListQuery<'s> {
    /// `select count(*) from …` (with the joins the conditions need).
    pub count: &'s str,
    /// `select … from …`.
    pub select: &'s str,
    /// The `order by` list, without the keywords.
    pub order_by: &'s str,
}

/// One page (`limit` rows after `offset`) of the rows matching `filter`, and the total.
pub async fn page<R>(
    db: &PgPool,
    list: ListQuery<'_>,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<R>, i64)>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let mut count = QueryBuilder::new(list.count);
    filter.push_where(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    Ok((rows(db, list, filter, limit, offset).await?, total))
}

/// One page (`limit` rows after `offset`) of the rows matching `filter`, without counting
/// them (`list.count` is not used).
pub async fn rows<R>(
    db: &PgPool,
    list: ListQuery<'_>,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<R>>
where
    R: for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let mut query = QueryBuilder::new(list.select);
    filter.push_where(&mut query);
    query
        .push(" order by ")
        .push(list.order_by)
        .push(" limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    query.build_query_as().fetch_all(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sql(filter: &Filter) -> String {
        let mut query = QueryBuilder::<Postgres>::new("select 1 from t");
        filter.push_where(&mut query);
        query.into_sql()
    }

    #[test]
    fn absent_values_add_no_condition() {
        let filter = Filter::new()
            .equals("t.a", None::<String>)
            .days_left("t.d", DaysFilter::Any)
            .contains_any(&["t.s ilike {}"], None);
        assert_eq!(sql(&filter), "select 1 from t where true");
    }

    #[test]
    fn every_value_is_bound_in_order() {
        let filter = Filter::new()
            .equals("t.a", Some("x"))
            .days_left("t.d", DaysFilter::Within(7))
            .contains_any(&["t.s ilike {}", "t.c ilike {}"], Some("50%_off"));
        assert_eq!(
            sql(&filter),
            "select 1 from t where true and t.a = $1 and (((t.d) at time zone 'UTC')::date - \
             (now() at time zone 'UTC')::date) between 0 and $2 and (t.s ilike $3 or t.c ilike $4)"
        );
        assert!(
            filter
                .parts
                .contains(&Part::Bind(Value::Text("%50off%".into())))
        );
    }

    #[test]
    fn literal_patterns_escape_wildcards_instead_of_dropping_them() {
        assert_eq!(literal_contains_pattern("first_last@"), "%first\\_last@%");
        assert_eq!(literal_contains_pattern("50%\\"), "%50\\%\\\\%");
    }

    #[test]
    fn overdue_means_the_deadline_date_has_passed() {
        let filter = Filter::new().days_left("t.d", DaysFilter::Overdue);
        assert_eq!(
            sql(&filter),
            "select 1 from t where true and (((t.d) at time zone 'UTC')::date - \
             (now() at time zone 'UTC')::date) < 0"
        );
    }
}
