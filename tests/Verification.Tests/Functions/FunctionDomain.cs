using System.Collections.Generic;

namespace NeuralOdeGen.Verification.Tests.Functions;

/// <summary>
/// One point inside the domain of every built-in function (<c>Generator/Ir/Functions</c>), away from kinks and jumps, and
/// chosen to catch the usual mistakes: Atan2 in the third quadrant (argument order), Cbrt of a negative number (the real
/// root), Clamp above its upper bound (Round's ties are checked on their own: a tie is a jump). A row without a point fails the coverage tests.
/// </summary>
internal static class FunctionDomain
{
    public static readonly IReadOnlyDictionary<string, double[]> Points = new Dictionary<string, double[]>
    {
        ["Exp"] = [0.7],
        ["Log"] = [1.7],
        ["Sqrt"] = [2.3],
        ["Pow"] = [1.3, 0.7],
        ["Sin"] = [-0.7],
        ["Cos"] = [-0.7],
        ["Tan"] = [-0.7],
        ["Tanh"] = [-0.7],
        ["Sinh"] = [-0.7],
        ["Cosh"] = [-0.7],
        ["Atan"] = [-0.7],
        ["Abs"] = [-0.7],
        ["Sign"] = [-0.7],
        ["Max"] = [0.3, -0.4],
        ["Min"] = [0.3, -0.4],
        ["Asinh"] = [-0.8],
        ["Acosh"] = [1.9],
        ["Atanh"] = [0.4],
        ["Asin"] = [0.3],
        ["Acos"] = [-0.6],
        ["Atan2"] = [-0.5, -1.2],
        ["Log2"] = [3.1],
        ["Log10"] = [0.03],
        ["Cbrt"] = [-2.7],
        ["FusedMultiplyAdd"] = [0.3, -1.7, 2.2],
        ["Clamp"] = [2.5, -1.0, 1.5],
        ["Floor"] = [-2.5],
        ["Round"] = [2.3],
    };
}
