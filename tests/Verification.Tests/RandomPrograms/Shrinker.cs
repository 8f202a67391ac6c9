using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>
/// Greedy structural shrinking of a failing random model: drop states, locals, parameters and time, replace subtrees by
/// their children or a constant, simplify the shape; keep the first smaller model that still fails, until none does.
/// Candidates of one round are checked together in one compilation.
/// </summary>
internal static class Shrinker
{
    private const int CandidatesPerRound = 60;

    private static readonly ConstantExpr One = new(1.0, false);

    public static (ModelSpec Minimal, string Failure, int Rounds) Shrink(ModelSpec failing, string failure, Func<IReadOnlyList<ModelSpec>, string?[]> check, TimeSpan budget)
    {
        ModelSpec current = failing;
        string why = failure;
        var clock = Stopwatch.StartNew();
        int round = 0;
        while (clock.Elapsed < budget)
        {
            round++;
            List<ModelSpec> candidates = Candidates(current).Take(CandidatesPerRound).Select((c, i) => c with { TypeName = $"Shrunk{round}x{i}" }).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            string?[] results = check(candidates);
            int first = Array.FindIndex(results, r => r is not null);
            if (first < 0)
            {
                break;
            }

            current = candidates[first];
            why = results[first]!;
        }

        return (current with { TypeName = failing.TypeName }, why, round);
    }

    /// <summary>Smaller variants of <paramref name="spec"/>, biggest reductions first.</summary>
    public static IEnumerable<ModelSpec> Candidates(ModelSpec spec)
    {
        Slot[] states = spec.States.ToArray();
        if (states.Length > 1)
        {
            for (int j = 0; j < states.Length; j++)
            {
                int drop = j;
                yield return Without(spec, states[j].Identifier) with
                {
                    Outputs = Without(spec, states[j].Identifier).Outputs.Where((_, i) => i != drop).ToArray(),
                    TupleNames = spec.TupleNames?.Where((_, i) => i != drop).ToArray() is { Length: > 1 } names ? names : null,
                };
            }
        }

        for (int l = 0; l < spec.Locals.Count; l++)
        {
            string name = spec.Locals[l].Identifier;
            ModelSpec replaced = Without(spec, name);
            yield return replaced with { Locals = replaced.Locals.Where(local => local.Identifier != name).ToArray() };
        }

        foreach (Slot slot in spec.Signature.Where(s => s.Kind != SlotKind.State))
        {
            yield return Without(spec, slot.Identifier);
        }

        for (int o = 0; o < spec.Outputs.Count; o++)
        {
            int index = o;
            foreach (Expr smaller in Shrinks(spec.Outputs[o]))
            {
                yield return spec with { Outputs = spec.Outputs.Select((e, i) => i == index ? smaller : e).ToArray() };
            }
        }

        for (int l = 0; l < spec.Locals.Count; l++)
        {
            int index = l;
            foreach (Expr smaller in Shrinks(spec.Locals[l].Value))
            {
                yield return spec with { Locals = spec.Locals.Select((local, i) => i == index ? local with { Value = smaller } : local).ToArray() };
            }
        }

        if (!spec.ExpressionBodied)
        {
            yield return spec with { ExpressionBodied = true };
        }

        if (spec.IsClass)
        {
            yield return spec with { IsClass = false };
        }

        if (spec.TupleNames is not null)
        {
            yield return spec with { TupleNames = null };
        }
    }

