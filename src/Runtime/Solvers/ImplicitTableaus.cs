namespace NeuralOdeGen;

/// <summary>The published tableaus of the stiff (implicit) methods. Each validates its order conditions when first used.</summary>
public static class ImplicitTableaus
{
    private const double A51 = 1.221224509226641;
    private const double A52 = 6.019134481288629;
    private const double A53 = 12.53708332932087;
    private const double A54 = -0.6878860361058950;

    private const double KvaernoGamma = 0.26;

    /// <summary>
    /// Gets Rodas4: a stiffly accurate, L-stable Rosenbrock method of order 4 with an embedded order-3 solution
    /// (6 stages, one LU per step) and an order-3 dense output. The embedded solution is the fifth stage's state, so the
    /// error estimate is the last stage increment.
    /// </summary>
    public static RosenbrockTableau Rodas4 { get; } = new(
        "Rodas4",
        gamma: 0.25,
        a: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            1.544, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.9466785280815826, 0.2557011698983284, 0.0, 0.0, 0.0, 0.0,
            3.314825187068521, 2.896124015972201, 0.9986419139977817, 0.0, 0.0, 0.0,
            A51, A52, A53, A54, 0.0, 0.0,
            A51, A52, A53, A54, 1.0, 0.0],
        coupling: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            -5.6688, 0.0, 0.0, 0.0, 0.0, 0.0,
            -2.430093356833875, -0.2063599157091915, 0.0, 0.0, 0.0, 0.0,
            -0.1073529058151375, -9.594562251023355, -20.47028614809616, 0.0, 0.0, 0.0,
            7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160, 0.0, 0.0,
            8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054, 0.0],
        nodes: [0.0, 0.386, 0.21, 0.63, 1.0, 1.0],
        timeWeights: [0.25, -0.1043, 0.1035, -0.03620000000000023, 0.0, 0.0],
        m: [A51, A52, A53, A54, 1.0, 1.0],
        embeddedM: [A51, A52, A53, A54, 1.0, 0.0],
        denseOutput: [10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0.0,
            -0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0.0],
        order: 4,
        embeddedOrder: 3,
        denseOutputOrder: 3,
        citation: "E. Hairer, G. Wanner, Solving Ordinary Differential Equations II, 2nd ed., Springer (1996), §IV.7 (RODAS, " +
            "the coefficients of the code rodas.f); values as tabulated in OrdinaryDiffEq.jl's Rodas4Tableau.");

    /// <summary>
    /// Gets Kværnø's ESDIRK 5(4): a stiffly accurate, L-stable, singly diagonally implicit method of order 5 with an
    /// explicit first stage (7 stages, γ = 0.26) and an embedded order-4 solution (its sixth stage).
    /// </summary>
    public static DiagonallyImplicitTableau Kvaerno5 { get; } = new(
        "Kvaerno5",
        a: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            KvaernoGamma, KvaernoGamma, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.13, 0.84033320996790809, KvaernoGamma, 0.0, 0.0, 0.0, 0.0,
            0.22371961478320505, 0.47675532319799699, -0.06470895363112615, KvaernoGamma, 0.0, 0.0, 0.0,
            0.16648564323248321, 0.10450018841591720, 0.03631482272098715, -0.13090704451073998, KvaernoGamma, 0.0, 0.0,
            0.13855640231268224, 0.0, -0.04245337201752043, 0.02446657898003141, 0.61943039072480676, KvaernoGamma, 0.0,
            0.13659751177640291, 0.0, -0.05496908796538376, -0.04118626728321046, 0.62993304899016403, 0.06962479448202728, KvaernoGamma],
        b: [0.13659751177640291, 0.0, -0.05496908796538376, -0.04118626728321046, 0.62993304899016403, 0.06962479448202728, KvaernoGamma],
        c: [0.0, 0.52, 1.230333209967908, 0.8957659843500759, 0.43639360985864756, 1.0, 1.0],
        embeddedB: [0.13855640231268224, 0.0, -0.04245337201752043, 0.02446657898003141, 0.61943039072480676, KvaernoGamma, 0.0],
        order: 5,
        embeddedOrder: 4,
        citation: "A. Kværnø, Singly diagonally implicit Runge–Kutta methods with an explicit first stage, BIT 44 (2004) " +
            "489–502; values as tabulated in Diffrax's kvaerno5.py (P. Kidger).");
}
