use proptest::prelude::*;

fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn doesnt_crash(s in "\\PC*") {
        parse_date(&s);
    }

    /// Comments with fn fake_in_comment() and #[test] inside.
    #[test]
    fn parses_all_valid_dates(y in 0u32..10000, m in 1u32..13, d in 1u32..29) {
        let s = format!("{:04}-{:02}-{:02}", y, m, d);
        let r = r#"fn fake_in_raw_string() {}"#;
        let c = '{';
        let (y2, m2, d2) = parse_date(&s).unwrap();
        prop_assert_eq!((y, m, d), (y2, m2, d2));
    }

    #[test]
    #[ignore]
    fn too_slow(x in any::<u64>()) {
        fn inner_helper() {}
    }

    fn strategy_helper_without_test_attribute(x in 0..1) {}
}

#[cfg(test)]
mod more {
    use super::*;

    proptest::proptest! {
        #[test]
        fn in_a_module('a: 0..1, x in 0..10i32) {}
    }

    #[test]
    fn plain_next_to_it() {}
}
