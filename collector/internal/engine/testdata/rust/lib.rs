//! A small library with its unit tests inline.

pub mod tokenizer {
    /// Splits `s` on whitespace.
    ///
    /// ```
    /// #[test]
    /// fn doc_example_is_not_a_unit_test() {}
    /// assert_eq!(mycrate::tokenizer::split("a b").len(), 2);
    /// ```
    pub fn split(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn splits_words() {
            assert_eq!(split("a b"), vec!["a", "b"]);
        }

        mod unicode {
            use super::super::split;

            #[test]
            fn splits_on_nbsp() {
                assert_eq!(split("a\u{a0}b").len(), 2);
            }
        }
    }
}

pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

/// Declared in another file: nothing to see here.
mod external;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds() {
        assert_eq!(add(2, 2), 4);
    }

    #[test]
    #[ignore]
    fn adds_big_numbers() {
        assert_eq!(add(i32::MAX, 0), i32::MAX);
    }

    fn not_a_test() {}
}
