using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The stiff workloads of the SciPy comparison (<c>benchmarks/peers/scipy_stiff.py</c> solves the same problems):
/// Robertson from (1, 0, 0) to t = 1e5 and Van der Pol (μ = 1 000, vdp1000 form) from (2, 0) on [0, 2 000], with
/// Rodas5P, Rodas4 and Kvaerno5 at rtol 1e-6 and 1e-8; one forward solve per operation. The setup prints each cell's
/// work counts and its relative error against the references of the runtime tests, and Dormand–Prince's count (or
/// failure) with a step budget on the same problem; <c>--stiff-counts FILE</c> writes the same as JSON.
/// </summary>
public class StiffBenchmarks
{
    /// <summary>The explicit comparison's step budget: 20× the default, far above Van der Pol's ~1.2 million steps.</summary>
    public const int Dopri5StepBudget = 2_000_000;

    private double[] _final = null!;
    private Func<double[], SolverStatistics> _solve = null!;

    /// <summary>Gets or sets the problem: <c>Robertson</c> or <c>VanDerPol</c>.</summary>
    [Params("Robertson", "VanDerPol")]
    public string Problem { get; set; } = "Robertson";

    /// <summary>Gets or sets the implicit method: <c>Rodas5P</c>, <c>Rodas4</c> or <c>Kvaerno5</c>.</summary>
    [Params("Rodas5P", "Rodas4", "Kvaerno5")]
    public string Method { get; set; } = "Rodas5P";

    /// <summary>Gets or sets the relative tolerance (the absolute one follows from it, see <see cref="AbsoluteTolerance"/>).</summary>
    [Params(1e-6, 1e-8)]
    public double Rtol { get; set; } = 1e-6;

    /// <summary>
    /// The absolute tolerance: the runtime tests' choice at rtol 1e-8 scaled with rtol — Robertson atol = 1e-6·rtol
    /// (B peaks at 3.6e-5 and ends at 7e-8, so atol must sit far below it), Van der Pol atol = 1e-2·rtol.
    /// </summary>
    /// <param name="problem">The problem name.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <returns>The absolute tolerance.</returns>
    public static double AbsoluteTolerance(string problem, double rtol) => problem == "Robertson" ? 1e-6 * rtol : 1e-2 * rtol;

    /// <summary>Gets the end time of a problem.</summary>
    /// <param name="problem">The problem name.</param>
    /// <returns>1e5 for Robertson, 2 000 for Van der Pol.</returns>
    public static double Horizon(string problem) => problem == "Robertson" ? 1e5 : 2_000.0;

    /// <summary>
    /// Gets the reference solution at <see cref="Horizon"/>, the runtime tests' values (SciPy 1.10.1 Radau with the exact
    /// Jacobian at rtol 1e-13, atol 1e-16 resp. 1e-15; see tests/Runtime.Tests/Solvers/StiffSolverTests.cs).
    /// </summary>
    /// <param name="problem">The problem name.</param>
    /// <returns>The reference final state.</returns>
    public static double[] Reference(string problem) => problem == "Robertson"
        ? [0.017865921142103402, 7.274751468437972e-08, 0.982134006110379]
        : [1.7061677321704731, -0.0008928097010248079];

    /// <summary>Creates a solver by name.</summary>
    /// <param name="method">Rodas5P, Rodas4, Kvaerno5 or Dopri5 (with <see cref="Dopri5StepBudget"/>).</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Solver(string method, double rtol, double atol) => method switch
    {
        "Rodas5P" => OdeSolver.Rodas5P(rtol, atol),
        "Rodas4" => OdeSolver.Rodas4(rtol, atol),
        "Kvaerno5" => OdeSolver.Kvaerno5(rtol, atol),
        "Dopri5" => OdeSolver.Adaptive(Tableaus.DormandPrince54, rtol, atol, maxSteps: Dopri5StepBudget),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    /// <summary>Builds one forward solve of a problem with a solver, writing the final state into its argument.</summary>
    /// <param name="problem">The problem name.</param>
    /// <param name="solver">The solver.</param>
    /// <returns>The solve.</returns>
    public static Func<double[], SolverStatistics> CreateSolve(string problem, OdeSolver solver)
    {
        double horizon = Horizon(problem);
        if (problem == "Robertson")
        {
            var robertson = new OdeIntegrator<Robertson>(solver);
            double[] x0 = [1.0, 0.0, 0.0];
            double[] k = [0.04, 3e7, 1e4];
            return final => robertson.Solve(0.0, horizon, x0, k, final);
        }

        var vanDerPol = new OdeIntegrator<VanDerPolStiff>(solver);
        double[] y0 = [2.0, 0.0];
        double[] mu = [1_000.0];
        return final => vanDerPol.Solve(0.0, horizon, y0, mu, final);
    }

    /// <summary>The largest componentwise relative error against <see cref="Reference"/>.</summary>
    /// <param name="problem">The problem name.</param>
    /// <param name="final">The computed final state.</param>
    /// <returns>max_i |y_i − ref_i| / |ref_i|.</returns>
    public static double RelativeError(string problem, double[] final)
    {
        double[] reference = Reference(problem);
        double largest = 0.0;
        for (int i = 0; i < reference.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(final[i] - reference[i]) / Math.Abs(reference[i]));
        }

        return largest;
    }

