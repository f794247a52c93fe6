package io.hilbench.fluid;

/**
 * Coefficients of the Span &amp; Wagner (1996) reference equation of state for carbon dioxide.
 *
 * <p>Provenance: R. Span, W. Wagner, "A New Equation of State for Carbon Dioxide Covering the Fluid Region
 * from the Triple-Point Temperature to 1100 K at Pressures up to 800 MPa", J. Phys. Chem. Ref. Data 25, 1509
 * (1996), doi:10.1063/1.555991. Transcribed from the CoolProp project's {@code dev/fluids/CarbonDioxide.json}
 * (MIT licence, commit 10a73a494969ba778a7e68408c66f54f2dbaae0d; same values at commit
 * 29a2d7df4ee6913920da4aedab60acc982050d63), via the project reference copy span-wagner-1996.json.
 * Only numbers are copied; no CoolProp code is used.
 *
 * <p>Units: the gas constant is molar (J/(mol K)); divide by the molar mass (kg/mol) for the specific gas
 * constant. The ideal part includes the IIR enthalpy/entropy offset (h = 200 kJ/kg, s = 1 kJ/(kg K) for
 * saturated liquid at 0 degC). Equation numbers refer to Span &amp; Wagner (1996): ideal part Eq. (6.3) with
 * Table 27, residual part Eq. (6.5) with Table 31.
 */
final class SpanWagnerCo2Coefficients {

    private SpanWagnerCo2Coefficients() {
    }

    /** Molar gas constant used by Span &amp; Wagner, J/(mol K). */
    static final double GAS_CONSTANT_J_PER_MOL_K = 8.31451;
    /** Molar mass, kg/mol. */
    static final double MOLAR_MASS_KG_PER_MOL = 0.0440098;
    /** Critical (= reducing) temperature, K. */
    static final double CRITICAL_TEMPERATURE_K = 304.1282;
    /** Critical (= reducing) molar density, mol/m3 (467.6 kg/m3). */
    static final double CRITICAL_MOLAR_DENSITY_MOL_PER_M3 = 10624.9063;
    /** Critical pressure, Pa. */
    static final double CRITICAL_PRESSURE_PA = 7377300.0;
    /** Triple-point temperature, K. */
    static final double TRIPLE_TEMPERATURE_K = 216.592;
    /** Triple-point pressure, Pa (as computed by the EOS in CoolProp). */
    static final double TRIPLE_PRESSURE_PA = 517964.34344772575;

    // Ideal-gas part, Eq. (6.3): ln(delta) + a1 + a2 tau + 2.5 ln(tau) + sum n_i ln(1 - exp(-theta_i tau))
    static final double IDEAL_A1 = 8.37304456;
    static final double IDEAL_A2 = -3.70454304;
    static final double IDEAL_LOG_TAU = 2.5;
    static final double[] IDEAL_PLANCK_N = {1.99427042, 0.62105248, 0.41195293, 1.04028922, 0.08327678};
    static final double[] IDEAL_PLANCK_THETA = {3.15163, 6.1119, 6.77708, 11.32384, 27.08792};
    /** IIR reference-state offset added to the ideal part: a1 + a2 tau. */
    static final double IIR_OFFSET_A1 = -14.4979156224319;
    static final double IIR_OFFSET_A2 = 8.82013935801453;

