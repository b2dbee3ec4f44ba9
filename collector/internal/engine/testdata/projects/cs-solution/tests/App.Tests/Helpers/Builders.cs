namespace App.Tests.Helpers;

public static class Builders
{
    public static Calculator Calculator() => new();
}