    /// <summary>The expression made smaller one step: each node replaced by a child or by 1.</summary>
    public static IEnumerable<Expr> Shrinks(Expr expr)
    {
        if (expr is ConstantExpr { Value: 1.0 })
        {
            yield break;
        }

        foreach (Expr child in Children(expr))
        {
            yield return child;
        }

        if (expr is not (ConstantExpr or VariableExpr))
        {
            yield return One;
        }

        switch (expr)
        {
            case NegateExpr n:
                foreach (Expr s in Shrinks(n.Operand))
                {
                    yield return n with { Operand = s };
                }

                break;
            case BinaryExpr b:
                foreach (Expr s in Shrinks(b.Left))
                {
                    yield return b with { Left = s };
                }

                foreach (Expr s in Shrinks(b.Right))
                {
                    yield return b with { Right = s };
                }

                break;
            case CallExpr c:
                for (int a = 0; a < c.Arguments.Count; a++)
                {
                    int index = a;
                    foreach (Expr s in Shrinks(c.Arguments[a]))
                    {
                        yield return c with { Arguments = c.Arguments.Select((e, i) => i == index ? s : e).ToArray() };
                    }
                }

                break;
            case UserCallExpr u:
                for (int a = 0; a < u.Arguments.Count; a++)
                {
                    int index = a;
                    foreach (Expr s in Shrinks(u.Arguments[a]))
                    {
                        yield return u with { Arguments = u.Arguments.Select((e, i) => i == index ? s : e).ToArray() };
                    }
                }

                break;
            case ConditionalExpr c:
                foreach (Condition s in Shrinks(c.Condition))
                {
                    yield return c with { Condition = s };
                }

                foreach (Expr s in Shrinks(c.WhenTrue))
                {
                    yield return c with { WhenTrue = s };
                }

                foreach (Expr s in Shrinks(c.WhenFalse))
                {
                    yield return c with { WhenFalse = s };
                }

                break;
        }
    }

    private static IEnumerable<Condition> Shrinks(Condition condition)
    {
        switch (condition)
        {
            case LogicalCondition l:
                yield return l.Left;
                yield return l.Right;
                foreach (Condition s in Shrinks(l.Left))
                {
                    yield return l with { Left = s };
                }

                foreach (Condition s in Shrinks(l.Right))
                {
                    yield return l with { Right = s };
                }

                break;
            case NotCondition n:
                yield return n.Operand;
                foreach (Condition s in Shrinks(n.Operand))
                {
                    yield return n with { Operand = s };
                }

                break;
            case CompareCondition c:
                foreach (Expr s in Shrinks(c.Left))
                {
                    yield return c with { Left = s };
                }

                foreach (Expr s in Shrinks(c.Right))
                {
                    yield return c with { Right = s };
                }

                break;
        }
    }

    private static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        NegateExpr n => [n.Operand],
        BinaryExpr b => [b.Left, b.Right],
        CallExpr c => c.Arguments,
        UserCallExpr u => u.Arguments,
        ConditionalExpr c => [c.WhenTrue, c.WhenFalse],
        _ => [],
    };

    /// <summary>The model with a variable removed from the signature and every use of it replaced by 1.</summary>
    private static ModelSpec Without(ModelSpec spec, string identifier) => spec with
    {
        Signature = spec.Signature.Where(s => s.Identifier != identifier).ToArray(),
        Locals = spec.Locals.Select(l => l with { Value = Substitute(l.Value, identifier) }).ToArray(),
        Outputs = spec.Outputs.Select(o => Substitute(o, identifier)).ToArray(),
    };

    private static Expr Substitute(Expr expr, string identifier) => expr switch
    {
        VariableExpr v when v.Identifier == identifier => One,
        NegateExpr n => n with { Operand = Substitute(n.Operand, identifier) },
        BinaryExpr b => b with { Left = Substitute(b.Left, identifier), Right = Substitute(b.Right, identifier) },
        CallExpr c => c with { Arguments = c.Arguments.Select(a => Substitute(a, identifier)).ToArray() },
        UserCallExpr u => u with { Arguments = u.Arguments.Select(a => Substitute(a, identifier)).ToArray() },
        ConditionalExpr c => c with { Condition = Substitute(c.Condition, identifier), WhenTrue = Substitute(c.WhenTrue, identifier), WhenFalse = Substitute(c.WhenFalse, identifier) },
        _ => expr,
    };

    private static Condition Substitute(Condition condition, string identifier) => condition switch
    {
        CompareCondition c => c with { Left = Substitute(c.Left, identifier), Right = Substitute(c.Right, identifier) },
        LogicalCondition l => l with { Left = Substitute(l.Left, identifier), Right = Substitute(l.Right, identifier) },
        NotCondition n => n with { Operand = Substitute(n.Operand, identifier) },
        _ => condition,
    };
}
