namespace Stations.Ratings.Rubrics;

/// <summary>A rubric file that cannot be used; <see cref="Errors"/> lists each problem with its field and the fix.</summary>
public sealed class RubricValidationException : Exception
{
    /// <summary>Creates the exception for a file and its problems.</summary>
    public RubricValidationException(string source, IReadOnlyList<string> errors)
        : base($"Rubric '{source}' is invalid ({errors.Count} problem(s)):" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a file and its problems, with the header in the messages' language.</summary>
    public RubricValidationException(string source, IReadOnlyList<string> errors, RatingMessages messages)
        : base((messages ?? RatingMessages.English).Format("InvalidHeader", source, errors?.Count ?? 0) + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RubricValidationException() : this("(unknown)", ["unspecified problem"])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RubricValidationException(string message) : this("(unknown)", [message])
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public RubricValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Each problem: "field: what is wrong; fix: what to do".</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
