//! Numbers as the reports write them: ratings without a needless ".0",
//! signed changes, rounded percentages and counts grouped by thousands.

/// A fit rounded for display.
pub fn pct(fit: f64) -> i64 {
    fit.round() as i64
}

/// A change with its sign: "+1.5" / "−2" / "±0" (see [`num`]).
pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", num(v))
    } else if v < 0.0 {
        format!("−{}", num(-v))
    } else {
        "±0".to_string()
    }
}

/// A rating shown without a needless ".0".
pub fn num(v: f64) -> String {
    // Whole and one-decimal values (nearly all) are written from integers:
    // `{:.1}` takes Rust's exact float formatting, 1% of a batch's CPU.
    // `v * 10` rounding to a whole number puts `v` far from any .x5 tie,
    // so both ways give the same text.
    let tenths = v * 10.0;
    if v != 0.0 && tenths.fract() == 0.0 && tenths.abs() < 1e15 {
        let t = tenths as i64;
        let sign = if t < 0 { "-" } else { "" };
        let (whole, tenth) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
        return if v.fract() == 0.0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{tenth}")
        };
    }
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// `5003` → `5,003`: counts read at a glance.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fit as "92%" ("–" if it is not a number).
pub fn fit_pct(fit: f64) -> String {
    if fit.is_finite() {
        format!("{}%", pct(fit))
    } else {
        "–".to_string()
    }
}

/// A total of levels: one decimal when small, whole levels when large.
pub fn levels(v: f64) -> String {
    if v.abs() >= 100.0 {
        thousands(v.round().max(0.0) as usize)
    } else {
        num((v * 10.0).round() / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_totals_and_fits_read_at_a_glance() {
        assert_eq!(levels(2.5), "2.5");
        assert_eq!(levels(8815.5), "8,816");
        assert_eq!(fit_pct(97.4), "97%");
        assert_eq!(fit_pct(f64::NAN), "–");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(5003), "5,003");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }

    #[test]
    fn num_writes_what_float_formatting_writes() {
        let mut v = -60.0f64;
        while v < 60.0 {
            for x in [v, v / 3.0, v * 0.1, v + 0.05, v + 0.25] {
                let want = if x.fract() == 0.0 {
                    format!("{x:.0}")
                } else {
                    format!("{x:.1}")
                };
                assert_eq!(num(x), want, "{x}");
            }
            v += 0.1;
        }
        assert_eq!(
            (num(2.5), num(-0.5), num(100.0), num(0.0)),
            ("2.5".into(), "-0.5".into(), "100".into(), "0".into())
        );
    }
}
