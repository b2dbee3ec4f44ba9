//! Integration tests for the parser (tests/basic.rs).

use mycrate::parse;

fn helper(input: &str) -> usize {
    parse(input).len()
}

#[test]
fn parses_empty_input() {
    assert_eq!(helper(""), 0);
}

#[test]
#[ignore]
fn slow_roundtrip() {
    assert_eq!(helper("a b c"), 3);
}

#[test]
#[ignore = "needs a network connection"]
fn fetches_remote() {}

#[test]
#[should_panic(expected = "unterminated")]
fn rejects_unterminated_string() {
    parse("\"abc");
}

#[ignore]
#[test]
fn ignore_written_first() {}

#[test]
fn returns_result() -> Result<(), String> {
    Ok(())
}

// Not a test: no attribute.
fn test_lookalike() {}

#[cfg(feature = "extra")]
#[test]
fn behind_a_feature() {}

#[test]
#[cfg_attr(miri, ignore)]
fn conditional_ignore_stays_active() {}

#[derive(Debug)]
struct Fixture;

impl Fixture {
    // rustc refuses #[test] on associated functions: not collected.
    #[test]
    fn not_collected() {}
}
