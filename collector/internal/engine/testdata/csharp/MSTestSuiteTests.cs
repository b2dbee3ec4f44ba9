using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Orders.Tests
{
    [TestClass]
    public class OrderServiceTests
    {
        [TestInitialize]
        public void Init() { }

        [TestMethod]
        public void Create_AssignsId() { }

        [TestMethod]
        [Ignore]
        public void Cancel_RefundsPayment() { }

        [TestMethod("custom display name")]
        public void WithDisplayName() { }

        [DataTestMethod]
        [DataRow(1, "one")]
        [DataRow(2, "two", DisplayName = "second row")]
        [DataRow(3, null)]
        public void Parse(int n, string? word) { }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Toggle(bool on) { }

        [TestMethod]
        [DynamicData(nameof(Data), DynamicDataSourceType.Method)]
        public void Dynamic(int a, int b) { }

        public static IEnumerable<object[]> Data() { yield return new object[] { 1, 2 }; }

        [ClassCleanup]
        public static void Cleanup() { }
    }

    [TestClass]
    [Ignore]
    public class DisabledTests
    {
        [TestMethod]
        public void NeverRuns() { }
    }
}
