#[cfg(test)]
mod test_par_map {
    #[test]
    fn par_iter() {}

    #[cfg(feature = "serde")]
    #[test]
    fn par_serde() {}
}
