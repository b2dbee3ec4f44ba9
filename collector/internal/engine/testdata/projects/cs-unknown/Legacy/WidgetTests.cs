namespace Legacy
{
    // No using, no .csproj anywhere: [Test] alone does not name a framework.
    public class WidgetTests
    {
        [Test]
        public void Renders() { }
    }
}
