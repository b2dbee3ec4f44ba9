class RoundTripTests:
    def test_roundtrip(self):
        pass

    def test_empty(self):
        pass