    /// <summary>Solves one cell once and describes its work and accuracy (or, for Dopri5, its failure).</summary>
    /// <param name="problem">The problem name.</param>
    /// <param name="method">The method name (see <see cref="Solver"/>).</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <returns>The counts, keyed as <c>ratio_table.py</c> reads them.</returns>
    public static Dictionary<string, object> Count(string problem, string method, double rtol)
    {
        double atol = AbsoluteTolerance(problem, rtol);
        var row = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["problem"] = problem,
            ["method"] = method,
            ["rtol"] = rtol,
            ["atol"] = atol,
        };
        double[] final = new double[Reference(problem).Length];
        try
        {
            SolverStatistics s = CreateSolve(problem, Solver(method, rtol, atol))(final);
            row["steps"] = s.Steps;
            row["rejected"] = s.RejectedSteps;
            row["nfev"] = s.FunctionEvaluations;
            row["njev"] = s.JacobianEvaluations;
            row["nlu"] = s.Factorizations;
            row["newton"] = s.NewtonIterations;
            row["relative_error"] = RelativeError(problem, final);
        }
        catch (OdeSolverException exception)
        {
            row["failure"] = string.Create(
                CultureInfo.InvariantCulture, $"{exception.Reason} at t = {exception.Time:G4} (looks stiff: {exception.LooksStiff})");
        }

        return row;
    }

    /// <summary>Describes a <see cref="Count"/> row in one line.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The line.</returns>
    public static string Describe(IReadOnlyDictionary<string, object> row) => row.TryGetValue("failure", out object? failure)
        ? string.Create(CultureInfo.InvariantCulture, $"{row["problem"]} {row["method"]} rtol {row["rtol"]} atol {row["atol"]}: failed, {failure}")
        : string.Create(CultureInfo.InvariantCulture,
            $"{row["problem"]} {row["method"]} rtol {row["rtol"]} atol {row["atol"]}: {row["steps"]} steps, {row["rejected"]} rejected, {row["nfev"]} f, {row["njev"]} Jacobians, {row["nlu"]} LUs, {row["newton"]} Newton iterations, relative error {row["relative_error"]:E2}");

    /// <summary>Counts every cell of the benchmark plus Dopri5 on each problem and tolerance, and writes them as JSON.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>0.</returns>
    public static int WriteCounts(string path)
    {
        var rows = new List<Dictionary<string, object>>();
        foreach (string problem in new[] { "Robertson", "VanDerPol" })
        {
            foreach (double rtol in new[] { 1e-6, 1e-8 })
            {
                foreach (string method in new[] { "Rodas5P", "Rodas4", "Kvaerno5", "Dopri5" })
                {
                    Dictionary<string, object> row = Count(problem, method, rtol);
                    Console.WriteLine(Describe(row));
                    rows.Add(row);
                }
            }
        }

        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object> { ["dopri5_step_budget"] = Dopri5StepBudget, ["rows"] = rows }));
        return 0;
    }

    /// <summary>Builds the solve and prints the cell's counts and accuracy (and Dopri5's, once per problem and tolerance).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _final = new double[Reference(Problem).Length];
        _solve = CreateSolve(Problem, Solver(Method, Rtol, AbsoluteTolerance(Problem, Rtol)));
        Console.WriteLine("// " + Describe(Count(Problem, Method, Rtol)));
        if (Method == "Rodas5P")
        {
            Console.WriteLine("// " + Describe(Count(Problem, "Dopri5", Rtol)));
        }
    }

    /// <summary>One forward solve.</summary>
    /// <returns>The first component of the final state.</returns>
    [Benchmark]
    public double Solve()
    {
        _solve(_final);
        return _final[0];
    }
}
