using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace NeuralOdeGen.Verification;

/// <summary>
/// The check of one hand-written derivative (<see cref="DerivativeOfAttribute"/>) a model calls: the derivative method
/// against central differences of the function, argument by argument, at random points of the attribute's interval.
/// </summary>
/// <param name="Function">The function, as <c>Type.Name</c>.</param>
/// <param name="Derivative">The derivative method, as <c>Type.Name</c>.</param>
/// <param name="Points">How many points were compared.</param>
/// <param name="Mismatch">The first disagreement (the argument point, both values), or <see langword="null"/> when all agree.</param>
public sealed record CustomDerivativeCheck(string Function, string Derivative, int Points, string? Mismatch)
{
    /// <summary>Gets a value indicating whether the derivative method agreed with central differences at every point.</summary>
    public bool Passed => Mismatch is null && Points > 0;

    /// <summary>The functions with hand-written derivatives that <paramref name="info"/>'s symbolic forms call (<c>user_F</c>), checked.</summary>
    internal static List<CustomDerivativeCheck> CheckAll(Type modelType, OdeModelInfo info, VerificationOptions options)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string text in info.RightHandSide)
        {
            foreach (Match match in Regex.Matches(text, @"\buser_([A-Za-z_][A-Za-z0-9_]*?)(?:_[0-9]+)?\(", RegexOptions.CultureInvariant))
            {
                names.Add(match.Groups[1].Value);
            }
        }

        var checks = new List<CustomDerivativeCheck>();
        if (names.Count == 0)
        {
            return checks;
        }

        // The generator names the function by its simple name; every [DerivativeOf] of that name in the model's assembly is checked.
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type type in LoadableTypes(modelType.Assembly).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (MethodInfo derivative in type.GetMethods(Static).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (derivative.GetCustomAttribute<DerivativeOfAttribute>() is { } attribute
                    && names.Contains(attribute.Function)
                    && type.GetMethods(Static).SingleOrDefault(m => m.Name == attribute.Function) is { } function)
                {
                    checks.Add(Check(function, derivative, attribute, options));
                }
            }
        }

        return checks;
    }

    /// <summary>Compares <paramref name="derivative"/> with central differences of <paramref name="function"/>.</summary>
    internal static CustomDerivativeCheck Check(MethodInfo function, MethodInfo derivative, DerivativeOfAttribute attribute, VerificationOptions options)
    {
        string functionName = $"{function.DeclaringType?.Name}.{function.Name}";
        string derivativeName = $"{derivative.DeclaringType?.Name}.{derivative.Name}";
        int arity = function.GetParameters().Length;
        var random = new Random(options.Seed);
        int compared = 0;
        for (int p = 0; p < options.PointCount; p++)
        {
            object[] point = new object[arity];
            for (int k = 0; k < arity; k++)
            {
                point[k] = attribute.Minimum + ((attribute.Maximum - attribute.Minimum) * random.NextDouble());
            }

            double[] claimed = Partials(derivative.Invoke(null, point), arity);
            for (int k = 0; k < arity; k++)
            {
                double a = (double)point[k];

                // Central differences with h = 1e-6·max(1, |a|): truncation h²|F'''|/6 and rounding ε|F|/h ≈ 2e-10·|F| stay
                // below the options' finite-difference tolerance (1e-6 + 1e-5·|F'|) for functions of moderate size.
                double h = 1e-6 * Math.Max(1.0, Math.Abs(a));
                object[] above = (object[])point.Clone();
                object[] below = (object[])point.Clone();
                above[k] = a + h;
                below[k] = a - h;
                double difference = ((double)function.Invoke(null, above)! - (double)function.Invoke(null, below)!) / ((a + h) - (a - h));
                if (!double.IsFinite(difference) && !double.IsFinite(claimed[k]))
                {
                    continue;
                }

                if (!(Math.Abs(claimed[k] - difference) <= options.FiniteDifferenceAbsoluteTolerance + (options.FiniteDifferenceRelativeTolerance * Math.Abs(difference))))
                {
                    string at = string.Join(", ", point.Select(v => ((double)v).ToString("R", CultureInfo.InvariantCulture)));
                    string which = arity == 1 ? "" : $" (∂/∂ argument {k + 1})";
                    return new CustomDerivativeCheck(
                        functionName,
                        derivativeName,
                        compared,
                        string.Create(CultureInfo.InvariantCulture, $"{derivativeName}({at}){which} = {claimed[k]:R}, but central differences of {functionName} give {difference:R}"));
                }
            }

            compared++;
        }

        return new CustomDerivativeCheck(functionName, derivativeName, compared, null);
    }

    private static double[] Partials(object? result, int arity)
    {
        if (arity == 1)
        {
            return [(double)result!];
        }

        var tuple = (ITuple)result!;
        double[] partials = new double[arity];
        for (int k = 0; k < arity; k++)
        {
            partials[k] = (double)tuple[k]!;
        }

        return partials;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }
}
