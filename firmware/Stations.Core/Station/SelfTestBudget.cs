using System.Collections;

namespace Stations.Core.Station
{
    /// <summary>
    /// Keeps a self-test's items small enough to travel in one command result (the whole message must fit an outbox
    /// record, docs/protocol.md). Over budget, it first blanks the details of passing items, then (when something failed) drops passing items,
    /// then shortens the failures' details: the failures and why they failed are what a technician needs.
    /// </summary>
    public static class SelfTestBudget
    {
        /// <summary>Bytes the `data` object may take: an outbox record is 1,024 bytes, the envelope, id, code and detail take the rest.</summary>
        public const int DataBytes = 760;

        /// <summary>Length a failure's detail is cut to when even the failures alone are over budget.</summary>
        public const int ShortDetailLength = 24;

        /// <summary>The `{"items":[…]}` JSON size of <paramref name="items"/> (ids and details are ASCII).</summary>
        public static int JsonBytes(ArrayList items)
        {
            int total = 12;
            for (int i = 0; i < items.Count; i++)
            {
                SelfTestItem item = (SelfTestItem)items[i];
                total += 34 + item.Device.Length + (item.Ok ? 0 : 1) + (item.Detail == null ? 0 : item.Detail.Length);
            }

            return total;
        }

        /// <summary>Shrinks <paramref name="items"/> in place until it fits; returns how many passing items were left out (0 when none).</summary>
        public static int Fit(ArrayList items)
        {
            if (JsonBytes(items) <= DataBytes)
            {
                return 0;
            }

            for (int i = 0; i < items.Count; i++)
            {
                SelfTestItem item = (SelfTestItem)items[i];
                if (item.Ok)
                {
                    item.Detail = "";
                }
            }

            int dropped = 0;
            if (JsonBytes(items) > DataBytes && HasFailure(items))
            {
                for (int i = items.Count - 1; i >= 0; i--)
                {
                    if (((SelfTestItem)items[i]).Ok)
                    {
                        items.RemoveAt(i);
                        dropped++;
                    }
                }
            }

            if (JsonBytes(items) > DataBytes)
            {
                for (int i = 0; i < items.Count; i++)
                {
                    SelfTestItem item = (SelfTestItem)items[i];
                    if (item.Detail != null && item.Detail.Length > ShortDetailLength)
                    {
                        item.Detail = item.Detail.Substring(0, ShortDetailLength);
                    }
                }
            }

            return dropped;
        }

        private static bool HasFailure(ArrayList items)
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (!((SelfTestItem)items[i]).Ok)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
