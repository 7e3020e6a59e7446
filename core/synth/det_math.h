#pragma once
// sin, cos and log computed only with IEEE 754 basic operations, so that the generator's output
// does not depend on the C library's libm (whose last-bit results differ between systems).
// Accuracy ~1e-9, plenty for drawing and sampling.
// Threading: pure functions.

#include <cmath>

namespace actbert::synth {

inline constexpr double kDetPi = 3.14159265358979323846;

// sin(x) for any finite x.
inline double detSin(double x) {
    // Reduce to [-pi, pi], then to [-pi/2, pi/2] with sin(pi - r) = sin(r).
    const double two_pi = 2.0 * kDetPi;
    double r = x - two_pi * std::floor(x / two_pi + 0.5);
    if (r > kDetPi / 2) {
        r = kDetPi - r;
    } else if (r < -kDetPi / 2) {
        r = -kDetPi - r;
    }
    const double r2 = r * r;
    // Taylor series to r^15: error below 1e-11 on [-pi/2, pi/2].
    double term = r;
    double sum = r;
    for (int k = 1; k <= 7; ++k) {
        term *= -r2 / static_cast<double>((2 * k) * (2 * k + 1));
        sum += term;
    }
    return sum;
}

inline double detCos(double x) {
    return detSin(x + kDetPi / 2);
}

// Natural log for x > 0: x = m * 2^e with m in [0.5, 1), log m = 2 atanh((m - 1) / (m + 1)).
inline double detLog(double x) {
    int exponent = 0;
    const double mantissa = std::frexp(x, &exponent);      // exact
    const double z = (mantissa - 1.0) / (mantissa + 1.0);  // in [-1/3, 0)
    const double z2 = z * z;
    double term = z;
    double sum = z;
    for (int k = 1; k <= 12; ++k) {
        term *= z2;
        sum += term / static_cast<double>(2 * k + 1);
    }
    return 2.0 * sum + static_cast<double>(exponent) * 0.69314718055994530942;
}

}  // namespace actbert::synth
