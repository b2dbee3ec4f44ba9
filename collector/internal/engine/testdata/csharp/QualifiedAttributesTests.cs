using System;

namespace Mixed.Tests
{
    public class QualifiedAttributesTests
    {
        [Xunit.Fact]
        public void FullyQualified() { }

        [Xunit.FactAttribute]
        public void WithSuffix() { }

        [global::Xunit.Theory, Xunit.InlineData(1), Xunit.InlineData(2)]
        public void OneLine(int n) { }

        [SkippableFact]
        public void FromExtensionLibrary() { }

        [WpfTheory]
        [InlineData("x")]
        public void Wpf(string s) { }

        [Trait("Category", "Integration")]
        [Fact]
        public void Traited() { }
    }
}
