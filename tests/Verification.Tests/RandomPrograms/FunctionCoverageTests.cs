using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>The random programs' guarded calls, together, call every function of the generator's table.</summary>
public sealed class FunctionCoverageTests
{
    [Fact]
    public void GuardedCalls_Rendered_CallEveryBuiltInFunction()
    {
        Expr[] arguments = [new VariableExpr("x"), new VariableExpr("y"), new VariableExpr("z")];
        string rendered = string.Join(
            "\n",
            Enum.GetValues<Function>().Select(f => CSharpRenderer.Render(new CallExpr(f, arguments[..Arity(f)]))));
        string[] called = Regex.Matches(rendered, @"Math\.(\w+)\(").Select(m => m.Groups[1].Value).Distinct().ToArray();

        Assert.All(Generator.Ir.Functions.All, f => Assert.Contains(f.Name, called));
    }

    private static int Arity(Function function) => function switch
    {
        Function.FusedMultiplyAdd => 3,
        Function.Max or Function.Min or Function.PowOfOnePlusSquare or Function.DivideByOnePlusSquare or Function.DivideByTwoPlusCos
            or Function.Atan2 or Function.Clamp => 2,
        _ => 1,
    };
}
