//! Tests compiled only in some configurations: #[cfg(…)] on the test, on
//! the modules around it and on the macro invocations that declare it.
#![allow(dead_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

use std::collections::HashMap;

#[test]
fn always_compiled() {}

#[cfg(feature = "serde")]
#[test]
fn needs_serde() {}

#[test]
#[cfg(not(target_os = "windows"))]
fn attribute_after_test() {}

#[cfg(all(
    feature = "std", // the standard library
    unix,
))]
#[test]
fn predicate_over_lines() {}

#[cfg(feature="compact")]
#[test]
fn predicate_without_spaces() {}

#[cfg(feature = "a")]
#[cfg(feature = "b")]
#[test]
fn two_cfg_attributes() {}

// cargo test always sets cfg(test): not a condition.
#[cfg(test)]
#[test]
fn cfg_test_alone() {}

#[cfg(all(test, feature = "x"))]
#[test]
fn all_with_test() {}

#[cfg(all(test, unix, feature = "x"))]
#[test]
fn all_with_test_and_two_more() {}

#[cfg(any(test, feature = "x"))]
#[test]
fn any_with_test_kept() {}

#[cfg_attr(miri, ignore)]
#[test]
fn cfg_attr_is_no_condition() {}

#[cfg(feature = "slow")]
use std::time::Duration;

#[test]
fn cfg_of_the_item_before() {}

// #[cfg(feature = "commented")]
#[test]
fn cfg_in_a_comment() {}

const DOC: &str = "#[cfg(feature = \"in_a_string\")]";

#[test]
fn cfg_in_a_string_before() {
    #[cfg(unix)]
    let _x = 1;
}

#[cfg(windows)]
#[test]
#[ignore = "slow on CI"]
fn ignored_on_windows() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_cfg_test_module() {}

    #[cfg(unix)]
    mod unix_only {
        #[test]
        fn runs_on_unix() {}

        #[cfg(target_arch = "x86_64")]
        #[test]
        fn unix_and_x86_64() {}

        mod plain {
            #[test]
            fn inherits_unix() {}
        }
    }

    mod inner_attribute {
        #![cfg(feature = "rayon")]

        #[test]
        fn par_iter() {}
    }

    #[cfg(feature = "proptest")]
    mod props {
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn roundtrip(x in 0u32..10) {
                prop_assert!(x < 10);
            }

            #[cfg(feature = "slow")]
            #[test]
            fn slow_roundtrip(x in 0u32..1000) {
                prop_assert!(x < 1000);
            }
        }
    }

    #[cfg(feature = "quickcheck")]
    quickcheck! {
        fn prop_reverse(xs: Vec<u8>) -> bool {
            xs.len() < usize::MAX
        }
    }

    #[cfg(windows)]
    #[rstest]
    #[case(1)]
    #[case::two(2)]
    fn windows_cases(#[case] n: u32) {
        assert!(n > 0);
    }

    #[test]
    fn after_the_modules() {}
}

macro_rules! check {
    ($name:ident, $input:expr) => {
        #[test]
        fn $name() {
            assert!(!$input.is_empty());
        }
    };
}

macro_rules! per_feature {
    ($name:ident, $feature:literal) => {
        #[cfg(feature = $feature)]
        mod $name {
            #[test]
            fn enabled() {}
        }
    };
}

#[cfg(feature = "unicode")]
mod unicode {
    check!(greek, "αβγ");
}

#[cfg(target_pointer_width = "64")]
check!(wide_pointer, "64");

check!(unconditional, "x");

per_feature!(gzip, "gzip");

#[cfg(all())]
#[test]
fn empty_all() {}

fn helper() -> HashMap<u8, u8> {
    HashMap::new()
}
