namespace NeuralOdeGen;

/// <summary>The published tableaus of the stiff (implicit) methods. Each validates its order conditions when first used.</summary>
public static class ImplicitTableaus
{
    private const double A51 = 1.221224509226641;
    private const double A52 = 6.019134481288629;
    private const double A53 = 12.53708332932087;
    private const double A54 = -0.6878860361058950;

    private const double KvaernoGamma = 0.26;

    private const double P61 = -7.502846399306121;
    private const double P62 = 2.561846144803919;
    private const double P63 = -11.627539656261098;
    private const double P64 = -0.18268767659942256;
    private const double P65 = 0.030198172008377946;

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
    /// Gets Rodas5P: a stiffly accurate, L-stable Rosenbrock method of order 5 with an embedded order-4 solution
    /// (8 stages, one LU per step) and an order-4 dense output, constructed to reduce the order loss of Rodas4 on
    /// stiff time-dependent problems (Prothero–Robinson). The embedded solution is the eighth stage's state.
    /// </summary>
    public static RosenbrockTableau Rodas5P { get; } = new(
        "Rodas5P",
        gamma: 0.21193756319429014,
        a: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            2.849394379747939, 0.45842242204463923, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            -6.954028509809101, 2.489845061869568, -10.358996098473584, 0.0, 0.0, 0.0, 0.0, 0.0,
            2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641, 0.0, 0.0, 0.0, 0.0,
            P61, P62, P63, P64, P65, 0.0, 0.0, 0.0,
            P61, P62, P63, P64, P65, 1.0, 0.0, 0.0,
            P61, P62, P63, P64, P65, 1.0, 1.0, 0.0],
        coupling: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            -14.155112264123755, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            -17.97296035885952, -2.859693295451294, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            147.12150275711716, -1.41221402718213, 71.68940251302358, 0.0, 0.0, 0.0, 0.0, 0.0,
            165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306, 0.0, 0.0, 0.0, 0.0,
            24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471, 0.0, 0.0, 0.0,
            30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623, -28.087943162872662, 0.0, 0.0,
            37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002, -54.66780262877968, -9.48861652309627, 0.0],
        nodes: [0.0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1.0, 1.0, 1.0],
        timeWeights: [0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734, 2.325825639765069, 0.0, 0.0, 0.0],
        m: [P61, P62, P63, P64, P65, 1.0, 1.0, 1.0],
        embeddedM: [P61, P62, P63, P64, P65, 1.0, 1.0, 0.0],
        denseOutput: [25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493,
            -9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372,
            11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722],
        order: 5,
        embeddedOrder: 4,
        denseOutputOrder: 4,
        citation: "G. Steinebach, Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks within the Julia " +
            "Differential Equations package, BIT Numer. Math. 63 (2023) 27; values as tabulated in OrdinaryDiffEq.jl's Rodas5PTableau.");

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
