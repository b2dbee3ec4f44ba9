// Beside the root but not included by it: consistent! is not in scope here,
// so the invocation declares nothing.
consistent!(not_a_test, "x");
