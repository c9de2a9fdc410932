// Facade of nanoFramework.TestFramework 3.0.80 (assembly nanoFramework.TestFramework): the attributes and asserts the
// on-device tests use, so tests/Stations.Firmware.DeviceTests compiles in CI too.
using System;
using Stations.Firmware.Facade;

namespace nanoFramework.TestFramework
{
    [Mirrors("nanoFramework.TestFramework", "3.0.80")]
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
        [Mirrors("nanoFramework.TestFramework", "3.0.80")]
        public TestClassAttribute() { }
    }

    [Mirrors("nanoFramework.TestFramework", "3.0.80")]
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
        [Mirrors("nanoFramework.TestFramework", "3.0.80")]
        public TestMethodAttribute() { }
    }

    [Mirrors("nanoFramework.TestFramework", "3.0.80")]
    public static class Assert
    {
        [Mirrors("nanoFramework.TestFramework", "3.0.80")]
        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                throw new InvalidOperationException(message);
            }
        }

        [Mirrors("nanoFramework.TestFramework", "3.0.80")]
        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                throw new InvalidOperationException(message);
            }
        }

        [Mirrors("nanoFramework.TestFramework", "3.0.80")]
        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (expected != actual)
            {
                throw new InvalidOperationException(message);
            }
        }

        [Mirrors("nanoFramework.TestFramework", "3.0.80")]
        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (expected != actual)
            {
                throw new InvalidOperationException(message);
            }
        }
    }
}
