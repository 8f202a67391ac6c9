using System;
using System.Collections.Generic;
using CsCheck;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>CsCheck generators of random valid [Dynamics] models.</summary>
internal static class ModelGenerators
{
    /// <summary>
    /// Identifiers users write, including ones that collide with SymPy/Python names (gamma, lambda, E, I, S, N, pi, sign,
    /// exp), with the generator's emitted names (state, parameters, time, derivative, s0, x, p, t), and C# keywords.
    /// </summary>
    private static readonly string[] NamePool =
    [
        "x", "y", "z", "u", "v", "w", "p", "q", "prey", "predator", "alpha", "beta", "gamma", "delta", "lambda", "mu",
        "E", "I", "S", "N", "pi", "sign", "exp", "state", "parameters", "time", "derivative", "dstate", "s0", "t0", "@double", "@in", "@is",
    ];

    private static readonly string[] TimePool = ["t", "tau", "T", "tt"];

    private static readonly string[] LocalPool = ["a0", "b1", "c2", "temp", "rate", "t"];

    private static readonly Function[] Unary =
    [
        Function.Sin, Function.Cos, Function.Atan, Function.Tanh, Function.Abs, Function.ExpOfSin, Function.ExpOfTanh,
        Function.LogOfOnePlusSquare, Function.LogOfTwoPlusCos, Function.SqrtOfOnePlusSquare, Function.Square, Function.Cube,
        Function.PowConstantBase, Function.TanOfTanh, Function.SinhOfSin, Function.CoshOfCos,
        Function.Asinh, Function.AcoshOfTwoPlusSquare, Function.AtanhOfHalfTanh, Function.AsinOfHalfSin, Function.AcosOfHalfCos,
        Function.Log2OfOnePlusSquare, Function.Log10OfTwoPlusCos, Function.CbrtOfNegative, Function.Sign, Function.Floor, Function.Round,
    ];

    private static readonly Function[] Binary =
    [
        Function.Max, Function.Min, Function.PowOfOnePlusSquare, Function.DivideByOnePlusSquare, Function.DivideByTwoPlusCos,
        Function.Atan2, Function.Clamp,
    ];

    private static readonly Function[] Ternary = [Function.FusedMultiplyAdd];

    /// <summary>Parameter names of the random [Differentiable] functions (their own scope: they may repeat the model's names).</summary>
    private static readonly string[] FunctionParameterPool = ["a", "b", "x", "k"];

    private static readonly string[] Comparisons = ["<", "<=", ">", ">=", "==", "!="];

    private static readonly Gen<Expr> Constants = Gen.Frequency(
        (3, Gen.OneOf(0.5, 1.0, 2.0, 3.0, 0.25, 1.5, 0.1, 0.3).Select(v => (Expr)new ConstantExpr(v, false))),
        (2, Gen.Int[-300, 300].Select(v => (Expr)new ConstantExpr(v / 100.0, false))),
        (2, Gen.Int[-3, 5].Select(v => (Expr)new ConstantExpr(v, true))));

