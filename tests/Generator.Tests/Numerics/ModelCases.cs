using System;
using System.Collections.Generic;
using System.Linq;
using NeuralOdeGen.Generator.Tests.Models;

namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>Every example model with its hand-derived Jacobians and sampling domain.</summary>
internal static class ModelCases
{
    private static readonly Dictionary<string, IModelCase> All = new IModelCase[]
    {
        new DecayCase(),
        new LotkaVolterraCase(),
        new VanDerPolCase(),
        new DampedPendulumCase(),
        new SirCase(),
        new TranscendentalCase(),
        new HyperbolicCase(),
        new PiecewiseCase(),
        new ForcedOscillatorCase(),
        new CollisionCase(),
        new EmittedNamesCase(),
        new LorenzCase(),
        new FreeOscillatorCase(),
        new InverseFunctionsCase(),
        new SteppedFunctionsCase(),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(All.Keys.Order(StringComparer.Ordinal));

    public static IModelCase Get(string name) => All[name];

    private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());

    private sealed class DecayCase() : ModelCase<Decay>(seed: 1)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -3, 3);
            p[0] = Uniform(random, -2, 2);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) => f[0] = Decay.Rhs(x[0], p[0]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0];

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = x[0];
    }

    private sealed class LotkaVolterraCase() : ModelCase<LotkaVolterra>(seed: 2)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, 0.1, 5);
            x[1] = Uniform(random, 0.1, 5);
            for (int k = 0; k < 4; k++)
            {
                p[k] = Uniform(random, 0.1, 2);
            }

            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = LotkaVolterra.Rhs(x[0], x[1], p[0], p[1], p[2], p[3]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double prey, double predator) = (x[0], x[1]);
            (double alpha, double beta, double delta, double gamma) = (p[0], p[1], p[2], p[3]);
            jx[0] = alpha - (beta * predator);
            jx[1] = -beta * prey;
            jx[2] = delta * predator;
            jx[3] = (delta * prey) - gamma;
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double prey, double predator) = (x[0], x[1]);
            jp[0] = prey;
            jp[1] = -prey * predator;
            jp[2] = 0;
            jp[3] = 0;
            jp[4] = 0;
            jp[5] = 0;
            jp[6] = prey * predator;
            jp[7] = -predator;
        }
    }

    private sealed class VanDerPolCase() : ModelCase<VanDerPol>(seed: 3)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -3, 3);
            x[1] = Uniform(random, -3, 3);
            p[0] = Uniform(random, 0, 3);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = VanDerPol.Rhs(x[0], x[1], p[0]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double position, double velocity, double mu) = (x[0], x[1], p[0]);
            jx[0] = 0;
            jx[1] = 1;
            jx[2] = (-2 * mu * position * velocity) - 1;
            jx[3] = mu * (1 - (position * position));
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            jp[0] = 0;
            jp[1] = (1 - (x[0] * x[0])) * x[1];
        }
    }

    private sealed class DampedPendulumCase() : ModelCase<DampedPendulum>(seed: 4)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -Math.PI, Math.PI);
            x[1] = Uniform(random, -3, 3);
            p[0] = Uniform(random, 0, 1);
            p[1] = Uniform(random, 0.5, 10);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = DampedPendulum.Rhs(x[0], x[1], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            jx[0] = 0;
            jx[1] = 1;
            jx[2] = -p[1] * Math.Cos(x[0]);
            jx[3] = -p[0];
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            jp[0] = 0;
            jp[1] = 0;
            jp[2] = -x[1];
            jp[3] = -Math.Sin(x[0]);
        }
    }

    private sealed class SirCase() : ModelCase<Sir>(seed: 5)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            for (int j = 0; j < 3; j++)
            {
                x[j] = Uniform(random, 0.05, 1);
            }

            p[0] = Uniform(random, 0.1, 3);
            p[1] = Uniform(random, 0.05, 1);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1], f[2]) = Sir.Rhs(x[0], x[1], x[2], p[0], p[1]);

        // With N = s + i + r and g = βsi/N: ∂g/∂s = βi(i + r)/N², ∂g/∂i = βs(s + r)/N², ∂g/∂r = −βsi/N².
        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double s, double i, double r, double beta, double gamma) = (x[0], x[1], x[2], p[0], p[1]);
            double n2 = (s + i + r) * (s + i + r);
            double gs = beta * i * (i + r) / n2;
            double gi = beta * s * (s + r) / n2;
            double gr = -beta * s * i / n2;
            (jx[0], jx[1], jx[2]) = (-gs, -gi, -gr);
            (jx[3], jx[4], jx[5]) = (gs, gi - gamma, gr);
            (jx[6], jx[7], jx[8]) = (0, gamma, 0);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double s, double i, double r) = (x[0], x[1], x[2]);
            double incidence = s * i / (s + i + r);
            (jp[0], jp[1]) = (-incidence, 0);
            (jp[2], jp[3]) = (incidence, -i);
            (jp[4], jp[5]) = (0, i);
        }
    }

    private sealed class TranscendentalCase() : ModelCase<Transcendental>(seed: 6)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -2, 2);
            x[1] = Uniform(random, -2, 2);
            p[0] = Uniform(random, 0.2, 2);
            p[1] = Uniform(random, -1.5, 1.5);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = Transcendental.Rhs(x[0], x[1], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double u, double v, double k, double c) = (x[0], x[1], p[0], p[1]);
            double decay = Math.Exp(-k * u);
            double tanh = Math.Tanh(v);
            double root = Math.Sqrt((v * v) + (k * k));
            jx[0] = (-k * decay * tanh) + (2 * u / (1 + (u * u)));
            jx[1] = decay * (1 - (tanh * tanh));
            jx[2] = c * Math.Pow(1 + (u * u), c - 1) * 2 * u;
            jx[3] = (-v / root) + (3 * v * v);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double u, double v, double k, double c) = (x[0], x[1], p[0], p[1]);
            jp[0] = -u * Math.Exp(-k * u) * Math.Tanh(v);
            jp[1] = 0;
            jp[2] = -k / Math.Sqrt((v * v) + (k * k));
            jp[3] = Math.Pow(1 + (u * u), c) * Math.Log(1 + (u * u));
        }
    }

    private sealed class HyperbolicCase() : ModelCase<Hyperbolic>(seed: 7)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -1.5, 1.5);
            x[1] = Uniform(random, -1.2, 1.2);
            do
            {
                p[0] = Uniform(random, -2, 2);
            }
            while (Math.Abs(p[0]) < 1e-3); // |w| has a kink at 0

            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = Hyperbolic.Rhs(x[0], x[1], p[0]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double u, double v, double w) = (x[0], x[1], p[0]);
            double tan = Math.Tan(v);
            double atanPrime = 1 / (1 + (u * v * u * v));
            jx[0] = w * Math.Cosh(w * u);
            jx[1] = -(1 + (tan * tan));
            jx[2] = (Math.Sinh(u - v) * Math.Abs(w)) + (v * atanPrime);
            jx[3] = (-Math.Sinh(u - v) * Math.Abs(w)) + (u * atanPrime);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double u, double v, double w) = (x[0], x[1], p[0]);
            jp[0] = u * Math.Cosh(w * u);
            jp[1] = Math.Cosh(u - v) * Math.Sign(w);
        }
    }

    private sealed class InverseFunctionsCase() : ModelCase<InverseFunctions>(seed: 14)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            do
            {
                x[0] = Uniform(random, -1.5, 1.5);
                x[1] = Uniform(random, -1.2, 1.2);
            }
            while (Math.Abs(x[0] - (2 * x[1])) < 0.1); // Cbrt's derivative is infinite at 0

            p[0] = Uniform(random, -2, 2);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = InverseFunctions.Rhs(x[0], x[1], p[0]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            Parts parts = new(x[0], x[1], p[0]);
            (double u, double v, double a) = (x[0], x[1], p[0]);
            double x3 = u + 3.0;
            double radius = (x3 * x3) + (v * v);
            jx[0] = (a / Math.Sqrt((parts.A * parts.A) + 1)) + (v / radius) + (2 * u / ((1 + (u * u)) * Math.Log(2.0)));
            jx[1] = (2 * v / Math.Sqrt(((2 + (v * v)) * (2 + (v * v))) - 1)) - (x3 / radius);
            jx[2] = (parts.P * parts.DQ * a) + (parts.L / (3 * parts.R * parts.R));
            jx[3] = (parts.DP * parts.Q) + (0.5 * Math.Sin(v) / Math.Sqrt(1 - (0.25 * Math.Cos(v) * Math.Cos(v))))
                + (parts.R / ((2 + v) * Math.Log(10.0))) - (2 * parts.L / (3 * parts.R * parts.R));
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            Parts parts = new(x[0], x[1], p[0]);
            jp[0] = x[0] / Math.Sqrt((parts.A * parts.A) + 1);
            jp[1] = parts.P * parts.DQ * x[0];
        }

        /// <summary>f1 = P·Q + acos(½cos v) + L·R with P = atanh(½tanh v), Q = asin(½sin(au)), L = log₁₀(2 + v), R = ∛(u − 2v).</summary>
        private readonly struct Parts
        {
            public Parts(double u, double v, double a)
            {
                A = a * u;
                double tanh = Math.Tanh(v);
                double half = 0.5 * tanh;
                P = Math.Atanh(half);
                DP = 0.5 * (1 - (tanh * tanh)) / (1 - (half * half));
                double s = 0.5 * Math.Sin(A);
                Q = Math.Asin(s);
                DQ = 0.5 * Math.Cos(A) / Math.Sqrt(1 - (s * s)); // ∂Q/∂A
                L = Math.Log10(2 + v);
                R = Math.Cbrt(u - (2 * v));
            }

            public double A { get; }

            public double P { get; }

            public double DP { get; }

            public double Q { get; }

            public double DQ { get; }

            public double L { get; }

            public double R { get; }
        }
    }

    private sealed class SteppedFunctionsCase() : ModelCase<SteppedFunctions>(seed: 15)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            // At least 1e-3 from every jump: integers for Floor(x), 0 for Sign(y), half-integers for Round(2y), and the
            // clamp bounds for x·y.
            do
            {
                x[0] = Uniform(random, -2.5, 2.5);
                x[1] = Uniform(random, -1.5, 1.5);
                p[0] = Uniform(random, -1.5, 1.0);
                p[1] = Uniform(random, -1.0, 1.0);
            }
            while (Near(x[0], Math.Round(x[0])) || Math.Abs(x[1]) < 1e-3 || Near(2 * x[1], Math.Floor(2 * x[1]) + 0.5)
                || Near(x[0] * x[1], p[0]) || Near(x[0] * x[1], p[0] + 1 + (p[1] * p[1])));

            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = SteppedFunctions.Rhs(x[0], x[1], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            bool inside = Inside(x, p);
            jx[0] = x[1] + (inside ? x[1] : 0.0);
            jx[1] = x[0] + (inside ? x[0] : 0.0);
            jx[2] = Math.Sign(x[1]);
            jx[3] = Math.Floor(x[0]);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            double product = x[0] * x[1];
            double upper = p[0] + 1 + (p[1] * p[1]);
            jp[0] = 1.0 + (Inside(x, p) ? 0.0 : 1.0);
            jp[1] = product > upper ? 2 * p[1] : 0.0;
            jp[2] = 0.0;
            jp[3] = -Math.Round(2 * x[1]);
        }

        private static bool Inside(ReadOnlySpan<double> x, ReadOnlySpan<double> p) =>
            x[0] * x[1] >= p[0] && x[0] * x[1] <= p[0] + 1 + (p[1] * p[1]);

        private static bool Near(double a, double b) => Math.Abs(a - b) < 1e-3;
    }

    private sealed class PiecewiseCase() : ModelCase<Piecewise>(seed: 8)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            do
            {
                x[0] = Uniform(random, -3, 3);
                x[1] = Uniform(random, -3, 3);
                p[0] = Uniform(random, -2, 2);
                p[1] = Uniform(random, -2, 2);
            }
            while (NearSwitch(x[0], x[1], p[0], p[1]));

            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = Piecewise.Rhs(x[0], x[1], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double xv, double y, double a, double b) = (x[0], x[1], p[0], p[1]);
            (jx[0], jx[1]) = xv > 0 ? (a, 0.0) : (2 * b * xv, 0.0);
            if (FirstBranch(xv, y))
            {
                // max(a·y, x) − |y|
                (jx[2], jx[3]) = a * y >= xv ? (0.0, a - Math.Sign(y)) : (1.0, -Math.Sign(y));
            }
            else
            {
                // min(x, b) + x·y
                (jx[2], jx[3]) = xv <= b ? (1 + y, xv) : (y, xv);
            }
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double xv, double y, double a, double b) = (x[0], x[1], p[0], p[1]);
            (jp[0], jp[1]) = xv > 0 ? (xv, 0.0) : (0.0, xv * xv);
            if (FirstBranch(xv, y))
            {
                (jp[2], jp[3]) = a * y >= xv ? (y, 0.0) : (0.0, 0.0);
            }
            else
            {
                (jp[2], jp[3]) = xv <= b ? (0.0, 0.0) : (0.0, 1.0);
            }
        }

        private static bool FirstBranch(double x, double y) => (x >= -1 && y < 1) || y > 2;

        // Finite differences straddling a switch measure a jump, not a derivative: keep 1e-3 away from every switch.
        private static bool NearSwitch(double x, double y, double a, double b)
        {
            const double Margin = 1e-3;
            return Math.Abs(x) < Margin || Math.Abs(x + 1) < Margin || Math.Abs(y - 1) < Margin || Math.Abs(y - 2) < Margin
                || Math.Abs(y) < Margin || Math.Abs((a * y) - x) < Margin || Math.Abs(x - b) < Margin;
        }
    }

    private sealed class ForcedOscillatorCase() : ModelCase<ForcedOscillator>(seed: 9)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -3, 3);
            x[1] = Uniform(random, -3, 3);
            p[0] = Uniform(random, 0, 1);
            p[1] = Uniform(random, -2, 2);
            p[2] = Uniform(random, 0.1, 3);
            return Uniform(random, 0, 10);
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = ForcedOscillator.Rhs(t, x[0], x[1], p[0], p[1], p[2]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (jx[0], jx[1]) = (0, 1);
            (jx[2], jx[3]) = (-1, -p[0]);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double amplitude, double omega) = (p[1], p[2]);
            (jp[0], jp[1], jp[2]) = (0, 0, 0);
            (jp[3], jp[4], jp[5]) = (-x[1], Math.Cos(omega * t), -amplitude * t * Math.Sin(omega * t));
        }
    }

    private sealed class CollisionCase() : ModelCase<Collision>(seed: 10)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -3, 3);
            p[0] = Uniform(random, -2, 2);
            return Uniform(random, 0, 10);
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) => f[0] = Collision.Rhs(t, x[0], p[0]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = -p[0] + Math.Sin(t);

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = -x[0];
    }

    private sealed class EmittedNamesCase() : ModelCase<EmittedNames>(seed: 11)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -3, 3);
            x[1] = Uniform(random, -2, 2);
            p[0] = Uniform(random, -2, 2);
            p[1] = Uniform(random, -2, 2);
            return Uniform(random, 0, 5);
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = EmittedNames.Rhs(x[0], x[1], p[0], p[1], t);

        // s = sin(x₀)·q, τ = s² + d, J = e^{−x₁}·τ; f₀ = J − t·x₁, f₁ = cos(s) + atan(J).
        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double state, double derivative, double q, double d) = (x[0], x[1], p[0], p[1]);
            double s = Math.Sin(state) * q;
            double decay = Math.Exp(-derivative);
            double j = decay * ((s * s) + d);
            double dsdx = Math.Cos(state) * q;
            double djdx = decay * 2 * s * dsdx;
            double atanPrime = 1 / (1 + (j * j));
            jx[0] = djdx;
            jx[1] = -j - t;
            jx[2] = (-Math.Sin(s) * dsdx) + (djdx * atanPrime);
            jx[3] = -j * atanPrime;
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double state, double derivative, double q, double d) = (x[0], x[1], p[0], p[1]);
            double s = Math.Sin(state) * q;
            double decay = Math.Exp(-derivative);
            double j = decay * ((s * s) + d);
            double dsdq = Math.Sin(state);
            double djdq = decay * 2 * s * dsdq;
            double atanPrime = 1 / (1 + (j * j));
            jp[0] = djdq;
            jp[1] = decay;
            jp[2] = (-Math.Sin(s) * dsdq) + (djdq * atanPrime);
            jp[3] = decay * atanPrime;
        }
    }

    private sealed class LorenzCase() : ModelCase<Lorenz>(seed: 12)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            for (int j = 0; j < 3; j++)
            {
                x[j] = Uniform(random, -20, 20);
            }

            p[0] = Uniform(random, 0, 30);
            p[1] = Uniform(random, 0.5, 4);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1], f[2]) = Lorenz.Rhs(x[0], x[1], x[2], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            const double Sigma = 10.0;
            (jx[0], jx[1], jx[2]) = (-Sigma, Sigma, 0);
            (jx[3], jx[4], jx[5]) = (p[0] - x[2], -1, -x[0]);
            (jx[6], jx[7], jx[8]) = (x[1], x[0], -p[1]);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (jp[0], jp[1]) = (0, 0);
            (jp[2], jp[3]) = (x[0], 0);
            (jp[4], jp[5]) = (0, -x[2]);
        }
    }

    private sealed class FreeOscillatorCase() : ModelCase<FreeOscillator>(seed: 13)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -3, 3);
            x[1] = Uniform(random, -3, 3);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = FreeOscillator.Rhs(x[0], x[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (jx[0], jx[1]) = (0, 1);
            (jx[2], jx[3]) = (-4, 0);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            // m = 0: the parameter Jacobian is empty.
        }
    }
}
