// Included by each test crate's root (tests/test_default.rs); its macros are
// used by module files the roots declare, as in the regex crate.
macro_rules! expand {
    ($name:ident, $re:expr, $text:expr) => {
        #[test]
        fn $name() {
            assert!($re.len() <= $text.len() + 10);
        }
    };
}
