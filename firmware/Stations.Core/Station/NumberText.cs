namespace Stations.Core.Station
{
    /// <summary>Culture-free number formatting for messages (validator errors, command details): up to 3 decimals.</summary>
    public static class NumberText
    {
        /// <summary>Formats a number like 600, 12.5 or -0.25 (rounded to 3 decimals, no trailing zeros).</summary>
        public static string Format(double value)
        {
            if (double.IsNaN(value))
            {
                return "NaN";
            }

            if (value > 9e15 || value < -9e15)
            {
                return value > 0 ? "huge" : "-huge";
            }

            bool negative = value < 0;
            long thousandths = (long)System.Math.Round((negative ? -value : value) * 1000.0);
            long whole = thousandths / 1000;
            int fraction = (int)(thousandths % 1000);
            string text = whole.ToString();
            if (fraction != 0)
            {
                string digits = fraction.ToString().PadLeft(3, '0');
                int end = 3;
                while (end > 0 && digits[end - 1] == '0')
                {
                    end--;
                }

                text = text + "." + digits.Substring(0, end);
            }

            return negative && thousandths != 0 ? "-" + text : text;
        }
    }
}
