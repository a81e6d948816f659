import Foundation
import XCTest

@testable import Features

/// PortableMath against Foundation (glibc's libm, itself within about 0.51 ULP of the exact
/// result): seeded random inputs over the whole domain, the edge cases, and a fingerprint of the
/// exact bits that must be the same on every machine.
final class PortableMathTests: XCTestCase {
  /// SplitMix64, so the inputs are the same on every run and platform.
  struct Inputs {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
  }

  /// How many doubles lie between `a` and `b` (0 when equal, also for two nans or two zeros).
  func ulps(_ a: Double, _ b: Double) -> UInt64 {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    if a == b { return 0 }
    // Bit patterns mapped to a line on which adjacent doubles are adjacent integers.
    func line(_ x: Double) -> Int64 {
      let bits = Int64(bitPattern: x.bitPattern)
      return bits < 0 ? Int64.min &- bits : bits
    }
    return line(a) > line(b) ? UInt64(line(a) &- line(b)) : UInt64(line(b) &- line(a))
  }

  /// The largest distance in ULPs from Foundation over `count` inputs, and the input where it was.
  func worst(
    _ count: Int, _ input: (inout Inputs) -> Double, _ mine: (Double) -> Double, _ reference: (Double) -> Double
  ) -> (ulps: UInt64, at: Double, differing: Int) {
    var inputs = Inputs(state: 20_261_207)
    var result: (ulps: UInt64, at: Double, differing: Int) = (0, 0, 0)
    for _ in 0..<count {
      let x = input(&inputs)
      let d = ulps(mine(x), reference(x))
      if d > 0 { result.differing += 1 }
      if d > result.ulps { result = (d, x, result.differing) }
    }
    return result
  }

  func testExpIsWithinOneULPOfFoundationOverItsWholeRange() {
    let whole = worst(300_000, { -746 + 1456 * $0.uniform() }, PortableMath.exp, Foundation.exp)
    XCTAssertLessThanOrEqual(whole.ulps, 1, "exp(\(whole.at))")
    // Softmax arguments (score minus the top score) and arguments of every binary magnitude.
    let softmax = worst(300_000, { -40 * $0.uniform() }, PortableMath.exp, Foundation.exp)
    XCTAssertLessThanOrEqual(softmax.ulps, 1, "exp(\(softmax.at))")
    let scales = worst(
      300_000, { ($0.uniform() - 0.5) * Double(sign: .plus, exponent: -Int($0.next() % 64), significand: 1) },
      PortableMath.exp, Foundation.exp)
    XCTAssertLessThanOrEqual(scales.ulps, 1, "exp(\(scales.at))")
    // Both are within about half an ULP of the exact value, so they rarely differ at all.
    XCTAssertLessThan(whole.differing, 300_000 / 100)
  }

  func testLogIsWithinOneULPOfFoundationForEveryPositiveDouble() {
    // Any bit pattern of a positive finite double: subnormals, normals, the largest.
    let any = worst(
      300_000, { Double(bitPattern: 1 + $0.next() % 0x7fef_ffff_ffff_ffff) }, PortableMath.log, Foundation.log)
    XCTAssertLessThanOrEqual(any.ulps, 1, "log(\(any.at))")
    // Near 1, where ln x nears 0 and cancellation would show.
    let nearOne = worst(
      300_000, { 1 + ($0.uniform() - 0.5) * Double(sign: .plus, exponent: -Int($0.next() % 52), significand: 1) },
      PortableMath.log, Foundation.log)
    XCTAssertLessThanOrEqual(nearOne.ulps, 1, "log(\(nearOne.at))")
    // Probabilities and counts, as calibration and tf-idf take them.
    let counts = worst(300_000, { 1e-30 + 1e6 * $0.uniform() * $0.uniform() }, PortableMath.log, Foundation.log)
    XCTAssertLessThanOrEqual(counts.ulps, 1, "log(\(counts.at))")
  }

  func testPowIsWithinOneULPOfFoundationForPositiveBases() {
    var inputs = Inputs(state: 19)
    var worstULPs: UInt64 = 0
    for _ in 0..<300_000 {
      let x = Double(bitPattern: 1 + inputs.next() % 0x40ff_ffff_ffff_ffff)  // (0, 2^16)
      let y = (inputs.uniform() - 0.5) * 16
      let expected = Foundation.pow(x, y)
      let d = ulps(PortableMath.pow(x, y), expected)
      // A subnormal result is rounded twice (to 53 bits, then to the subnormal's precision).
      XCTAssertLessThanOrEqual(d, expected.isNormal || expected.isInfinite ? 1 : 2, "pow(\(x), \(y))")
      worstULPs = max(worstULPs, d)
    }
    XCTAssertLessThanOrEqual(worstULPs, 2)
    // Class weights: balanced weights to a power in 0...2.
    for w in stride(from: 0.05, through: 20, by: 0.05) {
      for power in stride(from: 0.0, through: 2, by: 0.125) {
        XCTAssertLessThanOrEqual(ulps(PortableMath.pow(w, power), Foundation.pow(w, power)), 1, "pow(\(w), \(power))")
      }
    }
  }

