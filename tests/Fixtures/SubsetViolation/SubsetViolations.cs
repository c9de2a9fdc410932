using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace SubsetViolation
{
    /// <summary>Station-like code that does not run on nanoFramework 1.17.</summary>
    public static class BadStationCode
    {
        /// <summary>List&lt;T&gt; and LINQ: both must be reported.</summary>
        public static int SumOfPositiveEven(int[] values)
        {
            List<int> even = new List<int>();
            foreach (int value in values)
            {
                if (value % 2 == 0)
                {
                    even.Add(value);
                }
            }

            return even.Where(v => v > 0).Sum();
        }

        /// <summary>The params trap: .NET binds String.Format(string, object, object); the device has only (string, object[]).</summary>
        public static string Describe(object device, object state)
        {
            return string.Format("{0} is {1}", device, state);
        }

        /// <summary>nanoFramework's System.Math has no long overloads.</summary>
        public static long Larger(long a, long b)
        {
            return Math.Max(a, b);
        }
    }

    /// <summary>Code that is fine on nanoFramework: must not be reported.</summary>
    public static class GoodStationCode
    {
        /// <summary>ArrayList and an explicit object[] bind to members nanoFramework has.</summary>
        public static string Describe(object device, object state)
        {
            ArrayList list = new ArrayList();
            list.Add(device);
            return string.Format("{0} is {1}", new object[] { list[0], state });
        }
    }

    /// <summary>A generic type definition.</summary>
    public sealed class Box<T>
    {
        /// <summary>The boxed value.</summary>
        public T Value;
    }
}
