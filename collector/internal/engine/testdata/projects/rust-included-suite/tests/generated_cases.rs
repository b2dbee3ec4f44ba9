// DO NOT EDIT. Generated from a list of patterns.
consistent!(word_0, r"\w+");
consistent!(digits_0, r"\d{2,}");

// skipped upstream
// consistent!(broken_0, r"(");
consistent!(anchors_0, "^a$");
