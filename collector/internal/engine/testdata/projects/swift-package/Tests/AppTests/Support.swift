// Helpers in a test folder: a candidate without tests, not reported.
func makeName() -> String { "n" }
