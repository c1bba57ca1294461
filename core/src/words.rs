//! Words for the sentences that explain a violation.

/// `n` and the noun, singular for one: `count(1, "idle period", "idle periods")` is
/// "1 idle period", `count(3, ...)` "3 idle periods".
pub(crate) fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1u16, "day", "days"), "1 day");
        assert_eq!(super::count(0u16, "day", "days"), "0 days");
        assert_eq!(super::count(2u64, "period of lessons", "periods of lessons"), "2 periods of lessons");
    }
}
