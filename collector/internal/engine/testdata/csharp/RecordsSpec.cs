global using Xunit;

namespace Payments.Specs;

public sealed class RecordsSpec : IClassFixture<DbFixture>
{
    public RecordsSpec(DbFixture db) { }

    [Fact]
    public async Task Pays() => await Task.Delay(1);

    [Theory]
    [InlineData(@"C:\temp\a.txt", 0x10)]
    [InlineData("tab\there", 0b101)]
    [InlineData("quote\"d", 1_000)]
    public void Paths(string path, int flags) { }

    [Theory]
    [InlineData]
    public void NoValues() { }

    [Theory]
    [InlineData(1, 2)]
    public void TooMany(int a) { }
}
