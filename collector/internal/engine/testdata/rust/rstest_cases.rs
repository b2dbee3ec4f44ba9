use rstest::*;

#[fixture]
fn database() -> Vec<u8> {
    vec![]
}

#[rstest]
fn uses_a_fixture(database: Vec<u8>) {
    assert!(database.is_empty());
}

#[rstest]
#[case(0, 0)]
#[case(1, 1)]
#[case::two(2, 1)]
fn fibonacci(#[case] input: u32, #[case] expected: u32) {
    assert_eq!(fib(input), expected);
}

#[rstest]
#[case(1)]
#[case(2)]
#[case(3)]
#[case(4)]
#[case(5)]
#[case(6)]
#[case(7)]
#[case(8)]
#[case(9)]
#[case::ten(10)]
fn padded(#[case] n: u32) {}

#[rstest]
#[ignore]
#[case("a")]
#[case("b")]
fn ignored_with_cases(#[case] s: &str) {}

#[rstest]
fn matrix(#[values(1, 2)] a: u32, #[values(3, 4)] b: u32) {}

mod nested {
    use rstest::rstest;

    #[rstest::rstest]
    #[case::empty("")]
    fn qualified(#[case] s: &str) {}
}
