using System.Globalization;

namespace NeuralOdeGen.Verification;

/// <summary>How far one numeric derivative path is from SymPy's values over the sampled points.</summary>
/// <param name="Compared">Points where both values were finite and compared.</param>
/// <param name="Skipped">Points not compared (finite differences straddling a kink, or both values undefined).</param>
/// <param name="Failed">Compared points outside the tolerance, plus points where exactly one value was not finite.</param>
/// <param name="MaxAbsolute">The largest <c>|value − reference|</c>.</param>
/// <param name="MaxRelative">The largest <c>|value − reference| / |reference|</c> (0 when both are 0).</param>
public readonly record struct PathError(int Compared, int Skipped, int Failed, double MaxAbsolute, double MaxRelative)
{
    /// <summary>Gets a path that does not apply to an entry (e.g. finite differences of the right-hand side itself).</summary>
    public static PathError NotApplicable => default;

    /// <summary>Gets whether anything was compared or skipped.</summary>
    public bool IsApplicable => Compared + Skipped + Failed > 0;

    /// <summary>Gets whether no point failed.</summary>
    public bool Passed => Failed == 0;

    /// <summary>Formats as <c>abs/rel</c> in scientific notation, <c>-</c> when not applicable, with a mark on failure.</summary>
    public string Format()
    {
        if (!IsApplicable)
        {
            return "-";
        }

        if (Compared == 0 && Failed == 0)
        {
            return "skipped";
        }

        string text = string.Create(CultureInfo.InvariantCulture, $"{MaxAbsolute:0.0e+00}/{MaxRelative:0.0e+00}");
        return Passed ? text : text + " FAIL";
    }
}
