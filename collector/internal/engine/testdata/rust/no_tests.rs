//! Test utilities shared by the integration tests: no tests of their own.

#[derive(Debug, Clone)]
pub struct TestServer {
    pub port: u16,
}

impl TestServer {
    #[must_use]
    pub fn start() -> Self {
        TestServer { port: 0 }
    }
}

#[cfg(test)]
pub fn test_only_helper() {}
