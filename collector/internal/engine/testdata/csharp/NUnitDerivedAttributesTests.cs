using System;
using NUnit.Framework;

namespace Specs
{
    // NUnit finds its attributes by type: a class derived from one of them
    // marks tests (or ignores them) under a name of its own.
    [AttributeUsage(AttributeTargets.Class)]
    class ConcernAttribute : TestFixtureAttribute
    {
        public ConcernAttribute(Type typeOfConcern) { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    class SpecAttribute : TestAttribute { }

    [AttributeUsage(AttributeTargets.Method)]
    class FocusedSpecAttribute : SpecAttribute { }

    [AttributeUsage(AttributeTargets.Method)]
    class NotYetImplementedAttribute : NUnit.Framework.IgnoreAttribute
    {
        public NotYetImplementedAttribute() : base("Not yet implemented") { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    class WorkInProgressAttribute : ExplicitAttribute { }

    [AttributeUsage(AttributeTargets.Method)]
    class OwnerAttribute : Attribute
    {
        public OwnerAttribute(string name) { }
    }

    [Concern(typeof(string))]
    public class When_collecting_fixtures
    {
        [Spec]
        public void includes_classes_with_a_derived_fixture_attribute() { }

        [FocusedSpec]
        public void follows_a_chain_of_derived_attributes() { }

        [Spec, NotYetImplemented]
        public void is_ignored_by_a_derived_ignore() { }

        [Test, WorkInProgress]
        public void is_explicit_by_a_derived_explicit() { }

        [Owner("ann")]
        public void is_not_a_test() { }
    }

    [TestFixture]
    public class PlatformTests
    {
#if NET_4_0 || NET_4_5
        [Test]
        public void OnlyOnNet4() { }
#elif NET_3_5
        [Test]
        public void OnlyOnNet35() { }
#else
        [Test]
        public void Elsewhere() { }
#endif

#if !MONO // Mono's runtime differs here
        [Test]
        public void NotOnMono() { }
#if DEBUG
        [Test]
        public void NotOnMonoInDebug() { }
#endif
#endif

#if false
        [Test]
        public void NeverCompiled() { }
#else
        [Test]
        public void AlwaysCompiled() { }
#endif

#if WINDOWS
        [Test]
#else
        [Test, Ignore("Windows only")]
#endif
        public void OnEveryPlatform() { }

#if CLR_4_0
        [TestCase(null)]
#endif
        [TestCase(1)]
        public void Rows(object value) { }
    }
}
