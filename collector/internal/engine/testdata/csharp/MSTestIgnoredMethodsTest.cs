using Microsoft.VisualStudio.TestTools.UnitTesting;

[TestClass]
public class MSTestIgnoredMethodsTest
{
    [TestMethod, Ignore("needs a printer")]
    public void Print() { }

    [DataTestMethod]
    [DataRow(1.5, 'c', "s")]
    [DataRow(new[] { 1, 2 }, 'd', "t", IgnoreMessage = "arrays later")]
    public void Rows(object a, char b, string c) { }

    [Test]
    public void NUnitAttributeInMSTestFile() { }
}
