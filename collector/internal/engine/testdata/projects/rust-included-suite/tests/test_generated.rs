// A test crate's root defines the test macro right before it includes the
// generated invocations (regex's tests/test_crates_regex.rs).
mod generated {
    macro_rules! consistent {
        ($test_name:ident, $regex_src:expr) => {
            #[test]
            fn $test_name() {
                assert!(!$regex_src.is_empty());
            }
        };
    }

    include!("generated_cases.rs");
}

mod lexer;