    // Residual part, Eq. (6.5), terms 1..34: n delta^d tau^t exp(-delta^l) (no exponential when l = 0)
    static final double[] POWER_N = {0.388568232032, 2.93854759427, -5.5867188535, -0.767531995925, 0.317290055804, 0.548033158978, 0.122794112203, 2.16589615432, 1.58417351097, -0.231327054055, 0.0581169164314, -0.553691372054, 0.489466159094, -0.0242757398435, 0.0624947905017, -0.121758602252, -0.370556852701, -0.0167758797004, -0.11960736638, -0.0456193625088, 0.0356127892703, -0.00744277271321, -0.00173957049024, -0.0218101212895, 0.0243321665592, -0.0374401334235, 0.143387157569, -0.134919690833, -0.0231512250535, 0.0123631254929, 0.00210583219729, -0.000339585190264, 0.00559936517716, -0.000303351180556};
    static final int[] POWER_D = {1, 1, 1, 1, 2, 2, 3, 1, 2, 4, 5, 5, 5, 6, 6, 6, 1, 1, 4, 4, 4, 7, 8, 2, 3, 3, 5, 5, 6, 7, 8, 10, 4, 8};
    static final double[] POWER_T = {0.0, 0.75, 1.0, 2.0, 0.75, 2.0, 0.75, 1.5, 1.5, 2.5, 0.0, 1.5, 2.0, 0.0, 1.0, 2.0, 3.0, 6.0, 3.0, 6.0, 8.0, 6.0, 0.0, 7.0, 12.0, 16.0, 22.0, 24.0, 16.0, 24.0, 8.0, 2.0, 28.0, 14.0};
    static final int[] POWER_L = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 6};

    // Residual part, Eq. (6.5), terms 35..39: n delta^d tau^t exp(-eta (delta - eps)^2 - beta (tau - gamma)^2)
    static final double[] GAUSS_N = {-213.654886883, 26641.5691493, -24027.2122046, -283.41603424, 212.472844002};
    static final int[] GAUSS_D = {2, 2, 2, 3, 3};
    static final double[] GAUSS_T = {1.0, 0.0, 1.0, 3.0, 3.0};
    static final double[] GAUSS_ETA = {25.0, 25.0, 25.0, 15.0, 20.0};
    static final double[] GAUSS_BETA = {325.0, 300.0, 300.0, 275.0, 275.0};
    static final double[] GAUSS_GAMMA = {1.16, 1.19, 1.19, 1.25, 1.22};
    static final double[] GAUSS_EPSILON = {1.0, 1.0, 1.0, 1.0, 1.0};

    // Residual part, Eq. (6.5), terms 40..42 (non-analytic): n Delta^b delta psi
    static final double[] NONANALYTIC_N = {-0.666422765408, 0.726086323499, 0.0550686686128};
    static final double[] NONANALYTIC_A = {3.5, 3.5, 3.0};
    static final double[] NONANALYTIC_B = {0.875, 0.925, 0.875};
    static final double[] NONANALYTIC_BETA = {0.3, 0.3, 0.3};
    static final double[] NONANALYTIC_CAPITAL_A = {0.7, 0.7, 0.7};
    static final double[] NONANALYTIC_CAPITAL_B = {0.3, 0.3, 1.0};
    static final double[] NONANALYTIC_C = {10.0, 10.0, 12.5};
    static final double[] NONANALYTIC_D = {275.0, 275.0, 275.0};

    // Ancillary equations (CoolProp fits to the EOS; used only as initial guesses), theta = 1 - T/Tc.
    /** p_sat = pc exp(Tc/T sum n theta^t); max error 0.00106 %. */
    static final double[] ANC_PSAT_N = {-5.867399337600407, -7.10969550015274, 11.022781986239263, 4.8260764050219995, -6.240803382557819, -6.7009642572439};
    static final double[] ANC_PSAT_T = {0.983, 1.322, 1.488, 2.807, 3.571, 1.941};
    /** rho' = rhoc (1 + sum n theta^t); max error 0.0442 %. */
    static final double[] ANC_RHOL_N = {0.861951794789174, 5.535795098719573, -21.766373764605415, 20.01416999278327, -2.2218647220786862, 888.2387848519858};
    static final double[] ANC_RHOL_T = {0.264, 0.672, 0.986, 1.092, 1.714, 9.902};
    /** rho'' = rhoc exp(Tc/T sum n theta^t); max error 0.0353 %. */
    static final double[] ANC_RHOV_N = {-1.1635587811569494, -3.64216164754343, 2.7773118075713237, -3.2573848494624533, -1.9739104682508852, -16.057319994659142};
    static final double[] ANC_RHOV_T = {0.306, 0.569, 0.677, 0.891, 3.206, 6.093};

    /** Melting line, Span &amp; Wagner Eq. (3.10): p_m = p_t (1 + a1 (T/Tt - 1) + a2 (T/Tt - 1)^2). */
    static final double MELTING_A1 = 1955.5390;
    static final double MELTING_A2 = 2055.4593;
}
