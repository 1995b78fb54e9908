namespace Nabla.Data.Preprocessing;

/// <summary>How an input column becomes features.</summary>
public enum ColumnKind
{
    /// <summary>Numbers: one feature, scaled by the <see cref="Scaler"/>.</summary>
    Numeric,

    /// <summary>Text categories: one 0/1 feature per category seen in training (one-hot).</summary>
    Categorical,

    /// <summary>ISO 8601 dates or date-times: the fractional year, and the day of the year, the weekday and the time of day as angles (sine and cosine).</summary>
    Date,
}
