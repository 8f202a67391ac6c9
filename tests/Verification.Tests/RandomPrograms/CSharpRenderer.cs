using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>Renders random models as the C# a user would write: a partial type with one [Dynamics] method.</summary>
internal static class CSharpRenderer
{
    public const string Namespace = "RandomModels";

    public const string MethodName = "Rhs";

    /// <summary>A whole file: usings, namespace, and the given models.</summary>
    public static string File(IEnumerable<ModelSpec> models)
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing NeuralOdeGen;\n\nnamespace ").Append(Namespace).Append(";\n");
        foreach (ModelSpec model in models)
        {
            text.Append('\n').Append(Type(model));
        }

        return text.ToString();
    }

    public static string Type(ModelSpec model)
    {
        var text = new StringBuilder();
        text.Append("public partial ").Append(model.IsClass ? "class " : "struct ").Append(model.TypeName).Append("\n{\n");
        text.Append(Method(model));
        for (int i = 0; i < (model.Functions?.Count ?? 0); i++)
        {
            text.Append('\n').Append(UserFunction(i, model.Functions![i]));
        }

        text.Append("}\n");
        return text.ToString();
    }

    public static string Method(ModelSpec model, string modifiers = "public static")
    {
        var text = new StringBuilder();
        text.Append("    [Dynamics]\n    ").Append(modifiers).Append(' ').Append(ReturnType(model)).Append(' ').Append(MethodName).Append('(');
        for (int i = 0; i < model.Signature.Count; i++)
        {
            Slot slot = model.Signature[i];
            text.Append(i == 0 ? "" : ", ").Append(slot.Kind switch
            {
                SlotKind.Parameter => "[Param] ",
                SlotKind.Time => "[Time] ",
                _ => "",
            }).Append("double ").Append(slot.Identifier);
        }

        text.Append(')');
        string result = model.Outputs.Count == 1
            ? Render(model.Outputs[0])
            : "(" + string.Join(", ", model.Outputs.Select(Render)) + ")";
        if (model.ExpressionBodied && model.Locals.Count == 0)
        {
            text.Append("\n        => ").Append(result).Append(";\n");
        }
        else
        {
            text.Append("\n    {\n");
            foreach (LocalSpec local in model.Locals)
            {
                text.Append("        double ").Append(local.Identifier).Append(" = ").Append(Render(local.Value)).Append(";\n");
            }

            text.Append("        return ").Append(result).Append(";\n    }\n");
        }

        return text.ToString();
    }

    /// <summary>A [Differentiable] function: expression-bodied without locals, else a block of locals and a return.</summary>
    public static string UserFunction(int index, FunctionSpec function)
    {
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    private static double ").Append(FunctionSpec.Name(index)).Append('(')
            .Append(string.Join(", ", function.Parameters.Select(p => "double " + p))).Append(')');
        if (function.Locals.Count == 0)
        {
            return text.Append("\n        => ").Append(Render(AsDouble(function.Value))).Append(";\n").ToString();
        }

        text.Append("\n    {\n");
        foreach (LocalSpec local in function.Locals)
        {
            text.Append("        double ").Append(local.Identifier).Append(" = ").Append(Render(local.Value)).Append(";\n");
        }

        return text.Append("        return ").Append(Render(AsDouble(function.Value))).Append(";\n    }\n").ToString();
    }

    public static string ReturnType(ModelSpec model) =>
        model.Outputs.Count == 1
            ? "double"
            : "(" + string.Join(", ", model.Outputs.Select((_, i) => model.TupleNames is null ? "double" : "double " + model.TupleNames[i])) + ")";

    public static string Render(Expr expr) => expr switch
    {
        VariableExpr v => v.Identifier,
        ConstantExpr c => Constant(c),
        NegateExpr n => "-" + Operand(n.Operand),
        BinaryExpr b => Operand(b.Left) + " " + b.Operator + " " + Operand(b.Right),
        CallExpr call => Call(call),
        UserCallExpr call => FunctionSpec.Name(call.Index) + "(" + string.Join(", ", call.Arguments.Select(a => Render(AsDouble(a)))) + ")",
        ConditionalExpr c => "(" + Render(c.Condition) + " ? " + Render(AsDouble(c.WhenTrue)) + " : " + Render(AsDouble(c.WhenFalse)) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(expr), expr, "unknown expression node"),
    };

    public static string Render(Condition condition) => condition switch
    {
        CompareCondition c => Operand(c.Left) + " " + c.Operator + " " + Operand(c.Right),
        LogicalCondition l => "(" + Render(l.Left) + ") " + l.Operator + " (" + Render(l.Right) + ")",
        NotCondition n => "!(" + Render(n.Operand) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition node"),
    };

    /// <summary>
    /// Whether C# types the expression as <c>int</c>: int literals combined by + − * / and unary minus. Such an
    /// expression is a compile-time constant, which the generator accepts; as a conditional branch or a Math.Abs/Max/Min
    /// argument it would make a non-constant int expression (NODE014) or pick an int overload, so there it is written
    /// with double literals.
    /// </summary>
    public static bool IsInteger(Expr expr) => expr switch
    {
        ConstantExpr c => c.AsInteger,
        NegateExpr n => IsInteger(n.Operand),
        BinaryExpr b => IsInteger(b.Left) && IsInteger(b.Right),
        _ => false,
    };

    private static Expr AsDouble(Expr expr) => expr switch
    {
        ConstantExpr { AsInteger: true } c => c with { AsInteger = false },
        NegateExpr n => n with { Operand = AsDouble(n.Operand) },
        BinaryExpr b when IsInteger(b) => b with { Left = AsDouble(b.Left), Right = AsDouble(b.Right) },
        _ => expr,
    };

    private static string Constant(ConstantExpr c)
    {
        string text = c.AsInteger
            ? ((long)c.Value).ToString(CultureInfo.InvariantCulture)
            : c.Value.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.', StringComparison.Ordinal) || r.Contains('E', StringComparison.Ordinal)) ? r : r + ".0";
        return c.Value < 0 ? "(" + text + ")" : text;
    }

    // Every compound operand is parenthesised: the renderer's job is a faithful program, not a pretty one.
    private static string Operand(Expr expr) =>
        expr is VariableExpr or ConstantExpr or ConditionalExpr or UserCallExpr || (expr is CallExpr call && call.Function is not (Function.DivideByOnePlusSquare or Function.DivideByTwoPlusCos or Function.Sign))
            ? Render(expr)
            : "(" + Render(expr) + ")";

    private static string Call(CallExpr call)
    {
        string a = Render(call.Arguments[0]);
        string Square() => Operand(call.Arguments[0]) + " * " + Operand(call.Arguments[0]);

        // An argument as a double expression, so that Math's double overload is the one called (not int or decimal).
        string Double(int index) => Render(AsDouble(call.Arguments[index]));
        return call.Function switch
        {
            Function.Abs => $"Math.Abs({Render(AsDouble(call.Arguments[0]))})",
            Function.Sin or Function.Cos or Function.Atan or Function.Tanh => $"Math.{call.Function}({a})",
            Function.Max or Function.Min => $"Math.{call.Function}({Render(AsDouble(call.Arguments[0]))}, {Render(AsDouble(call.Arguments[1]))})",
            Function.ExpOfSin => $"Math.Exp(Math.Sin({a}))",
            Function.ExpOfTanh => $"Math.Exp(Math.Tanh({a}))",
            Function.LogOfOnePlusSquare => $"Math.Log(1 + {Square()})",
            Function.LogOfTwoPlusCos => $"Math.Log(2 + Math.Cos({a}))",
            Function.SqrtOfOnePlusSquare => $"Math.Sqrt(1 + {Square()})",
            Function.Square => $"Math.Pow({a}, 2)",
            Function.Cube => $"Math.Pow({a}, 3.0)",
            Function.PowOfOnePlusSquare => $"Math.Pow(1 + {Square()}, Math.Sin({Render(call.Arguments[1])}))",
            Function.PowConstantBase => $"Math.Pow(2.5, Math.Sin({a}))",
            Function.TanOfTanh => $"Math.Tan(Math.Tanh({a}))",
            Function.SinhOfSin => $"Math.Sinh(Math.Sin({a}))",
            Function.CoshOfCos => $"Math.Cosh(Math.Cos({a}))",
            Function.DivideByOnePlusSquare => $"{Operand(call.Arguments[0])} / (1 + {Operand(call.Arguments[1])} * {Operand(call.Arguments[1])})",
            Function.DivideByTwoPlusCos => $"{Operand(call.Arguments[0])} / (2 + Math.Cos({Render(call.Arguments[1])}))",
            Function.Asinh => $"Math.Asinh({Double(0)})",
            Function.AcoshOfTwoPlusSquare => $"Math.Acosh(2 + {Square()})",
            Function.AtanhOfHalfTanh => $"Math.Atanh(0.5 * Math.Tanh({a}))",
            Function.AsinOfHalfSin => $"Math.Asin(0.5 * Math.Sin({a}))",
            Function.AcosOfHalfCos => $"Math.Acos(0.5 * Math.Cos({a}))",
            Function.Atan2 => $"Math.Atan2({Double(0)}, 2 + Math.Cos({Render(call.Arguments[1])}))",
            Function.Log2OfOnePlusSquare => $"Math.Log2(1 + {Square()})",
            Function.Log10OfTwoPlusCos => $"Math.Log10(2 + Math.Cos({a}))",
            Function.CbrtOfNegative => $"Math.Cbrt(Math.Sin({a}) - 1.5)",
            Function.FusedMultiplyAdd => $"Math.FusedMultiplyAdd({Double(0)}, {Double(1)}, {Double(2)})",
            Function.Clamp => $"Math.Clamp({Double(0)}, {Operand(call.Arguments[1])} - 1.0, {Operand(call.Arguments[1])} + 1.0)",
            Function.Sign => $"(double)Math.Sign({Double(0)})",
            Function.Floor => $"Math.Floor({Double(0)})",
            Function.Round => $"Math.Round({Double(0)})",
            _ => throw new ArgumentOutOfRangeException(nameof(call), call.Function, "unknown function"),
        };
    }
}
