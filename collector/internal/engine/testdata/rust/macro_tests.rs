//! Tests declared through macros, in the styles of regex, itoa,
//! aho-corasick, memchr and csv.

use quickcheck::quickcheck;

macro_rules! regex {
    ($re:expr) => {
        regex::Regex::new($re).unwrap()
    };
}

// A helper macro that writes no test: invocations of it are not tests.
macro_rules! assert_match {
    ($re:expr, $text:expr) => {
        assert!(regex!($re).is_match($text));
    };
}

// One test per invocation, named by the first argument. The first rule
// forwards to the second.
macro_rules! mat {
    ($name:ident, $re:expr, $text:expr) => {
        mat!($name, $re, $text, None);
    };
    ($name:ident, $re:expr, $text:expr, $($loc:tt)+) => {
        #[test]
        fn $name() {
            let re = regex!($re);
            assert_eq!(re.find($text).map(|m| (m.start(), m.end())), $($loc)+);
        }
    };
}

mat!(ascii_literal, r"a", "a", Some((0, 1)));
mat!(no_match, r"a", "b");
mat!(
    multi_line_invocation,
    r"(?m)^[a-z]+$",
    "abc\ndef",
    Some((0, 3))
);

// Many tests in one invocation (itoa's style).
macro_rules! test {
    ($($name:ident($value:expr, $expected:expr))*) => {
        $(
            #[test]
            fn $name() {
                assert_eq!(itoa::Buffer::new().format($value), $expected);
            }
        )*
    };
}

test! {
    test_u64_0(0u64, "0")
    test_u64_max(u64::max_value(), "18446744073709551615")
    test_i16_min(i16::min_value(), "-32768")
}

// The rule is chosen by a literal first token (aho-corasick's style), and
// an ignored variant.
macro_rules! testconfig {
    (overlapping, $name:ident, $collection:expr) => {
        #[test]
        fn $name() {
            run_overlapping($collection);
        }
    };
    (slow, $name:ident, $collection:expr) => {
        #[test]
        #[ignore = "slow"]
        fn $name() {
            run_search($collection);
        }
    };
    ($name:ident, $collection:expr) => {
        #[test]
        fn $name() {
            run_search($collection);
        }
    };
}

testconfig!(overlapping, search_overlapping, &[BASICS, OVERLAPPING]);
testconfig!(slow, search_exhaustive, EXHAUSTIVE);
testconfig!(search_default, &[BASICS]);

// A macro that writes a module around its tests, and property tests through
// quickcheck! (memchr's style).
macro_rules! searcher_tests {
    ($mod:ident, $fwd:expr) => {
        mod $mod {
            use super::*;

            #[test]
            fn simple_forward() {
                assert_eq!(Some(0), $fwd(b"a", b"a"));
            }

            quickcheck::quickcheck! {
                fn qc_matches_naive(haystack: Vec<u8>, needle: Vec<u8>) -> bool {
                    $fwd(&haystack, &needle) == naive(&haystack, &needle)
                }
            }
        }
    };
}

searcher_tests!(twoway, crate::twoway::find);
searcher_tests!(rabinkarp, crate::rabinkarp::find);

#[cfg(test)]
mod tests {
    use super::*;

    quickcheck! {
        fn qc_roundtrip(data: Vec<u8>) -> bool {
            decode(&encode(&data)) == data
        }

        fn qc_len(data: Vec<u8>) -> bool {
            encode(&data).len() >= data.len()
        }
    }

    // Item macros pass their items through (csv's serde_if_integer128!).
    serde_if_integer128! {
        #[test]
        fn integer_u128() {
            assert_eq!(serialize(u128::MAX), "340282366920938463463374607431768211455");
        }

        fn helper_without_test_attribute() {}
    }

    mat!(in_module, r"b", "abc", Some((1, 2)));

    #[test]
    fn plain() {
        assert_match!(r"a+", "aaa");
        // An invocation inside a function declares nothing the harness runs.
        mat!(inside_a_function, r"a", "a");
    }
}

// A macro that forwards to itself: the steps are collected behind a literal
// `vec`, which the last rule takes (regex's searcher!). `vec vec![…]` is no
// expression, so the second and third rules do not match the forward.
macro_rules! searcher {
    ($name:ident, $re:expr, $haystack:expr) => (
        searcher!($name, $re, $haystack, vec vec![]);
    );
    ($name:ident, $re:expr, $haystack:expr, $($steps:expr,)*) => (
        searcher!($name, $re, $haystack, vec vec![$($steps),*]);
    );
    ($name:ident, $re:expr, $haystack:expr, $($steps:expr),*) => (
        searcher!($name, $re, $haystack, vec vec![$($steps),*]);
    );
    ($name:ident, $re:expr, $haystack:expr, vec $expect_steps:expr) => (
        #[test]
        fn $name() {
            assert_eq!(steps($re, $haystack), $expect_steps);
        }
    );
}

searcher!(searcher_empty_haystack, r"a", "");
searcher!(searcher_one_step, r"a", "a", Match(0, 1));
searcher!(searcher_steps, r"a", "ab", Match(0, 1), Reject(1, 2),);
