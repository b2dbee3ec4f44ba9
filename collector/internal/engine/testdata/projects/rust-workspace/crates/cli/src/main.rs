// No tests here: the pre-filter drops this file.
fn main() {
    println!("{}", core::greet("cli"));
}
