using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>The published explicit Runge–Kutta tableaus. Each validates its order conditions when first used.</summary>
public static class Tableaus
{
    /// <summary>Gets the forward Euler method (order 1).</summary>
    public static ButcherTableau Euler { get; } = new(
        "Euler",
        a: [0.0],
        b: [1.0],
        c: [0.0],
        order: 1,
        embeddedB: null,
        embeddedOrder: 0,
        isFirstSameAsLast: false,
        citation: "L. Euler, Institutiones calculi integralis (1768).");

    /// <summary>Gets the explicit midpoint method (order 2).</summary>
    public static ButcherTableau Midpoint { get; } = new(
        "Midpoint",
        a: [0.0, 0.0,
            0.5, 0.0],
        b: [0.0, 1.0],
        c: [0.0, 0.5],
        order: 2,
        embeddedB: null,
        embeddedOrder: 0,
        isFirstSameAsLast: false,
        citation: "C. Runge, Über die numerische Auflösung von Differentialgleichungen, Math. Ann. 46 (1895).");

    /// <summary>Gets the classic fourth-order Runge–Kutta method.</summary>
    public static ButcherTableau Rk4 { get; } = new(
        "RK4",
        a: [0.0, 0.0, 0.0, 0.0,
            0.5, 0.0, 0.0, 0.0,
            0.0, 0.5, 0.0, 0.0,
            0.0, 0.0, 1.0, 0.0],
        b: [1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0],
        c: [0.0, 0.5, 0.5, 1.0],
        order: 4,
        embeddedB: null,
        embeddedOrder: 0,
        isFirstSameAsLast: false,
        citation: "W. Kutta, Beitrag zur näherungsweisen Integration totaler Differentialgleichungen, Z. Math. Phys. 46 (1901).");

    /// <summary>Gets Kutta's 3/8-rule fourth-order method (torchdiffeq's <c>rk4</c>).</summary>
    public static ButcherTableau Rk4ThreeEighths { get; } = new(
        "RK4 (3/8 rule)",
        a: [0.0, 0.0, 0.0, 0.0,
            1.0 / 3.0, 0.0, 0.0, 0.0,
            -1.0 / 3.0, 1.0, 0.0, 0.0,
            1.0, -1.0, 1.0, 0.0],
        b: [1.0 / 8.0, 3.0 / 8.0, 3.0 / 8.0, 1.0 / 8.0],
        c: [0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0],
        order: 4,
        embeddedB: null,
        embeddedOrder: 0,
        isFirstSameAsLast: false,
        citation: "W. Kutta, Z. Math. Phys. 46 (1901); Hairer, Nørsett & Wanner, Solving ODEs I, Table II.1.2.");

    /// <summary>Gets the Bogacki–Shampine 3(2) pair (FSAL).</summary>
    public static ButcherTableau BogackiShampine32 { get; } = new(
        "Bogacki–Shampine 3(2)",
        a: [0.0, 0.0, 0.0, 0.0,
            0.5, 0.0, 0.0, 0.0,
            0.0, 0.75, 0.0, 0.0,
            2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0, 0.0],
        b: [2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0, 0.0],
        c: [0.0, 0.5, 0.75, 1.0],
        order: 3,
        embeddedB: [7.0 / 24.0, 1.0 / 4.0, 1.0 / 3.0, 1.0 / 8.0],
        embeddedOrder: 2,
        isFirstSameAsLast: true,
        citation: "P. Bogacki, L. F. Shampine, A 3(2) pair of Runge–Kutta formulas, Appl. Math. Lett. 2 (1989) 321–325.",
        // Cubic Hermite through y₀, y₁ with the slopes k₁ and k₄ = f(y₁) (free by FSAL), written as weights on the stages.
        continuousExtension: new ContinuousExtension(
            4,
            [1.0, -4.0 / 3.0, 5.0 / 9.0,
             0.0, 1.0, -2.0 / 3.0,
             0.0, 4.0 / 3.0, -8.0 / 9.0,
             0.0, -1.0, 1.0],
            order: 3,
            citation: "Bogacki & Shampine (1989): the FSAL cubic Hermite interpolant; coefficients expanded in powers of θ with SymPy."));

