using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// Calls of any row of the function table on arbitrary subexpressions, with each argument guarded into the function's
/// domain and away from points where its derivative is infinite (log and roots of <c>1 + e²</c>, acosh of
/// <c>1.5 + e²</c>, atanh/asin/acos of <c>0.9·tanh(e)</c>, cbrt of <c>−(0.5 + e²)</c>, clamp bounds <c>b ∓ 1</c>).
/// </summary>
internal static class FunctionDomains
{
    public static int Call(ExprGraph g, BuiltinFunction function, Func<int> argument)
    {
        int Constant(double value) => g.Constant(value);
        int Op(NodeKind kind, int a, int b) => g.Intern(Node.Binary(kind, a, b));
        int Plus(double c, int e) => Op(NodeKind.Add, Constant(c), Op(NodeKind.Multiply, e, e));
        int Bounded(int e) => Op(NodeKind.Multiply, Constant(0.9), g.Intern(Node.Call(Functions.Named("Tanh"), e)));
        switch (function.Name)
        {
            case "Log" or "Log2" or "Log10" or "Sqrt":
                return g.Intern(Node.Call(function, Plus(1.0, argument())));
            case "Acosh":
                return g.Intern(Node.Call(function, Plus(1.5, argument())));
            case "Atanh" or "Asin" or "Acos":
                return g.Intern(Node.Call(function, Bounded(argument())));
            case "Cbrt":
                return g.Intern(Node.Call(function, g.Intern(Node.Unary(NodeKind.Negate, Plus(0.5, argument())))));
            case "Pow":
                return g.Intern(Node.Call(function, Plus(1.0, argument()), argument()));
            case "Clamp":
            {
                int value = argument();
                int centre = argument();
                return g.Intern(Node.Call(function, value, Op(NodeKind.Subtract, centre, Constant(1.0)), Op(NodeKind.Add, centre, Constant(1.0))));
            }

            default:
                int a = argument();
                int b = function.Arity > 1 ? argument() : 0;
                int c = function.Arity > 2 ? argument() : 0;
                return g.Intern(Node.Call(function, a, b, c));
        }
    }
}
