using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

public sealed class StiffGradientProbe(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string m in new[] { "Forward", "Checkpointed" })
            {
                foreach (string s in new[] { "Rodas4", "Rodas5P", "Kvaerno5" })
                {
                    data.Add(m, s);
                }
            }

            return data;
        }
    }

    internal static double[] Differences<TModel>(OdeProblem<TModel> problem, double[] theta, double relativeStep)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] D(double r)
        {
            double[] g = new double[theta.Length];
            for (int k = 0; k < theta.Length; k++)
            {
                double[] plus = (double[])theta.Clone();
                double[] minus = (double[])theta.Clone();
                plus[k] *= 1 + r;
                minus[k] *= 1 - r;
                g[k] = (problem.EvaluateLoss(plus) - problem.EvaluateLoss(minus)) / (plus[k] - minus[k]);
            }

            return g;
        }

        double[] coarse = D(relativeStep);
        double[] fine = D(relativeStep / 2);
        for (int k = 0; k < theta.Length; k++)
        {
            fine[k] = ((4 * fine[k]) - coarse[k]) / 3;
        }

        return fine;
    }

    private static double[] Componentwise(double[] a, double[] b)
    {
        double[] e = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            e[i] = Math.Abs(a[i] - b[i]) / Math.Abs(b[i]);
        }

        return e;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probe_FixedRobertson(string method, string solver)
    {
        double[] times = [0.1, 1.0];
        double[] k = [0.04, 3e7, 1e4];
        Dataset truth = Dataset.Generate<GeneratedRobertson>([1.0, 0.0, 0.0], k, times, OdeSolver.Rodas5P(1e-10, 1e-14), 1e-3, 5);
        double[] theta = [0.05, 2.5e7, 1.2e4];
        OdeSolver fixedSolver = solver switch
        {
            "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, 1000),
            "Rodas5P" => OdeSolver.Fixed(ImplicitTableaus.Rodas5P, 1000),
            _ => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 1000, 1e-10, 1e-14),
        };
        var problem = new TrajectoryProblem<GeneratedRobertson>(truth, fixedSolver, AllocationTests.MethodByName(method), 1);
        double[] fd = Differences(problem, theta, 1e-3);
        GradientResult r = problem.Gradient(theta);
        output.WriteLine($"{method} {solver} fixed: grad {GradientChecks.Format(r.Gradient)} fd {GradientChecks.Format(fd)} rel {GradientChecks.Format(Componentwise(r.Gradient.ToArray(), fd))} {r.Statistics}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probe_VanDerPol(string method, string solver)
    {
        double[] times = [0.5, 1.0];
        Dataset truth = Dataset.Generate<GeneratedVanDerPol>([2.0, 0.0], [1000.0], times, OdeSolver.Rodas5P(1e-10, 1e-14), 1e-3, 5);
        double[] theta = [900.0];
        var reference = new TrajectoryProblem<GeneratedVanDerPol>(truth, StiffSolverTests.Adaptive(solver, 1e-11, 1e-15), AllocationTests.MethodByName(method), 1);
        double[] fd = Differences(reference, theta, 1e-3);
        foreach (double rtol in new[] { 1e-8, 1e-10 })
        {
            var problem = new TrajectoryProblem<GeneratedVanDerPol>(truth, StiffSolverTests.Adaptive(solver, rtol, rtol * 1e-4), AllocationTests.MethodByName(method), 1);
            GradientResult r = problem.Gradient(theta);
            output.WriteLine($"VDP {method} {solver} rtol {rtol}: grad {GradientChecks.Format(r.Gradient)} fd {GradientChecks.Format(fd)} rel {GradientChecks.Format(Componentwise(r.Gradient.ToArray(), fd))} {r.Statistics}");
        }

        OdeSolver fixedSolver = solver switch
        {
            "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, 100),
            "Rodas5P" => OdeSolver.Fixed(ImplicitTableaus.Rodas5P, 100),
            _ => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 100, 1e-13, 1e-16),
        };
        var fixedProblem = new TrajectoryProblem<GeneratedVanDerPol>(truth, fixedSolver, AllocationTests.MethodByName(method), 1);
        double[] fixedFd = Differences(fixedProblem, theta, 1e-3);
        GradientResult f = fixedProblem.Gradient(theta);
        output.WriteLine($"VDP fixed {method} {solver}: grad {GradientChecks.Format(f.Gradient)} fd {GradientChecks.Format(fixedFd)} rel {GradientChecks.Format(Componentwise(f.Gradient.ToArray(), fixedFd))} {f.Statistics}");
    }

    [Theory]
    [InlineData("Rodas5P")]
    [InlineData("Kvaerno5")]
    public void Probe_PrFixed(string solver)
    {
        double lambda = -1e3;
        double[] times = [1e-3, 3e-3, 0.5];
        double[] targets = [0.3, 0.1, 0.4];
        Dataset data = Dataset.Create(1, [1.0], times, targets);
        foreach (int steps in new[] { 500, 2000 })
        {
            OdeSolver fixedSolver = solver == "Rodas5P" ? OdeSolver.Fixed(ImplicitTableaus.Rodas5P, steps) : OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, steps, 1e-12, 1e-14);
            var problem = new TrajectoryProblem<GeneratedProtheroRobinson>(data, fixedSolver, new ForwardSensitivity(), 1);
            double[] fd = Differences(problem, [lambda], 1e-4);
            GradientResult r = problem.Gradient([lambda]);
            double g = 0;
            for (int k = 0; k < 3; k++)
            {
                double t = times[k];
                double y = Math.Sin(t) + Math.Exp(lambda * t);
                g += (y - targets[k]) * t * Math.Exp(lambda * t) / 3.0;
            }

            output.WriteLine($"PR fixed {solver} {steps}: grad {r.Gradient[0]:R} fd {fd[0]:R} analytic {g:R} rel-fd {Math.Abs(r.Gradient[0] - fd[0]) / Math.Abs(fd[0]):E2} rel-analytic {Math.Abs(r.Gradient[0] - g) / Math.Abs(g):E2}");
        }
    }
}