    /// <summary>A random model named <paramref name="typeName"/>.</summary>
    public static Gen<ModelSpec> Model(string typeName) =>
        from n in Gen.Int[1, 3]
        from m in Gen.Int[0, 3]
        from hasTime in Gen.Bool
        from names in Gen.Shuffle(NamePool, n + m)
        from timeName in Gen.OneOf(TimePool)
        from roles in Gen.Shuffle(Roles(n, m, hasTime))
        from isClass in Gen.Bool
        from localCount in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 2]))
        from expressionBodied in Gen.Bool
        from tupleNames in Gen.Bool
        from functions in Functions()
        from spec in Body(typeName, isClass, Signature(roles, names, timeName), localCount, expressionBodied, tupleNames, functions)
        select spec with { Functions = functions.Length == 0 ? null : functions };

    /// <summary>
    /// No [Differentiable] functions in two models of three; else one or two, each of one or two parameters, a body of
    /// depth 2 that may call the functions before it, and sometimes a local (a block body, inlined with renamed locals).
    /// </summary>
    private static Gen<FunctionSpec[]> Functions()
    {
        Gen<FunctionSpec[]> none = Gen.Const(Array.Empty<FunctionSpec>());
        Gen<FunctionSpec[]> some = Gen.Int[1, 2].SelectMany(count =>
        {
            Gen<FunctionSpec[]> functions = none;
            for (int i = 0; i < count; i++)
            {
                functions = from previous in functions
                            from arity in Gen.Int[1, 2]
                            from parameters in Gen.Shuffle(FunctionParameterPool, arity)
                            from hasLocal in Gen.Bool
                            from local in Expression(parameters, 2, previous)
                            from value in Expression(hasLocal ? [.. parameters, "h"] : parameters, 2, previous)
                            select previous.Append(new FunctionSpec(parameters, hasLocal ? [new LocalSpec("h", local)] : [], value)).ToArray();
            }

            return functions;
        });
        return Gen.Frequency((2, none), (1, some));
    }

    private static SlotKind[] Roles(int n, int m, bool hasTime) =>
        Enumerable.Repeat(SlotKind.State, n).Concat(Enumerable.Repeat(SlotKind.Parameter, m)).Concat(hasTime ? [SlotKind.Time] : []).ToArray();

    /// <summary>The declaration: roles in the shuffled order; states and parameters named in their own order.</summary>
    private static List<Slot> Signature(SlotKind[] roles, string[] names, string timeName)
    {
        int n = roles.Count(r => r == SlotKind.State);
        int state = 0;
        int parameter = 0;
        var slots = new List<Slot>(roles.Length);
        foreach (SlotKind role in roles)
        {
            slots.Add(new Slot(role, role switch
            {
                SlotKind.State => names[state++],
                SlotKind.Parameter => names[n + parameter++],
                _ => timeName,
            }));
        }

        return slots;
    }

    private static Gen<ModelSpec> Body(
        string typeName, bool isClass, List<Slot> signature, int localCount, bool expressionBodied, bool tupleNames, FunctionSpec[] functions)
    {
        string[] variables = signature.Select(s => s.Identifier).ToArray();
        string[] locals = LocalPool.Where(l => !variables.Contains(l)).Take(localCount).ToArray();
        int n = signature.Count(s => s.Kind == SlotKind.State);
        Gen<LocalSpec[]> localGen = Gen.Const(Array.Empty<LocalSpec>());
        for (int i = 0; i < locals.Length; i++)
        {
            int index = i;
            string[] visible = variables.Concat(locals.Take(index)).ToArray();
            localGen = from previous in localGen
                       from value in Expression(visible, 2, functions)
                       select previous.Append(new LocalSpec(locals[index], value)).ToArray();
        }

        string[] all = variables.Concat(locals).ToArray();
        return from localSpecs in localGen
               from outputs in Expression(all, 3, functions).Array[n]
               select new ModelSpec(
                   typeName,
                   isClass,
                   signature,
                   localSpecs,
                   outputs,
                   expressionBodied,
                   tupleNames && n > 1 ? Enumerable.Range(0, n).Select(i => "D" + signature.Where(s => s.Kind == SlotKind.State).ElementAt(i).Identifier.TrimStart('@')).ToArray() : null);
    }

    /// <summary>Random expressions over <paramref name="variables"/> of at most <paramref name="depth"/> levels.</summary>
    public static Gen<Expr> Expression(string[] variables, int depth) => Expression(variables, depth, []);

    /// <summary>Random expressions that may also call the given [Differentiable] functions (by index).</summary>
    public static Gen<Expr> Expression(string[] variables, int depth, FunctionSpec[] functions)
    {
        Gen<Expr> leaf = variables.Length == 0
            ? Constants
            : Gen.Frequency((3, Gen.OneOf(variables).Select(v => (Expr)new VariableExpr(v))), (1, Constants));
        if (depth == 0)
        {
            return leaf;
        }

        Gen<Expr> sub = Expression(variables, depth - 1, functions);
        Gen<Condition> compare = Gen.Select(Gen.OneOf(Comparisons), sub, sub, (op, a, b) => (Condition)new CompareCondition(op, a, b));
        Gen<Condition> condition = Gen.Frequency(
            (4, compare),
            (1, Gen.Select(Gen.OneOf("&&", "||"), compare, compare, (op, a, b) => (Condition)new LogicalCondition(op, a, b))),
            (1, compare.Select(c => (Condition)new NotCondition(c))));
        return Gen.Frequency(
            (3, leaf),
            (1, sub.Select(a => (Expr)new NegateExpr(a))),
            (6, Gen.Select(Gen.OneOf('+', '-', '*'), sub, sub, (op, a, b) => (Expr)new BinaryExpr(op, a, b))),
            (1, Gen.Select(sub, Gen.OneOf(2.0, 4.0, 0.5), (a, d) => (Expr)new BinaryExpr('/', a, new ConstantExpr(d, false)))),
            (4, Gen.Select(Gen.OneOf(Unary), sub, (f, a) => (Expr)new CallExpr(f, [a]))),
            (2, Gen.Select(Gen.OneOf(Binary), sub, sub, (f, a, b) => (Expr)new CallExpr(f, [a, b]))),
            (1, Gen.Select(Gen.OneOf(Ternary), sub, sub, sub, (f, a, b, c) => (Expr)new CallExpr(f, [a, b, c]))),
            (1, Gen.Select(condition, sub, sub, (c, a, b) => (Expr)new ConditionalExpr(c, a, b))),
            (functions.Length == 0 ? 0 : 3, UserCall(sub, functions)));
    }

    private static Gen<Expr> UserCall(Gen<Expr> argument, FunctionSpec[] functions) =>
        functions.Length == 0
            ? Constants
            : Gen.Int[0, functions.Length - 1].SelectMany(index =>
                argument.Array[functions[index].Parameters.Count].Select(arguments => (Expr)new UserCallExpr(index, arguments)));
}
