using Xunit;

namespace Platform.Tests
{
    public class PreprocessorTests
    {
#if WINDOWS
        [Fact]
#else
        [Fact(Skip = "Windows only")]
#endif
        public void Registry_Reads() { }

#if DEBUG
        [Fact]
        public void DebugOnly() { }
#endif

        [Fact]
        public void Always() { }
    }
}
