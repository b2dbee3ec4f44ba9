use test_case::test_case;

#[test_case(-2, -4 ; "when both operands are negative")]
#[test_case(2, 4 ; "when both operands are positive")]
#[test_case(4, 2)]
fn multiplication_tests(x: i8, y: i8) {
    assert_eq!(x * y, y * x);
}

#[test_case::test_case("a")]
#[ignore]
fn qualified(s: &str) {}
