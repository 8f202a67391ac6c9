using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>
/// Checks a generated model three independent ways: SymPy differentiates <see cref="OdeModelInfo.RightHandSide"/> and
/// proves each generated Jacobian entry equal to its own derivative; SymPy's derivatives, evaluated at random points,
/// are compared with the compiled Jacobians, the Jacobian/vector products and <c>EvaluateDual</c>; and central finite
/// differences of the compiled <c>Evaluate</c> are a sanity floor.
/// </summary>
public sealed class ModelVerifier
{
    private readonly ISymbolicOracle _oracle;
    private readonly VerificationOptions _options;

    /// <summary>Creates a verifier that uses <paramref name="oracle"/> (not owned: the caller disposes it).</summary>
    public ModelVerifier(ISymbolicOracle oracle, VerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        _oracle = oracle;
        _options = options ?? new VerificationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PointCount, 1, nameof(options) + "." + nameof(VerificationOptions.PointCount));
        if (!(_options.StateMinimum <= _options.StateMaximum) || !(_options.ParameterMinimum <= _options.ParameterMaximum) || !(_options.TimeMinimum <= _options.TimeMaximum))
        {
            throw new ArgumentException(
                $"Sampling ranges must be ordered: states [{_options.StateMinimum}, {_options.StateMaximum}], parameters [{_options.ParameterMinimum}, {_options.ParameterMaximum}], time [{_options.TimeMinimum}, {_options.TimeMaximum}].",
                nameof(options));
        }
    }

    /// <summary>Verifies a model known at compile time.</summary>
    public VerificationReport Verify<TModel>()
        where TModel : IOdeModel<TModel> => Verify(new ModelFunctions<TModel>());

    /// <summary>Verifies a model type known only at run time (e.g. loaded from an assembly compiled in memory).</summary>
    /// <param name="modelType">A type that implements <see cref="IOdeModel{TSelf}"/> of itself.</param>
    /// <exception cref="ArgumentException"><paramref name="modelType"/> does not implement <c>IOdeModel&lt;modelType&gt;</c>.</exception>
    public VerificationReport Verify(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        if (modelType.IsGenericTypeDefinition || !Array.Exists(modelType.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOdeModel<>) && i.GenericTypeArguments[0] == modelType))
        {
            throw new ArgumentException($"Type '{modelType.FullName}' does not implement IOdeModel<{modelType.Name}>.", nameof(modelType));
        }

        var functions = (IModelFunctions)Activator.CreateInstance(typeof(ModelFunctions<>).MakeGenericType(modelType))!;
        return Verify(functions);
    }

    private static string Names(IReadOnlyList<string> names) => string.Join(", ", names);

    private VerificationReport Verify(IModelFunctions model)
    {
        var problems = new List<string>();
        OdeModelInfo info;
        try
        {
            info = model.Info;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"Reading Info threw {e.GetType().Name}: {e.Message}");
            return new VerificationReport(model.TypeName, _oracle.Description, null, [], [], problems);
        }

        int n = model.StateCount;
        int m = model.ParameterCount;
        if (info.StateCount != n || info.ParameterCount != m)
        {
            problems.Add($"Info has {info.StateCount} state(s) ({Names(info.StateNames)}) and {info.ParameterCount} parameter(s) ({Names(info.ParameterNames)}), but StateCount = {n} and ParameterCount = {m}.");
            return new VerificationReport(model.TypeName, _oracle.Description, info, [], [], problems);
        }

        var evaluator = new ModelEvaluator(model, info.TimeName is not null);
        IReadOnlyList<IReadOnlyList<double>> points = _options.Points ?? SamplePoints(evaluator, n, m, info.TimeName is not null, problems);
        if (points.Count == 0)
        {
            return new VerificationReport(model.TypeName, _oracle.Description, info, points, [], problems);
        }

        if (LoopModelCheck.HasNoSymbolicForms(info))
        {
            return VerifyLoops(model, info, points, problems);
        }

        // Functions with hand-written derivatives: the derivative methods against central differences of the functions.
        List<CustomDerivativeCheck> custom;
        try
        {
            custom = CustomDerivativeCheck.CheckAll(model.ModelType, info, _options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"Checking the hand-written derivatives threw {e.GetType().Name}: {(e.InnerException ?? e).Message}");
            custom = [];
        }

        foreach (CustomDerivativeCheck check in custom)
        {
            if (!check.Passed)
            {
                problems.Add($"Hand-written derivative {check.Derivative} of {check.Function} disagrees with central differences: {check.Mismatch ?? "no point compared"}");
            }
        }

        SymbolicModelCheck symbolic;
        try
        {
            symbolic = _oracle.CheckModel(info, points);
        }
        catch (SymbolicOracleException e)
        {
            problems.Add(e.Message);
            return new VerificationReport(model.TypeName, _oracle.Description, info, points, [], problems);
        }

        var numeric = new NumericDerivatives[points.Count];
        for (int p = 0; p < points.Count; p++)
        {
            numeric[p] = evaluator.Differentiate(points[p]);
        }

        var entries = new List<EntryReport>(n + symbolic.Entries.Count);
        for (int i = 0; i < n; i++)
        {
            var compiled = new PathErrorAccumulator(_options.AbsoluteTolerance, _options.RelativeTolerance);
            var dual = new PathErrorAccumulator(_options.AbsoluteTolerance, _options.RelativeTolerance);
            bool opaque = CallsUserCode(info.RightHandSide[i]);
            for (int p = 0; p < points.Count; p++)
            {
                // SymPy cannot evaluate user code: there the compiled value is the reference of the dual path.
                double reference = opaque ? numeric[p].Value[i] : symbolic.RightHandSideValues[p][i];
                if (!opaque)
                {
                    compiled.Add(numeric[p].Value[i], reference);
                }

                dual.Add(numeric[p].DualValue[i], reference);
            }

            entries.Add(new EntryReport(
                new DerivativeEntry(DerivativeKind.RightHandSide, i, 0, info.StateNames[i], null),
                info.RightHandSide[i], "", SymbolicVerdict.NotApplicable, "",
                opaque ? PathError.NotApplicable : compiled.ToPathError(), PathError.NotApplicable, dual.ToPathError(), PathError.NotApplicable));
        }

        foreach (SymbolicEntryCheck check in symbolic.Entries)
        {
            int i = check.Entry.Row;
            int v = check.Entry.Kind == DerivativeKind.State ? check.Entry.Column : n + check.Entry.Column;
            var compiled = new PathErrorAccumulator(_options.AbsoluteTolerance, _options.RelativeTolerance);
            var products = new PathErrorAccumulator(_options.AbsoluteTolerance, _options.RelativeTolerance);
            var dual = new PathErrorAccumulator(_options.AbsoluteTolerance, _options.RelativeTolerance);
            var differences = new PathErrorAccumulator(_options.FiniteDifferenceAbsoluteTolerance, _options.FiniteDifferenceRelativeTolerance);
            if (CallsUserCode(check.Claimed) || CallsUserCode(info.RightHandSide[i]))
            {
                entries.Add(CheckAgainstDifferences(check, numeric, i, v));
                continue;
            }

            for (int p = 0; p < points.Count; p++)
            {
                double reference = check.ReferenceValues[p];
                NumericDerivatives d = numeric[p];
                compiled.Add(d.Jacobian[i, v], reference);
                products.Add(d.JacobianVectorProduct[i, v], reference);
                products.Add(d.VectorJacobianProduct[i, v], reference);
                dual.Add(d.Dual[i, v], reference);
                if (d.FiniteDifferenceReliable[i, v])
                {
                    differences.Add(d.FiniteDifference[i, v], reference);
                }
                else
                {
                    differences.Skip();
                }
            }

            entries.Add(new EntryReport(
                check.Entry, check.Claimed, check.Reference, check.Verdict, check.Detail,
                compiled.ToPathError(), products.ToPathError(), dual.ToPathError(), differences.ToPathError(), _options.AcceptNumericEquality));
        }

        return new VerificationReport(model.TypeName, _oracle.Description, info, points, entries, problems) { CustomDerivatives = custom };
    }

    /// <summary>
    /// A model whose loops are kept: every size by dual numbers and central differences (<see cref="LoopModelCheck"/>), and
    /// SymPy on the same program at the small sizes of its generated <c>SymbolicCheck</c> type, when the model asks for
    /// one (<see cref="DynamicsAttribute.SymbolicCheckSizes"/>).
    /// </summary>
    private VerificationReport VerifyLoops(IModelFunctions model, OdeModelInfo info, IReadOnlyList<IReadOnlyList<double>> points, List<string> problems)
    {
        List<EntryReport> entries;
        try
        {
            entries = new LoopModelCheck(model, info, _options).Check(points);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"Checking the loop model threw {e.GetType().Name}: {e.Message}");
            entries = [];
        }

        VerificationReport? small = null;
        Type? smallType = SymbolicCheckType(model.ModelType);
        if (smallType is not null)
        {
            small = Verify(smallType);
        }

        return new VerificationReport(model.TypeName, _oracle.Description, info, points, entries, problems)
        {
            SymbolicFormsWritten = false,
            SymbolicCheck = small,
        };
    }

    /// <summary>The name of the nested type the generator emits for <see cref="DynamicsAttribute.SymbolicCheckSizes"/>.</summary>
    public const string SymbolicCheckTypeName = "SymbolicCheck";

    /// <summary>The small-size model generated from the same method (<see cref="DynamicsAttribute.SymbolicCheckSizes"/>), or null.</summary>
    public static Type? SymbolicCheckType(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        Type? nested = modelType.GetNestedType(SymbolicCheckTypeName, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic);
        return nested is not null && Array.Exists(nested.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOdeModel<>) && i.GenericTypeArguments[0] == nested)
            ? nested
            : null;
    }

    /// <summary>Whether a symbolic form calls a function with a hand-written derivative, which SymPy cannot evaluate.</summary>
    private static bool CallsUserCode(string form) => form.Contains("user_", StringComparison.Ordinal);

    /// <summary>
    /// An entry whose forms call user code: SymPy checks the chain rule symbolically (the partials are undefined
    /// functions), and the compiled, product and dual paths are compared with central differences of the compiled
    /// right-hand side (the reference SymPy cannot compute), with the finite-difference tolerances.
    /// </summary>
    private EntryReport CheckAgainstDifferences(SymbolicEntryCheck check, NumericDerivatives[] numeric, int i, int v)
    {
        var compiled = new PathErrorAccumulator(_options.FiniteDifferenceAbsoluteTolerance, _options.FiniteDifferenceRelativeTolerance);
        var products = new PathErrorAccumulator(_options.FiniteDifferenceAbsoluteTolerance, _options.FiniteDifferenceRelativeTolerance);
        var dual = new PathErrorAccumulator(_options.FiniteDifferenceAbsoluteTolerance, _options.FiniteDifferenceRelativeTolerance);
        foreach (NumericDerivatives d in numeric)
        {
            if (!d.FiniteDifferenceReliable[i, v])
            {
                compiled.Skip();
                products.Skip();
                dual.Skip();
                continue;
            }

            double reference = d.FiniteDifference[i, v];
            compiled.Add(d.Jacobian[i, v], reference);
            products.Add(d.JacobianVectorProduct[i, v], reference);
            products.Add(d.VectorJacobianProduct[i, v], reference);
            dual.Add(d.Dual[i, v], reference);
        }

        return new EntryReport(
            check.Entry, check.Claimed, check.Reference, check.Verdict, check.Detail + " (calls user code: numeric paths against central differences)",
            compiled.ToPathError(), products.ToPathError(), dual.ToPathError(), PathError.NotApplicable, _options.AcceptNumericEquality);
    }

    private List<IReadOnlyList<double>> SamplePoints(ModelEvaluator evaluator, int n, int m, bool hasTime, List<string> problems)
    {
        var random = new Random(_options.Seed);
        var points = new List<IReadOnlyList<double>>(_options.PointCount);
        int attempts = 0;
        int maxAttempts = 20 * _options.PointCount;
        while (points.Count < _options.PointCount && attempts++ < maxAttempts)
        {
            double[] point = new double[n + m + (hasTime ? 1 : 0)];
            for (int j = 0; j < n; j++)
            {
                point[j] = Uniform(random, _options.StateMinimum, _options.StateMaximum);
            }

            for (int k = 0; k < m; k++)
            {
                point[n + k] = Uniform(random, _options.ParameterMinimum, _options.ParameterMaximum);
            }

            if (hasTime)
            {
                point[n + m] = Uniform(random, _options.TimeMinimum, _options.TimeMaximum);
            }

            // Points outside the model's domain (log of a negative, division by zero) say nothing about derivatives.
            if (evaluator.IsFinite(point))
            {
                points.Add(point);
            }
        }

        if (points.Count == 0)
        {
            problems.Add($"No point in {maxAttempts} samples had a finite right-hand side: widen or move the sampling ranges in {nameof(VerificationOptions)}.");
        }

        return points;
    }

    private static double Uniform(Random random, double minimum, double maximum) => minimum + ((maximum - minimum) * random.NextDouble());
}
