using System;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// torchdiffeq's <c>LinearODE</c> (<c>tests/problems.py</c>): <c>ẏ = A y</c> in 10 dimensions with the 100 entries of
/// <c>A</c> (row-major) as parameters; exact solution <c>expm(A·t)·1</c> (the ones vector at t = 0). torchdiffeq draws
/// <c>A = 2U − (U + Uᵀ) = U − Uᵀ</c> with <c>U = 0.1·randn</c>; <see cref="SampleMatrix"/> does the same with a seeded
/// generator of ours (torch's stream cannot be reproduced here), so <c>A</c> is antisymmetric as theirs.
/// </summary>
public struct LinearOde : IOdeModel<LinearOde>
{
    public const int Dimension = 10;

    public static int StateCount => Dimension;

    public static int ParameterCount => Dimension * Dimension;

    public static OdeModelInfo Info { get; } = new(
        "LinearOde",
        Enumerable.Range(0, Dimension).Select(i => $"y{i}").ToArray(),
        Enumerable.Range(0, Dimension * Dimension).Select(k => $"a{k / Dimension}_{k % Dimension}").ToArray(),
        null,
        Enumerable.Range(0, Dimension).Select(i => string.Join(" + ", Enumerable.Range(0, Dimension).Select(j => $"a{i}_{j}*y{j}"))).ToArray(),
        Enumerable.Range(0, Dimension * Dimension).Select(k => $"a{k / Dimension}_{k % Dimension}").ToArray(),
        Enumerable.Range(0, Dimension * Dimension * Dimension).Select(k => k / (Dimension * Dimension) == (k % (Dimension * Dimension)) / Dimension ? $"y{k % Dimension}" : "0").ToArray());

    /// <summary>An antisymmetric <c>A = U − Uᵀ</c>, <c>U</c> entries normal with standard deviation 0.1 from a seeded generator.</summary>
    public static double[] SampleMatrix(int seed)
    {
        var normal = new Normal(0.0, 0.1, new MersenneTwister(seed));
        double[] u = new double[Dimension * Dimension];
        for (int k = 0; k < u.Length; k++)
        {
            u[k] = normal.Sample();
        }

        double[] a = new double[u.Length];
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                a[(i * Dimension) + j] = (2.0 * u[(i * Dimension) + j]) - (u[(i * Dimension) + j] + u[(j * Dimension) + i]);
            }
        }

        return a;
    }

    /// <summary>The exact solution <c>expm(A·t)·1</c>, by scaling and squaring with a Taylor series (≈ 1e-15 relative).</summary>
    public static double[] Exact(ReadOnlySpan<double> a, double t)
    {
        const int n = Dimension;
        double norm = 0.0;
        for (int i = 0; i < n; i++)
        {
            double row = 0.0;
            for (int j = 0; j < n; j++)
            {
                row += Math.Abs(a[(i * n) + j] * t);
            }

            norm = Math.Max(norm, row);
        }

        int squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm / 0.25)));
        double scale = t / Math.Pow(2.0, squarings);
        double[] power = Identity();
        double[] sum = Identity();
        for (int term = 1; term <= 24; term++)
        {
            double[] next = new double[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0.0;
                    for (int k = 0; k < n; k++)
                    {
                        s += power[(i * n) + k] * a[(k * n) + j] * scale;
                    }

                    next[(i * n) + j] = s / term;
                }
            }

            power = next;
            for (int k = 0; k < sum.Length; k++)
            {
                sum[k] += power[k];
            }
        }

        for (int s = 0; s < squarings; s++)
        {
            sum = Multiply(sum, sum);
        }

        double[] y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                y[i] += sum[(i * n) + j];
            }
        }

        return y;
    }

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        for (int i = 0; i < Dimension; i++)
        {
            double s = 0.0;
            for (int j = 0; j < Dimension; j++)
            {
                s += p[(i * Dimension) + j] * x[j];
            }

            dxdt[i] = s;
        }
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => p.CopyTo(jx);

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp.Clear();
        int m = Dimension * Dimension;
        for (int i = 0; i < Dimension; i++)
        {
            for (int l = 0; l < Dimension; l++)
            {
                jp[(i * m) + (i * Dimension) + l] = x[l];
            }
        }
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        for (int j = 0; j < Dimension; j++)
        {
            double s = 0.0;
            for (int i = 0; i < Dimension; i++)
            {
                s += v[i] * p[(i * Dimension) + j];
            }

            vjx[j] = s;
        }

        for (int k = 0; k < Dimension; k++)
        {
            for (int l = 0; l < Dimension; l++)
            {
                vjp[(k * Dimension) + l] = v[k] * x[l];
            }
        }
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        for (int i = 0; i < Dimension; i++)
        {
            double s = 0.0;
            for (int j = 0; j < Dimension; j++)
            {
                s += (p[(i * Dimension) + j] * dx[j]) + (dp[(i * Dimension) + j] * x[j]);
            }

            df[i] = s;
        }
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        for (int i = 0; i < Dimension; i++)
        {
            Dual s = new(0.0, 0.0);
            for (int j = 0; j < Dimension; j++)
            {
                s += p[(i * Dimension) + j] * x[j];
            }

            dxdt[i] = s;
        }
    }

    private static double[] Identity()
    {
        double[] identity = new double[Dimension * Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            identity[(i * Dimension) + i] = 1.0;
        }

        return identity;
    }

    private static double[] Multiply(double[] left, double[] right)
    {
        const int n = Dimension;
        double[] product = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0.0;
                for (int k = 0; k < n; k++)
                {
                    s += left[(i * n) + k] * right[(k * n) + j];
                }

                product[(i * n) + j] = s;
            }
        }

        return product;
    }
}
