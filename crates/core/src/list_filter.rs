//! The filters the record lists (requests, projects, introductions, consultations) share, as
//! pieces of a `QueryBuilder`: the same year, words and limit rules everywhere, so that a list
//! filtered by year means the same days in each. Columns are constants of the code, never user
//! text; every value is bound.

use sqlx::{QueryBuilder, Sqlite};

use crate::text::fold;

/// At most this many rows in a list (its filters narrow it).
pub(crate) const LIST_LIMIT: i64 = 2000;

/// `column` (an ISO day) falls in `year`.
pub(crate) fn push_year(qb: &mut QueryBuilder<Sqlite>, column: &'static str, year: Option<i64>) {
    if let Some(year) = year {
        qb.push(format_args!(" AND {column} BETWEEN "))
            .push_bind(format!("{year:04}-01-01"))
            .push(" AND ")
            .push_bind(format!("{year:04}-12-31"));
    }
}

/// One of `columns` (folded text: sort keys, lower-case titles) contains the folded words.
pub(crate) fn push_words(qb: &mut QueryBuilder<Sqlite>, columns: &[&'static str], words: &str) {
    let words = fold(words.trim());
    if words.is_empty() || columns.is_empty() {
        return;
    }
    let pattern = like_pattern(&words);
    qb.push(" AND (");
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            qb.push(" OR ");
        }
        qb.push(format_args!("{column} LIKE ")).push_bind(pattern.clone()).push(" ESCAPE '\\'");
    }
    qb.push(")");
}

/// `%words%` with LIKE's own characters escaped (by `\`).
pub(crate) fn like_pattern(words: &str) -> String {
    format!("%{}%", words.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// The list's order, then its limit.
pub(crate) fn push_order_limit(qb: &mut QueryBuilder<Sqlite>, order: &'static str) {
    qb.push(format_args!(" ORDER BY {order} LIMIT ")).push_bind(LIST_LIMIT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_its_own_characters() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }

    #[test]
    fn pieces_bind_values_and_name_columns() {
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT 1 FROM t WHERE 1 = 1");
        push_year(&mut qb, "t.day", Some(2026));
        push_words(&mut qb, &["t.a", "t.b"], "  Ștefan ");
        push_words(&mut qb, &["t.a"], "   ");
        push_order_limit(&mut qb, "t.day DESC");
        assert_eq!(
            qb.sql().as_str(),
            "SELECT 1 FROM t WHERE 1 = 1 AND t.day BETWEEN ? AND ? AND (t.a LIKE ? ESCAPE '\\' OR t.b LIKE ? ESCAPE '\\') \
             ORDER BY t.day DESC LIMIT ?"
        );
    }
}
