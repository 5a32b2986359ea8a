//! Amounts in lei and euro. Every amount is a whole number of minor units (bani, euro cents) of a
//! currency kept beside it; a conversion uses a rate staff enter — the BNR rate of a day, in RON
//! per EUR to four decimals, stored in ten-thousandths (4,9763 is 49763) — never one fetched.

use crate::code_enum::code_enum;

code_enum! {
    #[derive(Default)]
    Currency { #[default] Eur = "eur", Ron = "ron" }
}

/// The BNR rate's scale: four decimals.
pub const RATE_SCALE: i64 = 10_000;

/// The lowest and highest rate accepted (RON per EUR, ten-thousandths): a typing slip such as
/// 49,763 or 0,4976 is refused rather than converting a budget tenfold.
pub const RATE_RANGE: std::ops::RangeInclusive<i64> = 10_000..=200_000;

/// `amount` minor units of `from` in the other currency at `eur_rate`, rounded half away from
/// zero to a whole minor unit.
pub fn convert(amount: i64, from: Currency, eur_rate: i64) -> i64 {
    if eur_rate <= 0 {
        return 0;
    }
    let (numerator, denominator) = match from {
        Currency::Eur => (i128::from(amount) * i128::from(eur_rate), i128::from(RATE_SCALE)),
        Currency::Ron => (i128::from(amount) * i128::from(RATE_SCALE), i128::from(eur_rate)),
    };
    let rounded = (numerator.abs() * 2 + denominator) / (denominator * 2);
    let signed = if numerator < 0 { -rounded } else { rounded };
    i64::try_from(signed).unwrap_or(if signed < 0 { i64::MIN } else { i64::MAX })
}

/// `amount` of `currency` in euro cents (itself when it is in euro).
pub fn in_eur(amount: i64, currency: Currency, eur_rate: Option<i64>) -> Option<i64> {
    match currency {
        Currency::Eur => Some(amount),
        Currency::Ron => eur_rate.map(|rate| convert(amount, Currency::Ron, rate)),
    }
}

/// `amount` of `currency` in bani (itself when it is in lei).
pub fn in_ron(amount: i64, currency: Currency, eur_rate: Option<i64>) -> Option<i64> {
    match currency {
        Currency::Ron => Some(amount),
        Currency::Eur => eur_rate.map(|rate| convert(amount, Currency::Eur, rate)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_at_the_bnr_rate_rounding_half_away_from_zero() {
        // 1.000,00 EUR at 4,9763 = 4.976,30 lei.
        assert_eq!(convert(100_000, Currency::Eur, 49_763), 497_630);
        // 4.976,30 lei back at the same rate = 1.000,00 EUR.
        assert_eq!(convert(497_630, Currency::Ron, 49_763), 100_000);
        // 0,01 EUR at 4,9750 = 4,975 bani: 5.
        assert_eq!(convert(1, Currency::Eur, 49_750), 5);
        assert_eq!(convert(-1, Currency::Eur, 49_750), -5);
        assert_eq!(in_eur(500, Currency::Eur, None), Some(500));
        assert_eq!(in_eur(500, Currency::Ron, None), None);
    }
}
