namespace Unknown.Tests
{
    public class NoUsingTest
    {
        [Test]
        public void LooksLikeNUnit() { }

        [TestCase(1)]
        [TestCase(2)]
        public void Cases(int n) { }

        [Fact]
        public void LooksLikeXunit() { }
    }
}
