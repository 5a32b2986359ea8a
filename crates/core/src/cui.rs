//! The Romanian fiscal code (CUI / CIF): 2 to 10 digits, the last one a check digit computed
//! with the key 753217532 (ANAF's published algorithm).

/// Normalises what people type ("RO 1234 5678", "ro12345678") to the bare digits, or `None`
/// when anything but digits remains.
pub fn normalize(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact
        .strip_prefix("RO")
        .or_else(|| compact.strip_prefix("ro"))
        .or_else(|| compact.strip_prefix("Ro"))
        .unwrap_or(&compact);
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.to_string())
}

/// Whether bare digits form a valid CUI: length 2..=10 and the right check digit.
pub fn is_valid(digits: &str) -> bool {
    if !(2..=10).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let Some(expected) = check_digit(&digits[..digits.len() - 1]) else {
        return false;
    };
    digits.as_bytes()[digits.len() - 1] - b'0' == expected
}

/// The check digit for a CUI body (the digits before the check digit), if the body is well formed.
pub fn check_digit(body: &str) -> Option<u8> {
    const KEY: [u32; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];
    if body.is_empty() || body.len() > 9 || !body.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // The key is aligned to the right: a short body is read as if padded with leading zeros.
    let offset = KEY.len() - body.len();
    let sum: u32 = body.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * KEY[offset + i]).sum();
    let digit = (sum * 10) % 11;
    Some(if digit == 10 { 0 } else { digit as u8 })
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
        assert!(is_valid("18547290"));
        assert!(!is_valid("18547291"));
        assert!(!is_valid("1"));
        assert!(!is_valid("12345678901"));
    }

    #[test]
    fn normalizes_prefix_and_spaces() {
        assert_eq!(normalize("RO 1854 7290").as_deref(), Some("18547290"));
        assert_eq!(normalize("ro18547290").as_deref(), Some("18547290"));
        assert_eq!(normalize("18547290").as_deref(), Some("18547290"));
        assert_eq!(normalize("RO-18547290"), None);
        assert_eq!(normalize(""), None);
    }
}
