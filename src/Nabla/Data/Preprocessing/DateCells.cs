using System.Globalization;

namespace Nabla.Data.Preprocessing;

/// <summary>
/// ISO 8601 dates and date-times in cells (<c>2012-01-31</c>, <c>2012-01-31T08:30</c>, <c>2012-01-31 08:30:15.5Z</c>,
/// <c>…+01:00</c>), and the features a date becomes: the fractional year, and the day of the year, the weekday and the time
/// of day as points on a circle (sine and cosine), so that 31 December and 1 January are neighbours.
/// </summary>
internal static class DateCells
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Reads an ISO 8601 date or date-time (an offset is converted to UTC); <paramref name="hasTime"/> tells whether it had a time of day.</summary>
    public static bool TryParse(string cell, out DateTime value, out bool hasTime)
    {
        var text = cell.AsSpan().Trim();
        hasTime = text.Length > 10;
        // A quick test first: most cells of most columns are not dates.
        if (text.Length < 10 || text[4] != '-' || text[7] != '-' || !char.IsAsciiDigit(text[0]))
        {
            value = default;
            return false;
        }

        return DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>The written form of a date in a model file and in messages: <c>yyyy-MM-dd</c>, with the time when it has one.</summary>
    public static string Format(DateTime value, bool hasTime) =>
        value.ToString(hasTime ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes the 5 features of a date (7 with the time of day) into <paramref name="destination"/>, in the order of <see cref="FeatureColumn.DateParts"/> and <see cref="FeatureColumn.TimeParts"/>.</summary>
    public static void Features(DateTime value, bool hasTime, Span<double> destination)
    {
        double daysInYear = DateTime.IsLeapYear(value.Year) ? 366 : 365;
        double dayOfYear = value.DayOfYear - 1 + value.TimeOfDay.TotalDays;
        destination[0] = value.Year + dayOfYear / daysInYear;
        (destination[1], destination[2]) = Math.SinCos(2 * Math.PI * dayOfYear / daysInYear);
        (destination[3], destination[4]) = Math.SinCos(2 * Math.PI * (int)value.DayOfWeek / 7);
        if (hasTime)
        {
            (destination[5], destination[6]) = Math.SinCos(2 * Math.PI * value.TimeOfDay.TotalDays);
        }
    }
}
