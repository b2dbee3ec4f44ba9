using Xunit;

namespace Docs.Tests
{
    public class LookalikeTests
    {
        // [Fact] public void InAComment() { }

        /* [Fact]
           public void InABlockComment() { } */

        private const string Snippet = "[Fact] public void InAString() { }";

        private const string Verbatim = @"
            [Fact]
            public void InAVerbatimString() { }";

        private const string Raw = """
            [Theory]
            [InlineData(1)]
            public void InARawString(int x) { }
            """;

        /// <summary>[Fact] in a doc comment.</summary>
        [Fact]
        public void Real()
        {
            var s = "[Fact] public void Nested() { }";
            [Fact] void LocalFunction() { }
        }

        [Obsolete]
        public void NotATest() { }

        public void FactLikeName_NoAttribute() { }
    }
}
