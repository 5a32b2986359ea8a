//! The Romanian fiscal code (CUI / CIF) in the registry's form.
//!
//! ANAF and the trade register (ONRC) read a CUI as a number: "RO 0012345678", "ro12345678" and
//! "12345678" are one code. The app stores and compares the registry's form — no "RO", no
//! whitespace, no leading zeros — and writes "RO" only where VAT needs it ([`vat_code`]). A valid
//! CUI has 2 to 10 digits in that form, the last one a check digit computed with the key
//! 753217532 (ANAF's published algorithm).
//!
//! The rules follow PyPI's `cui-ro` exactly, and a test (`tests/cui_oracle.rs`) runs thousands of
//! written forms through both: same verdict, same stored form.

/// Longer input is refused before it is read (as `cui-ro` does): no real CUI needs 64 characters.
const MAX_INPUT_CHARS: usize = 64;

/// Why typed text is not a CUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not 2 to 10 digits once "RO", whitespace and leading zeros are set aside.
    Format,
    /// The right shape, but the last digit is not the check digit of the others.
    CheckDigit,
}

impl Problem {
    /// The message code under `error.` in the catalogues.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Format => "cui_format",
            Problem::CheckDigit => "cui_check_digit",
        }
    }
}

/// The registry's form of what people type ("RO 0012 3456 78" → "12345678"), or `None` when
/// what remains is not 1 to 10 digits. The check digit is not looked at: see [`parse`].
pub fn normalize(input: &str) -> Option<String> {
    if input.chars().count() > MAX_INPUT_CHARS {
        return None;
    }
    let compact: String = input.chars().filter(|c| !is_space(*c)).flat_map(char::to_uppercase).collect();
    let number = compact.strip_prefix("RO").unwrap_or(&compact);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = number.trim_start_matches('0');
    // "0" and "000" are the number zero, written once.
    let digits = if significant.is_empty() { "0" } else { significant };
    (digits.len() <= 10).then(|| digits.to_string())
}

/// A valid CUI in the registry's form, or why the text is not one.
pub fn parse(input: &str) -> Result<String, Problem> {
    let digits = normalize(input).ok_or(Problem::Format)?;
    if digits.len() < 2 {
        return Err(Problem::Format);
    }
    let expected = check_digit(&digits[..digits.len() - 1]).ok_or(Problem::Format)?;
    if digits.as_bytes()[digits.len() - 1] - b'0' != expected {
        return Err(Problem::CheckDigit);
    }
    Ok(digits)
}

/// Whether the text is a valid CUI, in any written form.
pub fn is_valid(input: &str) -> bool {
    parse(input).is_ok()
}

/// The VAT code of a CUI ("RO" + the registry's form), as invoices and VIES write it. The prefix
/// is a format only: whether the company is registered for VAT is what ANAF says.
pub fn vat_code(cui: &str) -> String {
    format!("RO{cui}")
}

/// The check digit for a CUI body (the digits before the check digit), if the body is well formed.
pub fn check_digit(body: &str) -> Option<u8> {
    const KEY: [u32; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];
    if body.is_empty() || body.len() > 9 || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The key is aligned to the right: a short body is read as if padded with leading zeros.
    let offset = KEY.len() - body.len();
    let sum: u32 = body.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * KEY[offset + i]).sum();
    Some(((sum * 10) % 11 % 10) as u8)
}

/// Whitespace as Python's `str.isspace` (and so `cui-ro`) sees it: Unicode's White_Space, plus
/// the four ASCII information separators, which Python counts as line and segment breaks.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_fiscal_codes() {
        // Check digits worked out by hand with the published key.
        for code in ["18547290", "14837428", "1590082", "13548146"] {
            let body = &code[..code.len() - 1];
            let last = code.as_bytes()[code.len() - 1] - b'0';
            assert_eq!(check_digit(body), Some(last), "{code}");
            assert!(is_valid(code), "{code}");
        }
    }

    #[test]
    fn refuses_a_wrong_check_digit() {
        assert_eq!(parse("18547290"), Ok("18547290".into()));
        assert_eq!(parse("18547291"), Err(Problem::CheckDigit));
        assert_eq!(parse("1"), Err(Problem::Format));
        assert_eq!(parse("12345678901"), Err(Problem::Format));
    }

    #[test]
    fn the_registry_form_has_no_prefix_spaces_or_leading_zeros() {
        assert_eq!(normalize("RO 1854 7290").as_deref(), Some("18547290"));
        assert_eq!(normalize("ro18547290").as_deref(), Some("18547290"));
        assert_eq!(normalize("0018547290").as_deref(), Some("18547290"));
        assert_eq!(normalize("RO\u{a0}00018547290").as_deref(), Some("18547290"));
        assert_eq!(normalize("18547290").as_deref(), Some("18547290"));
        assert_eq!(normalize("000"), Some("0".into()));
        assert_eq!(normalize("RO-18547290"), None);
        assert_eq!(normalize("RO"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn leading_zeros_do_not_count_towards_the_ten_digits() {
        // Some registries print the code padded to 10 or more digits.
        assert_eq!(parse("000000018547290"), Ok("18547290".into()));
        assert_eq!(parse("0012345678901"), Err(Problem::Format));
        assert_eq!(parse(&format!("{}18547290", "0".repeat(56))), Ok("18547290".into()));
        assert_eq!(parse(&format!("{}18547290", "0".repeat(57))), Err(Problem::Format));
    }

    #[test]
    fn vat_code_adds_the_prefix() {
        assert_eq!(vat_code("18547290"), "RO18547290");
    }
}
