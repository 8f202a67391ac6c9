using System;

namespace NeuralOdeGen;

/// <summary>
/// A method's own dense output (continuous extension): polynomial weights <c>b_i(θ) = Σ_{j=1..D} w_ij θ^j</c> with
/// <c>y(t₀ + θh) = y₀ + h Σ_i b_i(θ) k_i</c> for <c>θ ∈ [0, 1]</c>, built from the step's own stages with no extra
/// evaluation. It is data on the tableau (<see cref="ButcherTableau.ContinuousExtension"/>), so a method brings its
/// interpolant with it instead of the stepper recognising methods.
/// </summary>
/// <remarks>
/// The tableau checks an extension when it is constructed: <c>b_i(1) = b_i</c> (the interpolant ends on the step's
/// solution) and the continuous order conditions <c>Σ_i b_i(θ) Φ_i(τ) = θ^{ρ(τ)}/γ(τ)</c> for every tree up to
/// <c>min(order, 4)</c> at several <c>θ</c> (Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.6).
/// </remarks>
public sealed class ContinuousExtension
{
    private readonly double[] _coefficients;

    /// <summary>Creates an extension.</summary>
    /// <param name="stageCount">The tableau's number of stages <c>s</c>.</param>
    /// <param name="coefficients">Row-major <c>s × D</c>: entry <c>[i·D + j − 1]</c> is the coefficient of <c>θ^j</c> in <c>b_i(θ)</c> (no constant term: <c>b_i(0) = 0</c>).</param>
    /// <param name="order">The order of the interpolant (its local error is <c>O(h^{order+1})</c>).</param>
    /// <param name="citation">Where the coefficients come from.</param>
    /// <exception cref="ArgumentException">The coefficients are not a whole number of rows of <paramref name="stageCount"/>, or not finite.</exception>
    public ContinuousExtension(int stageCount, double[] coefficients, int order, string citation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stageCount, 1);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        if (coefficients.Length == 0 || coefficients.Length % stageCount != 0)
        {
            throw new ArgumentException($"coefficients has {coefficients.Length} entries, which is not a positive multiple of the {stageCount} stages.", nameof(coefficients));
        }

        for (int k = 0; k < coefficients.Length; k++)
        {
            if (!double.IsFinite(coefficients[k]))
            {
                throw new ArgumentException($"coefficients[{k}] = {coefficients[k]} is not finite.", nameof(coefficients));
            }
        }

        StageCount = stageCount;
        Degree = coefficients.Length / stageCount;
        if (order > Degree)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, $"A polynomial of degree {Degree} cannot interpolate to order {order}.");
        }

        Order = order;
        Citation = citation;
        _coefficients = (double[])coefficients.Clone();
    }

    /// <summary>Gets the number of stages <c>s</c>.</summary>
    public int StageCount { get; }

    /// <summary>Gets the degree <c>D</c> of the weight polynomials.</summary>
    public int Degree { get; }

    /// <summary>Gets the order of the interpolant.</summary>
    public int Order { get; }

    /// <summary>Gets where the coefficients come from.</summary>
    public string Citation { get; }

    /// <summary>Gets the coefficients, row-major <c>s × D</c> (powers <c>θ¹ … θ^D</c>).</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>Writes the weights <c>b_i(θ)</c>.</summary>
    /// <param name="theta">The fraction of the step, <c>θ = (t − t₀)/h</c>.</param>
    /// <param name="weights">Receives <c>b_i(θ)</c> (length ≥ <see cref="StageCount"/>).</param>
    public void Weights(double theta, Span<double> weights)
    {
        int degree = Degree;
        for (int i = 0; i < StageCount; i++)
        {
            // Horner from the highest power down to θ¹, then the final factor θ (there is no constant term).
            ReadOnlySpan<double> row = _coefficients.AsSpan(i * degree, degree);
            double value = row[degree - 1];
            for (int j = degree - 2; j >= 0; j--)
            {
                value = (value * theta) + row[j];
            }

            weights[i] = value * theta;
        }
    }

    /// <summary>Writes <c>y(t₀ + θh) = y₀ + h Σ_i b_i(θ) k_i</c>.</summary>
    /// <param name="theta">The fraction of the step.</param>
    /// <param name="h">The step size.</param>
    /// <param name="start">The state at the start of the step (length <c>n</c>).</param>
    /// <param name="stages">The step's stage derivatives <c>k_i</c>, row-major <c>s × n</c>.</param>
    /// <param name="y">Receives the interpolated state (length <c>n</c>).</param>
    public void Interpolate(double theta, double h, ReadOnlySpan<double> start, ReadOnlySpan<double> stages, Span<double> y)
    {
        Span<double> weights = stackalloc double[StageCount];
        Weights(theta, weights);
        RungeKuttaKernels.Combine(start, stages[..(StageCount * start.Length)], weights, h, y);
    }

    /// <summary>
    /// Checks the extension against its method: same stage count, <c>b(1) = b</c>, and the continuous order conditions,
    /// which at a given <c>θ</c> are the ordinary ones of the scaled method <c>(a/θ, b(θ)/θ, c/θ)</c> (a step of size θh).
    /// </summary>
    internal void Validate(double[] a, double[] b, double[] c, double tolerance, string argumentName)
    {
        int s = b.Length;
        if (StageCount != s)
        {
            throw new ArgumentException($"The continuous extension has {StageCount} stages but the tableau has {s}.", argumentName);
        }

        double[] weights = new double[s];
        Weights(1.0, weights);
        for (int i = 0; i < s; i++)
        {
            if (Math.Abs(weights[i] - b[i]) > tolerance)
            {
                throw new ArgumentException($"The continuous extension's b_{i}(1) = {weights[i]:R} but b[{i}] = {b[i]:R}; the interpolant must end on the step's solution.", argumentName);
            }
        }

        double[] scaledA = new double[s * s];
        double[] scaledB = new double[s];
        double[] scaledC = new double[s];
        foreach (double theta in (ReadOnlySpan<double>)[0.3, 0.6, 1.0])
        {
            Weights(theta, weights);
            for (int i = 0; i < s; i++)
            {
                scaledB[i] = weights[i] / theta;
                scaledC[i] = c[i] / theta;
                for (int j = 0; j < s; j++)
                {
                    scaledA[(i * s) + j] = a[(i * s) + j] / theta;
                }
            }

            ButcherTableau.CheckOrderConditions(scaledA, scaledB, scaledC, Math.Min(Order, 4), argumentName);
        }
    }
}