    /// <summary>Gets the Dormand–Prince 5(4) pair (FSAL; MATLAB's ode45, torchdiffeq's dopri5).</summary>
    public static ButcherTableau DormandPrince54 { get; } = new(
        "Dormand–Prince 5(4)",
        a: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0, 0.0,
            19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0, 0.0,
            9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0, 0.0,
            35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0],
        b: [35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0],
        c: [0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0],
        order: 5,
        embeddedB: [5179.0 / 57600.0, 0.0, 7571.0 / 16695.0, 393.0 / 640.0, -92097.0 / 339200.0, 187.0 / 2100.0, 1.0 / 40.0],
        embeddedOrder: 4,
        isFirstSameAsLast: true,
        citation: "J. R. Dormand, P. J. Prince, A family of embedded Runge–Kutta formulae, J. Comput. Appl. Math. 6 (1980) 19–26.",
        // Shampine's fourth-order extension in Hairer's form (DOPRI5's CONTD5, coefficients d_i), written as weights on the stages:
        // b_i(θ) = θb_i + θ(1−θ)(δ_i1 − b_i) + θ²(1−θ)(2b_i − δ_i1 − δ_i7) + θ²(1−θ)²d_i, expanded exactly with SymPy.
        continuousExtension: new ContinuousExtension(
            7,
            [1.0, -2.8535800653862835, 3.0717434641059005, -1.1270175653862835,
             0.0, 0.0, 0.0, 0.0,
             0.0, 4.023133379230305, -6.249321565289, 2.675424484351598,
             0.0, -3.7324019615885042, 10.068970589843675, -5.685526961588504,
             0.0, 2.5548038301849423, -6.399112377351017, 3.5219323679207912,
             0.0, -1.3744241142186024, 3.272657752246729, -1.7672812570757455,
             0.0, 1.3824689317781436, -3.764937863556287, 2.382468931778144],
            order: 4,
            citation: "L. F. Shampine, Interpolation for Runge–Kutta methods, SIAM J. Numer. Anal. 22 (1985); Hairer, Nørsett & Wanner, Solving ODEs I, §II.6 (DOPRI5)."));

    /// <summary>Gets Tsitouras' 5(4) pair (FSAL; Julia's Tsit5), usually a little more efficient than Dormand–Prince.</summary>
    public static ButcherTableau Tsitouras54 { get; } = new(
        "Tsitouras 5(4)",
        a: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            0.161, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            -0.008480655492356989, 0.335480655492357, 0.0, 0.0, 0.0, 0.0, 0.0,
            2.8971530571054935, -6.359448489975075, 4.3622954328695815, 0.0, 0.0, 0.0, 0.0,
            5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525, 0.0, 0.0, 0.0,
            5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401, -0.028269050394068383, 0.0, 0.0,
            0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774, 0.0],
        b: [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774, 0.0],
        c: [0.0, 0.161, 0.327, 0.9, 0.9800255409045097, 1.0, 1.0],
        order: 5,
        embeddedB: [0.09468075576583945, 0.009183565540343254, 0.4877705284247616, 1.234297566930479, -2.7077123499835256, 1.866628418170587, 1.0 / 66.0],
        embeddedOrder: 4,
        isFirstSameAsLast: true,
        citation: "Ch. Tsitouras, Runge–Kutta pairs of order 5(4) satisfying only the first column simplifying assumption, Comput. Math. Appl. 62 (2011) 770–775.",
        // The paper's free fourth-order interpolant, published as factored polynomials b_i(θ); expanded in powers of θ with SymPy.
        continuousExtension: new ContinuousExtension(
            7,
            [1.0, -2.763706197274826, 2.9132554618219126, -1.0530884977290216,
             0.0, 0.13169999999999998, -0.2234, 0.1017,
             0.0, 3.9302962368947516, -5.941033872131505, 2.490627285651253,
             0.0, -12.411077166933676, 30.33818863028232, -16.548102889244902,
             0.0, 37.50931341651104, -88.1789048947664, 47.37952196281928,
             0.0, -27.896526289197286, 65.09189467479366, -34.87065786149661,
             0.0, 1.5, -4.0, 2.5],
            order: 4,
            citation: "Ch. Tsitouras (2011), the dense output of the Tsit5 pair (factored b_i(θ) as published)."));

    /// <summary>
    /// Gets every explicit tableau above, from the lowest order to the highest (declared last so that it is initialised
    /// after them): for a user who compares methods, or a test that runs over all of them.
    /// </summary>
    public static IReadOnlyList<ButcherTableau> All { get; } =
        [Euler, Midpoint, Rk4, Rk4ThreeEighths, BogackiShampine32, DormandPrince54, Tsitouras54];
}
