using Xunit;

namespace Shared.Tests
{
    public static class AssertEx
    {
        public static void Positive(int n) => Assert.True(n > 0);
    }

    public sealed class TestDatabaseFixture : IDisposable
    {
        public void Dispose() { }
    }
}
