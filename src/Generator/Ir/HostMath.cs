using System;
using System.Reflection;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// <c>System.Math</c> members newer than netstandard2.0 (<c>Cbrt</c>, <c>Asinh</c>, <c>FusedMultiplyAdd</c>...), bound
/// from the runtime the compiler runs on, so that constant folding gives the bits the emitted call gives. A host
/// without one (none that runs this generator: .NET Core 3.0 has them all) would leave such calls unfolded.
/// </summary>
internal static class HostMath
{
    public static readonly Func<double, double>? Cbrt = Unary("Cbrt");
    public static readonly Func<double, double>? Asinh = Unary("Asinh");
    public static readonly Func<double, double>? Acosh = Unary("Acosh");
    public static readonly Func<double, double>? Atanh = Unary("Atanh");
    public static readonly Func<double, double>? Log2 = Unary("Log2");
    public static readonly Func<double, double, double, double>? FusedMultiplyAdd = Ternary("FusedMultiplyAdd");

    private static Func<double, double>? Unary(string name) =>
        typeof(Math).GetMethod(name, BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(double) }, null)
            ?.CreateDelegate(typeof(Func<double, double>)) as Func<double, double>;

    private static Func<double, double, double, double>? Ternary(string name) =>
        typeof(Math).GetMethod(name, BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(double), typeof(double), typeof(double) }, null)
            ?.CreateDelegate(typeof(Func<double, double, double, double>)) as Func<double, double, double, double>;
}
