/// Doubles `x`.
pub fn double(x: i64) -> i64 {
    x * 2
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    #[rstest]
    #[case(1, 2)]
    #[case(-3, -6)]
    fn doubles(#[case] x: i64, #[case] want: i64) {
        assert_eq!(super::double(x), want);
    }

    #[test]
    #[ignore = "takes minutes"]
    fn exhaustive() {}
}
