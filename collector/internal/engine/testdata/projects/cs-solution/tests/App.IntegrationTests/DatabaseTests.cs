namespace App.IntegrationTests;

[TestFixture]
public class DatabaseTests
{
    [Test]
    public void Connects() { }

    [TestCase("sqlite")]
    [TestCase("postgres")]
    public void Migrates(string provider) { }
}