  /// Expected values are the exact results correctly rounded (Python's `decimal` at 60 digits).
  func testEdgeCasesOfExpAndLog() {
    let edges: [(Double, Double)] = [
      (0, 1), (-0.0, 1), (.infinity, .infinity), (-.infinity, 0), (710, .infinity), (1e300, .infinity),
      (-746, 0), (-1e300, 0), (0x1p-60, 1), (-0x1p-60, 1), (.leastNonzeroMagnitude, 1),
      (1, Double(bitPattern: 0x4005_bf0a_8b14_5769)),  // e, correctly rounded
      (-745.13321910194110, .leastNonzeroMagnitude),  // the smallest subnormal
      (709.782712893384, Double(bitPattern: 0x7fef_ffff_ffff_ff2a)),  // near the largest double
      (709.79, .infinity),
    ]
    for (x, expected) in edges {
      XCTAssertEqual(PortableMath.exp(x).bitPattern, expected.bitPattern, "exp(\(x))")
      XCTAssertLessThanOrEqual(ulps(PortableMath.exp(x), Foundation.exp(x)), 1, "exp(\(x)) against Foundation")
    }
    XCTAssertTrue(PortableMath.exp(.nan).isNaN)
    // exp(-708.5) and below are subnormal: every one within 1 ULP of Foundation.
    for x in stride(from: -745.1, through: -700, by: 0.0137) {
      XCTAssertLessThanOrEqual(ulps(PortableMath.exp(x), Foundation.exp(x)), 1, "exp(\(x))")
    }

    let logEdges: [(Double, Double)] = [
      (1, 0), (0, -.infinity), (-0.0, -.infinity), (.infinity, .infinity),
      (2, Double(bitPattern: 0x3fe6_2e42_fefa_39ef)),  // ln 2, correctly rounded
      (.greatestFiniteMagnitude, Double(bitPattern: 0x4086_2e42_fefa_39ef)),
      (.leastNonzeroMagnitude, Double(bitPattern: 0xc087_4385_446d_71c3)),
      (.leastNormalMagnitude, Double(bitPattern: 0xc086_232b_dd7a_bcd2)),
    ]
    for (x, expected) in logEdges {
      XCTAssertEqual(PortableMath.log(x).bitPattern, expected.bitPattern, "log(\(x))")
    }
    XCTAssertEqual(PortableMath.log(1).sign, .plus)
    for x in [-1, -0x1p-1074, -.infinity, .nan] { XCTAssertTrue(PortableMath.log(x).isNaN, "log(\(x))") }
    // Powers of two are k·ln 2 rounded once.
    for k in -1074...1023 {
      let x = Double(sign: .plus, exponent: k, significand: 1)
      XCTAssertLessThanOrEqual(ulps(PortableMath.log(x), Foundation.log(x)), 1, "log(2^\(k))")
    }
  }

  /// C's `pow` special cases (C11 F.10.4.4), which Foundation implements exactly: zeros,
  /// infinities, nan, negative bases, 1 and -1, exact integer powers.
  func testPowSpecialCasesMatchFoundationBitForBit() {
    let values: [Double] = [
      0, -0.0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 0.25, 10, .infinity, -.infinity, .nan, 1e300, -1e300, 1e-300,
      .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 0x1p53, -0x1p53, 0x1p53 + 2, 0x1p52 + 1, -(0x1p52 + 1), 7.5,
      -7.5,
    ]
    for x in values {
      for y in values {
        let expected = Foundation.pow(x, y)
        let mine = PortableMath.pow(x, y)
        if expected.isNaN {
          XCTAssertTrue(mine.isNaN, "pow(\(x), \(y)) = \(mine), not nan")
        } else if expected.isInfinite || expected == 0 || expected == expected.rounded() && abs(expected) < 0x1p53 {
          // Zeros, infinities and exact integers: same value and sign.
          XCTAssertEqual(mine.bitPattern, expected.bitPattern, "pow(\(x), \(y)) = \(mine), not \(expected)")
        } else {
          XCTAssertLessThanOrEqual(ulps(mine, expected), 1, "pow(\(x), \(y)) = \(mine), not \(expected)")
        }
      }
    }
  }

  /// The exact bits of many results, folded into one number. The functions use only IEEE
  /// arithmetic, which every conforming machine rounds alike, so this number is the same
  /// everywhere; a change to PortableMath that changes any bit changes it (and with it every
  /// trained model: then retrain the shipped model and update this number).
  func testResultsAreTheSameBitsOnEveryMachine() {
    var inputs = Inputs(state: 1)
    var fingerprint: UInt64 = 0
    func fold(_ v: Double) { fingerprint = (fingerprint &* 1_000_003) ^ v.bitPattern }
    for _ in 0..<100_000 {
      fold(PortableMath.exp(-746 + 1456 * inputs.uniform()))
      fold(PortableMath.log(Double(bitPattern: 1 + inputs.next() % 0x7fef_ffff_ffff_ffff)))
      fold(PortableMath.pow(0.01 + 100 * inputs.uniform(), (inputs.uniform() - 0.5) * 8))
    }
    XCTAssertEqual(String(fingerprint, radix: 16), "d2277d6a5d15e0e5")
  }
}
