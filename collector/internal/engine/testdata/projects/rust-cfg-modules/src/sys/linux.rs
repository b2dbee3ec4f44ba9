#[test]
fn epoll() {}
