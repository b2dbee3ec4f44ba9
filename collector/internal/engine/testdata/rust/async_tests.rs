use std::time::Duration;

#[tokio::test]
async fn tokio_default() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokio_multi_thread() {}

#[async_std::test]
async fn async_std_works() {}

#[test_log::test(tokio::test)]
async fn logs_are_captured() {}

#[sqlx::test(migrations = "./migrations")]
async fn with_a_database(pool: sqlx::PgPool) {}

#[tokio::test]
#[ignore = "flaky on CI"]
async fn flaky() {}

#[actix_rt::test]
async fn actix() {}

#[wasm_bindgen_test]
fn in_the_browser() {}

#[tokio::main]
async fn main_is_not_a_test() {}
