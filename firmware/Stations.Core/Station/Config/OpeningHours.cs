namespace Stations.Core.Station
{
    /// <summary>Opening hours per weekday in station-local minutes; a day may run past midnight into the next.</summary>
    public sealed class OpeningHours
    {
        /// <summary>Weekday keys as used in the config, Monday first.</summary>
        public static readonly string[] DayKeys = new string[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

        /// <summary>Per weekday (0 = Monday): opening minute of the day, or -1 when closed all day.</summary>
        public readonly int[] OpenMinute = new int[7];

        /// <summary>Per weekday: closing minute, 1..2880 (above 1440 runs into the next day).</summary>
        public readonly int[] CloseMinute = new int[7];

        /// <summary>Open all day, every day (the default: a 24 h station).</summary>
        public static OpeningHours AlwaysOpen()
        {
            OpeningHours h = new OpeningHours();
            for (int d = 0; d < 7; d++)
            {
                h.OpenMinute[d] = 0;
                h.CloseMinute[d] = 1440;
            }

            return h;
        }

        /// <summary>True when the schedule says open at the given weekday (0 = Monday) and minute of the day.</summary>
        public bool IsOpen(int weekday, int minuteOfDay)
        {
            int open = OpenMinute[weekday];
            if (open >= 0 && minuteOfDay >= open && minuteOfDay < CloseMinute[weekday])
            {
                return true;
            }

            int yesterday = weekday == 0 ? 6 : weekday - 1;
            return OpenMinute[yesterday] >= 0 && CloseMinute[yesterday] > 1440 && minuteOfDay < CloseMinute[yesterday] - 1440;
        }

        /// <summary>True when the station is scheduled open at the given station-local time (Unix ms shifted by the offset).</summary>
        public bool IsOpenAtLocalMs(long localMs)
        {
            long day = FloorDiv(localMs, 86400000L);
            int minute = (int)((localMs - (day * 86400000L)) / 60000L);
            // 1970-01-01 was a Thursday: weekday 3 when Monday is 0.
            int weekday = (int)(((day % 7) + 7 + 3) % 7);
            return IsOpen(weekday, minute);
        }

        /// <summary>Floor division for possibly negative values.</summary>
        public static long FloorDiv(long value, long divisor)
        {
            long q = value / divisor;
            if ((value % divisor != 0) && ((value < 0) != (divisor < 0)))
            {
                q--;
            }

            return q;
        }
    }
}
