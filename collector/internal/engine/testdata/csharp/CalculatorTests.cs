using System;
using System.Collections.Generic;
using Xunit;

namespace Shop.Core.Tests
{
    public class CalculatorTests
    {
        private readonly Calculator _calc = new();

        [Fact]
        public void Add_ReturnsSum()
        {
            Assert.Equal(4, _calc.Add(2, 2));
        }

        [Fact(Skip = "flaky on CI, see #412")]
        public void Divide_ByZero_Throws()
        {
            Assert.Throws<DivideByZeroException>(() => _calc.Divide(1, 0));
        }

        [Fact(DisplayName = "subtracting twice is associative")]
        public void Subtract_Associative() { }

        [Theory]
        [InlineData(1, 2, 3)]
        [InlineData(-1, 1, 0)]
        [InlineData(int.MaxValue, 0, int.MaxValue)]
        public void Add_Theory(int a, int b, int expected)
        {
            Assert.Equal(expected, _calc.Add(a, b));
        }

        [Theory]
        [InlineData("hello", 'h', true)]
        [InlineData(null, 'x', false)]
        [InlineData("", '\n', false, Skip = "empty strings are not supported yet")]
        public void StartsWith(string? text, char c, bool expected)
        {
            Assert.Equal(expected, text?.StartsWith(c) ?? false);
        }

        [Theory]
        [InlineData(0.1, 2.5f)]
        [InlineData(1e20, -0.5f)]
        [InlineData(10.0, 3f)]
        public void Scale(double factor, float offset) { }

        [Theory(Skip = "rounding rules pending")]
        [InlineData(1.005)]
        [InlineData(2.675)]
        public void Round(double value) { }

        [Theory]
        [InlineData(1, 2, 3, 4)]
        [InlineData(1)]
        [InlineData(1, new[] { 5, 6 })]
        public void Sum(int first, params int[] rest) { }

        [Theory]
        [InlineData(DayOfWeek.Monday, typeof(string))]
        public void Kinds(DayOfWeek day, Type type) { }

        [Theory(DisplayName = "long names")]
        [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij")]
        public void Truncates(string value) { }

        [Theory]
        [MemberData(nameof(Prices))]
        public void PriceIsPositive(decimal price) => Assert.True(price > 0);

        [Theory]
        [ClassData(typeof(TaxTable))]
        public void Tax(decimal amount, decimal expected) { }

        public static IEnumerable<object[]> Prices() => new[] { new object[] { 1m } };

        private static int Helper() => 42;
    }
}
