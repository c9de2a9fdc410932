using System.Globalization;
using System.Net;
using System.Text;

namespace Stations.Gateway.Web.Charts;

/// <summary>Small server-drawn SVG charts (bars per day, a line over time): no script, readable without colour.</summary>
public static class SvgChart
{
    const int Width = 640;
    const int Height = 200;
    const int Left = 48;
    const int Right = 12;
    const int Top = 12;
    const int Bottom = 28;

    /// <summary>A bar per labelled value (e.g. visits per day).</summary>
    public static string Bars(IReadOnlyList<(string Label, double Value)> bars, string title, string unit)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var svg = Start(title);
        if (bars.Count == 0)
        {
            return Empty(svg);
        }

        var max = NiceMax(bars.Max(b => b.Value));
        Axis(svg, max, unit);
        var plotWidth = Width - Left - Right;
        var step = (double)plotWidth / bars.Count;
        var barWidth = Math.Max(1, step * 0.75);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / 8.0));
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var h = max > 0 ? (Height - Top - Bottom) * value / max : 0;
            var x = Left + (i * step) + ((step - barWidth) / 2);
            svg.Append(Inv($"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{Height - Bottom - h:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\"><title>{Esc(label)}: {value:0.##} {Esc(unit)}</title></rect>"));
            if (i % labelEvery == 0)
            {
                svg.Append(Inv($"<text class=\"tick\" x=\"{x + (barWidth / 2):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Esc(label)}</text>"));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A line through time-stamped values (e.g. indoor temperature), labelled in the station's zone.</summary>
    public static string Line(IReadOnlyList<(long TsMs, double Value)> points, string title, string unit, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(zone);
        var svg = Start(title);
        if (points.Count < 2)
        {
            return Empty(svg);
        }

        var min = Math.Floor(Math.Min(0, points.Min(p => p.Value)));
        var max = NiceMax(points.Max(p => p.Value));
        Axis(svg, max, unit, min);
        var t0 = points[0].TsMs;
        var t1 = Math.Max(points[^1].TsMs, t0 + 1);
        double X(long ts) => Left + ((Width - Left - Right) * (double)(ts - t0) / (t1 - t0));
        double Y(double v) => Height - Bottom - ((Height - Top - Bottom) * (v - min) / Math.Max(1e-9, max - min));
        svg.Append("<polyline class=\"line\" fill=\"none\" points=\"");
        foreach (var (ts, value) in points)
        {
            svg.Append(Inv($"{X(ts):0.#},{Y(value):0.#} "));
        }

        svg.Append("\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var ts = t0 + ((t1 - t0) * i / 4);
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ts), zone);
            svg.Append(Inv($"<text class=\"tick\" x=\"{X(ts):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{local:MM-dd HH:mm}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    static StringBuilder Start(string title) =>
        new StringBuilder().Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Esc(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Esc(title)}</title>"));

    static string Empty(StringBuilder svg) =>
        svg.Append(Inv($"<text class=\"tick\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">—</text></svg>")).ToString();

    static void Axis(StringBuilder svg, double max, string unit, double min = 0)
    {
        for (var i = 0; i <= 4; i++)
        {
            var value = min + ((max - min) * i / 4);
            var y = Height - Bottom - ((Height - Top - Bottom) * i / 4.0);
            svg.Append(Inv($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/><text class=\"tick\" x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{value:0.#}</text>"));
        }

        svg.Append(Inv($"<text class=\"tick\" x=\"4\" y=\"{Top + 4}\">{Esc(unit)}</text>"));
    }

    static double NiceMax(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var factor in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (factor * magnitude >= max)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    static string Esc(string text) => WebUtility.HtmlEncode(text);

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
