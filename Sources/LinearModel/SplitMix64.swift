/// SplitMix64 (Steele, Lea & Flood 2014), the seeded generator behind every shuffle in the
/// classifier: the same seed gives the same sequence on every platform and Swift version,
/// which the system generator does not promise.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed` (any value).
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0 ..< bound` (bound >= 1), by Lemire's unbiased multiply-and-reject,
  /// spelled out so the sequence does not depend on the standard library's algorithm.
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound >= 1, "bound must be positive")
    let b = UInt64(bound)
    while true {
      let product = next().multipliedFullWidth(by: b)
      if product.low >= (0 &- b) % b { return Int(product.high) }
    }
  }

  /// Shuffles `array` in place (Fisher–Yates, from the end).
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, below(i + 1)) }
  }
}
