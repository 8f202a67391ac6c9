using System;

namespace NeuralOdeGen;

/// <summary>
/// LU factorisation with partial pivoting of a dense n×n matrix into preallocated storage, and in-place solves:
/// the implicit steppers factorise once per step, so nothing here allocates after construction.
/// </summary>
/// <remarks>
/// MathNet.Numerics' <c>Matrix&lt;double&gt;.LU()</c> clones the matrix and allocates its pivot array on every
/// factorisation (measured with <c>GC.GetAllocatedBytesForCurrentThread</c>, MathNet 5.0: 728 bytes at n = 3, 4 056 at
/// n = 20, per call; its solve allocates nothing), which would break the allocation-free step.
/// A large sparse or banded system would plug in here: the steppers only call <see cref="Factor"/> on
/// <c>I/(hγ) − J</c> or <c>I − hγJ</c> and <see cref="Solve"/>.
/// </remarks>
internal sealed class DenseLu
{
    private readonly double[] _lu;
    private readonly int[] _pivots;

    public DenseLu(int dimension)
    {
        Dimension = dimension;
        _lu = new double[dimension * dimension];
        _pivots = new int[dimension];
    }

    public int Dimension { get; }

    /// <summary>Gets the factor storage, row-major; callers fill it with the matrix and then call <see cref="Factor"/>.</summary>
    public Span<double> Matrix => _lu;

    /// <summary>
    /// Factorises <see cref="Matrix"/> in place (Doolittle, row pivoting). Returns <see langword="false"/> when a pivot
    /// is zero or not finite, i.e. the matrix is singular to working precision.
    /// </summary>
    public bool Factor()
    {
        int n = Dimension;
        double[] lu = _lu;
        for (int k = 0; k < n; k++)
        {
            int pivot = k;
            double largest = Math.Abs(lu[(k * n) + k]);
            for (int i = k + 1; i < n; i++)
            {
                double candidate = Math.Abs(lu[(i * n) + k]);
                if (candidate > largest)
                {
                    largest = candidate;
                    pivot = i;
                }
            }

            if (!(largest > 0.0) || !double.IsFinite(largest))
            {
                return false;
            }

            _pivots[k] = pivot;
            if (pivot != k)
            {
                for (int j = 0; j < n; j++)
                {
                    (lu[(k * n) + j], lu[(pivot * n) + j]) = (lu[(pivot * n) + j], lu[(k * n) + j]);
                }
            }

            double inverse = 1.0 / lu[(k * n) + k];
            for (int i = k + 1; i < n; i++)
            {
                double factor = lu[(i * n) + k] * inverse;
                lu[(i * n) + k] = factor;
                if (factor != 0.0)
                {
                    for (int j = k + 1; j < n; j++)
                    {
                        lu[(i * n) + j] -= factor * lu[(k * n) + j];
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Overwrites <paramref name="rhs"/> (length n) with the solution of <c>M x = rhs</c> for the factorised <c>M</c>.</summary>
    public void Solve(Span<double> rhs)
    {
        int n = Dimension;
        double[] lu = _lu;
        for (int k = 0; k < n; k++)
        {
            int pivot = _pivots[k];
            if (pivot != k)
            {
                (rhs[k], rhs[pivot]) = (rhs[pivot], rhs[k]);
            }
        }

        for (int i = 1; i < n; i++)
        {
            double sum = rhs[i];
            for (int j = 0; j < i; j++)
            {
                sum -= lu[(i * n) + j] * rhs[j];
            }

            rhs[i] = sum;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = rhs[i];
            for (int j = i + 1; j < n; j++)
            {
                sum -= lu[(i * n) + j] * rhs[j];
            }

            rhs[i] = sum / lu[(i * n) + i];
        }
    }
}
