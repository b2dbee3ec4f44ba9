expand!(expand1, "a", "abc");
expand!(expand2, "b+", "bbb");

#[test]
fn written_out() {}
