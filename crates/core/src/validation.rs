//! Field checks shared by every form. Each returns the message code of the problem, if any; the
//! caller attaches the field name. Rust decides: the UI may check earlier, never instead.

use chrono::NaiveDate;

use crate::error::FieldError;

/// Collects the refused fields of one input, so that the user sees all of them at once.
#[derive(Default, Debug)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn check(&mut self, field: &str, result: Result<(), FieldError>) {
        if let Err(mut e) = result {
            e.field = field.to_string();
            self.0.push(e);
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn into_result(self) -> crate::Result<()> {
        if self.0.is_empty() { Ok(()) } else { Err(crate::Error::Invalid(self.0)) }
    }
}

fn problem(code: &str) -> FieldError {
    FieldError::new("", code)
}

pub fn required(value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() { Err(problem("required")) } else { Ok(()) }
}

pub fn max_len(value: &str, max: usize) -> Result<(), FieldError> {
    if value.chars().count() > max { Err(problem("too_long").with("max", max)) } else { Ok(()) }
}

pub fn email(value: &str) -> Result<(), FieldError> {
    if value.is_empty() || email_address::EmailAddress::is_valid(value) && value.contains('.') {
        Ok(())
    } else {
        Err(problem("email_format"))
    }
}

/// Staff write "www.cluster.ro"; it is stored as "https://www.cluster.ro".
pub fn normalize_url(value: &str) -> String {
    let value = value.trim();
    if value.is_empty() || value.contains("://") { value.to_string() } else { format!("https://{value}") }
}

pub fn url(value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Ok(());
    }
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')) => Ok(()),
        _ => Err(problem("url_format")),
    }
}

/// Years a record can carry: from 1990 (after which Romanian clusters exist) to this year.
pub fn year(value: Option<i64>, min: i64, max: i64) -> Result<(), FieldError> {
    match value {
        Some(y) if y < min || y > max => Err(problem("year_range").with("min", min).with("max", max)),
        _ => Ok(()),
    }
}

pub fn date(value: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| problem("date_format"))
}

pub fn optional_date(value: Option<&str>) -> Result<(), FieldError> {
    match value {
        Some(v) if !v.is_empty() => date(v).map(|_| ()),
        _ => Ok(()),
    }
}

/// Romanian numbers as people write them: "0722 123 456", "+40 21 311 2233", "021/311.22.33".
pub fn phone(value: &str) -> Result<(), FieldError> {
    if value.is_empty() {
        return Ok(());
    }
    let allowed = value.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let plus_only_first = value.rfind('+').is_none_or(|i| i == 0);
    if allowed && plus_only_first && (9..=15).contains(&digits) { Ok(()) } else { Err(problem("phone_format")) }
}

/// An ISO 3166 alpha-2 code as staff type it ("hr" -> "HR"); empty stays empty.
pub fn country(value: &str) -> Result<String, FieldError> {
    let code = value.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(problem("country_format"))
    }
}

pub fn non_negative(value: Option<i64>) -> Result<(), FieldError> {
    match value {
        Some(v) if v < 0 => Err(problem("non_negative")),
        _ => Ok(()),
    }
}

/// Staff in full-time equivalents: from 0 to 100 (no cluster management is larger).
pub fn fte(value: Option<f64>) -> Result<(), FieldError> {
    match value {
        Some(v) if !v.is_finite() || !(0.0..=100.0).contains(&v) => Err(problem("fte_range").with("max", 100)),
        _ => Ok(()),
    }
}

/// A staff member's name: required, tidied.
pub(crate) fn staff_name(problems: &mut Problems, field: &str, value: &str) -> String {
    let name = crate::text::tidy(&crate::text::comma_below(value));
    problems.check(field, required(&name));
    problems.check(field, max_len(&name, 200));
    name
}

/// A day that has happened: a valid date, not after today.
pub(crate) fn past_day(problems: &mut Problems, field: &str, value: &str, at: &crate::clock::At) -> Option<NaiveDate> {
    match date(value.trim()) {
        Ok(day) if day > at.date => {
            problems.add(FieldError::new(field, "date_in_future"));
            None
        }
        Ok(day) => Some(day),
        Err(mut e) => {
            e.field = field.to_string();
            problems.add(e);
            None
        }
    }
}

/// An optional day that has happened: empty is None; otherwise as [`past_day`].
pub(crate) fn optional_past_day(
    problems: &mut Problems,
    field: &str,
    value: Option<&str>,
    at: &crate::clock::At,
) -> Option<NaiveDate> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    past_day(problems, field, value, at)
}

/// An optional day: empty is None; otherwise a valid date.
pub(crate) fn optional_day(problems: &mut Problems, field: &str, value: Option<&str>) -> Option<NaiveDate> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    match date(value) {
        Ok(day) => Some(day),
        Err(mut e) => {
            e.field = field.to_string();
            problems.add(e);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(email("office@clustero.eu").is_ok());
        assert!(email("").is_ok());
        assert!(email("office@clustero").is_err());
        assert!(email("office.clustero.eu").is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(normalize_url(" www.clustero.eu "), "https://www.clustero.eu");
        assert!(url(&normalize_url("www.clustero.eu")).is_ok());
        assert!(url("ftp://clustero.eu").is_err());
        assert!(url(&normalize_url("not a site")).is_err());
    }

    #[test]
    fn years_at_the_edges() {
        assert!(year(Some(1990), 1990, 2026).is_ok());
        assert!(year(Some(2026), 1990, 2026).is_ok());
        assert!(year(Some(1989), 1990, 2026).is_err());
        assert!(year(Some(2027), 1990, 2026).is_err());
        assert!(year(None, 1990, 2026).is_ok());
    }

    #[test]
    fn phones() {
        for ok in ["0722 123 456", "+40 21 311 2233", "021/311.22.33", "(0268) 41 22 33"] {
            assert!(phone(ok).is_ok(), "{ok}");
        }
        for bad in ["12345", "0722-ABC-456", "40+722123456"] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }
}
