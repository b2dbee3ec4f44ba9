pub struct RawTable;

#[cfg(test)]
mod test_map {
    #[test]
    fn rehash() {}
}
