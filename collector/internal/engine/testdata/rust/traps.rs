//! #[test]
//! fn in_module_docs() {}

/* #[test]
   fn in_a_block_comment() {}
   /* nested */ #[test] fn still_in_a_comment() {}
*/

const FIXTURE: &str = r#"
#[test]
fn in_a_raw_string() {}
"#;

const ESCAPED: &str = "#[test] fn in_a_string() {}";

const HASHES: &str = r##"a "# quote"##;

macro_rules! make_test {
    ($name:ident) => {
        #[test]
        fn $name() {}
    };
}

// Declared through a macro of this file: the name is in the invocation,
// reported at its line.
make_test!(generated_one);

test_case! {
    not_expanded
}

#[test]
fn outer() {
    // Inner items are not collected by the test harness.
    #[test]
    fn inner() {}
    let _ = FIXTURE;
}

#[test] fn one_line() { let _ = "}"; }

#[
    test
]
fn attribute_on_several_lines() {}

#[test]
/// A doc comment between the attribute and the function.
fn doc_between() {}

trait Checks {
    #[test]
    fn in_a_trait() {}
}

#[test]
fn r#match() {}
