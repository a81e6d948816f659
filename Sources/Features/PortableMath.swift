/// The natural exponential and logarithm, and a power built on them, that give the same bits on
/// every CPU and C library: computed with IEEE-754 `+ − × ÷` (correctly rounded everywhere),
/// integer and bit operations and the fixed tables of `PortableMath+Tables.swift`, never libm.
///
/// Why it exists: glibc chooses its `exp`, `log` and `pow` per CPU when it loads (an FMA version
/// where the CPU has FMA and AVX2, an SSE2 one elsewhere), and the two round differently in the
/// last bit for about 1 input in 1,700 (`exp`). Training, tf-idf weights and calibration call
/// these functions millions of times, so a machine without FMA, or another C library, trained
/// a different model file from the same data. Swift does not fuse `a * b + c` into one rounding
/// unless told to, and nothing here uses explicit FMA, so these results are the same everywhere.
///
/// Accuracy: within 1 ULP of the exact result over the whole domain; normal results stay under
/// 0.52 ULP (glibc's: 0.51), subnormal results of `exp` and `pow` are rounded twice (under 0.75).
/// `PortableMathTests` checks them against Foundation; `bench/RESULTS.md` gives the measurement.
/// Speed: `exp` costs what glibc's does, `log` 1.7 times and `pow` 1.4 times as much
/// (`bench/portable_math.sh`), which training and scoring do not notice.
///
/// Method: table-driven argument reduction (P. T. P. Tang, ACM TOMS 15(2), 1989 and
/// 16(4), 1990). The polynomials are the Taylor series, long enough that the terms left out
/// stay below 2^-56 of the result.
package enum PortableMath {
  /// e^x for any `x`: +inf above about 709.78, +0 below about -745.13, 1 for ±0, nan for nan.
  package static func exp(_ x: Double) -> Double {
    let magnitude = x.bitPattern & 0x7fff_ffff_ffff_ffff
    // |x| < 2^-54: e^x rounds to 1 + x (to 1 itself except for directed rounding).
    if magnitude < 0x3c90_0000_0000_0000 { return 1 + x }
    // |x| >= 704: results near overflow or underflow take the scaled path in `expCore`.
    if magnitude >= 0x4086_0000_0000_0000 {
      if x.isNaN { return x }
      if x >= 710 { return .infinity }
      if x <= -746 { return 0 }
    }
    return expCore(x, tail: 0)
  }

  /// ln x for any `x`: -inf for ±0, nan for negative `x` and nan, +inf for +inf, and exactly 0
  /// for 1. Subnormal `x` are handled.
  package static func log(_ x: Double) -> Double {
    let bits = x.bitPattern
    // Zero, subnormals, negatives, infinities and nan are the bit patterns outside the normal
    // positive range; subnormals go on to `logCore`, which rescales them.
    if bits &- 0x0010_0000_0000_0000 >= 0x7fe0_0000_0000_0000 {
      if x.isNaN { return x }
      if x < 0 { return .nan }
      if x == 0 { return -.infinity }
      if x == .infinity { return x }
    }
    let parts = logCore(x)
    return parts.high + parts.low
  }

  /// x^y with the special cases of C's `pow` (IEEE 754-2008 `pow`): `pow(x, 0)` and `pow(1, y)`
  /// are 1, negative `x` needs an integer `y` (else nan), zero and infinite operands give the
  /// signed zeros and infinities C gives. ln x is carried in two doubles, so the error stays
  /// near 1 ULP even when `y · ln x` is large.
  package static func pow(_ x: Double, _ y: Double) -> Double {
    if y == 0 || x == 1 { return 1 }
    if x.isNaN || y.isNaN { return .nan }
    // Which sign an integer power of a negative base keeps.
    // Doubles of magnitude 2^52 and above are integers, and from 2^53 up even ones; below 2^53,
    // truncation to Int64 (an exact conversion, not libm's `trunc`) tells integers and odd ones apart.
    let yIsInteger = y.isFinite && (abs(y) >= 0x1p52 || y == Double(Int64(y)))
    let yIsOddInteger = yIsInteger && abs(y) < 0x1p53 && Int64(y) & 1 == 1
    if y.isInfinite {
      if x == -1 { return 1 }
      return (abs(x) < 1) == (y < 0) ? .infinity : 0
    }
    if x == 0 || x.isInfinite {
      // 0^y and inf^y are 0 or inf, keeping x's sign for odd integer y.
      let big = (x == 0) == (y < 0)
      let magnitude: Double = big ? .infinity : 0
      return yIsOddInteger && x.sign == .minus ? -magnitude : magnitude
    }
    var sign = 1.0
    if x < 0 {
      guard yIsInteger else { return .nan }
      if yIsOddInteger { sign = -1 }
    }
    let lnX = logCore(abs(x))
    let product = y * lnX.high
    if !(product < 710) { return sign * .infinity }
    if !(product > -746) { return sign * 0 }
    // y · (high + low) to about 2^-100 relative: Dekker's exact product of y and high (Veltkamp
    // splits into 26-bit halves, so each partial product is exact), plus y · low.
    let (yHigh, yLow) = split(y)
    let (lHigh, lLow) = split(lnX.high)
    let productError = (((yHigh * lHigh - product) + yHigh * lLow) + yLow * lHigh) + yLow * lLow
    return sign * expCore(product, tail: productError + y * lnX.low)
  }

  /// e^(x + tail) for -746 < x < 710 and |tail| tiny against the reduced argument (< 2^-40):
  /// x = (128·k + i)·ln2/128 + r with |r| <= ln2/256, e^x = 2^k · 2^(i/128) · e^r.
  private static func expCore(_ x: Double, tail: Double) -> Double {
    // Adding 1.5·2^52 rounds x·128/ln2 to an integer n held in the low bits of the sum.
    let shift = 0x1.8p52
    let shifted = x * invLn2By128 + shift
    let n = Int(Int64(bitPattern: shifted.bitPattern) &- Int64(bitPattern: shift.bitPattern))
    let nd = shifted - shift
    // x − n·ln2High is exact (the operands are within a factor 2 and n·ln2High is exact).
    let r = ((x - nd * ln2By128High) - nd * ln2By128Low) + tail
    let entry = exp2Table[n & 127]
    let k = n >> 7
    // e^r − 1 to degree 5: the next term, r^6/720 <= 2^-60, is below the rounding. Grouped in
    // pairs (Estrin's scheme) to shorten the chain of dependent operations.
    let r2 = r * r
    let p = r + r2 * ((0.5 + r * (1.0 / 6)) + r2 * (1.0 / 24 + r * (1.0 / 120)))
    let high = Double(bitPattern: entry.high)
    let y = high + (Double(bitPattern: entry.low) + high * p)
    if k >= -1016 && k <= 1016 { return y * powerOfTwo(k) }
    // Near overflow and underflow 2^k itself is not a normal double: scale in two steps; the
    // first is exact, the second rounds once (into the subnormals when the result is that small).
    return k > 0 ? (y * powerOfTwo(k - 1000)) * 0x1p1000 : (y * powerOfTwo(k + 1000)) * 0x1p-1000
  }

  /// ln x for positive finite `x`, as `high + low` with |low| ≤ about 2^-52·|high| and an error
  /// of about 2^-65 relative: x = 2^k · m with m in [0.6875, 1.375), m ≈ c from a table of 128
  /// intervals, ln x = k·ln2 + ln c + ln(m/c).
  private static func logCore(_ x: Double) -> (high: Double, low: Double) {
    var bits = x.bitPattern
    var exponentShift = 0
    if bits < 0x0010_0000_0000_0000 {
      bits = (x * 0x1p52).bitPattern
      exponentShift = -52
    }
    let offset: UInt64 = 0x3fe6_0000_0000_0000  // 0.6875
    let t = bits &- offset
    let entry = logTable[Int((t >> 45) & 127)]
    let k = Int(Int64(bitPattern: t) >> 52) + exponentShift
    let m = Double(bitPattern: bits &- (t & 0xfff0_0000_0000_0000))
    // r = m·(1/c) − 1 as rHigh + rLow, both exact: m's top 26 bits times the 10-bit inverse is
    // exact, and so is its difference with 1 and the product of the remaining 27 bits.
    let mHigh = Double(bitPattern: m.bitPattern & 0xffff_ffff_f800_0000)
    let inverse = Double(bitPattern: entry.inverse)
    let rHigh = mHigh * inverse - 1
    let rLow = (m - mHigh) * inverse
    // r rounded, and what rounding lost (two-sum): where ln c nearly cancels r, dropping it
    // would cost up to 0.13 ULP.
    let (r, rError) = twoSum(rHigh, rLow)
    let kd = Double(k)
    // Both terms are multiples of 2^-43 below 2^10 in magnitude, so the sum is exact.
    let w = kd * ln2High + Double(bitPattern: entry.high)
    // w + r exactly as high + sumError (Dekker's fast two-sum): |w| > |r| unless w is 0, as
    // |ln c| > 2^-7.5 > |r| for every c but 1.
    let high = w + r
    let sumError = r - (high - w)
    // ln(1 + r) − r to degree 8: |r| <= 2^-7, so the next term, r^9/9, is below 2^-56·|r|.
    // Estrin's scheme, as in `expCore`.
    let r2 = r * r
    let r4 = r2 * r2
    let series =
      ((-0.5 + r * (1.0 / 3)) + r2 * (-0.25 + r * 0.2)) + r4 * ((-1.0 / 6 + r * (1.0 / 7)) + r2 * -0.125)
    return (high, (sumError + rError) + r2 * series + (kd * ln2Low + Double(bitPattern: entry.low)))
  }

  /// a + b as the rounded sum and its exact error (Knuth's two-sum: any magnitudes, no branch).
  private static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let sum = a + b
    let bPart = sum - a
    return (sum, (a - (sum - bPart)) + (b - bPart))
  }

  /// 2^k for -1022 <= k <= 1023, built from its bits.
  private static func powerOfTwo(_ k: Int) -> Double {
    Double(bitPattern: UInt64(truncatingIfNeeded: k + 1023) << 52)
  }

  /// `value` as high + low with at most 26 significant bits in each (Veltkamp's split), so
  /// products of two halves are exact. |value| must be below 2^995.
  private static func split(_ value: Double) -> (Double, Double) {
    let scaled = value * 134_217_729  // 2^27 + 1
    let high = scaled - (scaled - value)
    return (high, value - high)
  }
}
