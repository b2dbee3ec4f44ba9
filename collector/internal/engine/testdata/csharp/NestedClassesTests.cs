using System.Threading.Tasks;
using Xunit;

namespace Inventory.Tests;

public abstract class RepositoryContract<T> where T : class
{
    protected abstract T Create();

    [Fact]
    public void Create_IsNotNull() => Assert.NotNull(Create());
}

public class StockTests : RepositoryContract<Stock>
{
    protected override Stock Create() => new();

    public class WhenEmpty
    {
        [Fact]
        public void Count_IsZero() { }

        public class AndLocked
        {
            [Fact]
            public async Task Add_Throws() => await Task.CompletedTask;
        }
    }

    public class WhenFull
    {
        [Theory]
        [InlineData(10)]
        public void Add_Rejects(int n) { }
    }

    public class Builder
    {
        public Stock Build() => new();
    }
}

public record Stock;

public class GenericTests<TKey>
{
    [Fact]
    public void Works() { }
}
