use core::greet;

#[test]
fn greets_from_outside() {
    assert!(greet("y").contains('y'));
}

#[test]
#[should_panic]
fn panics() {
    panic!("expected");
}
