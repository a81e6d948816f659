/// Splits text into word tokens with one of the `TokenPattern` rules (see there), after the
/// rule's normalization (lowercasing always).
public struct Tokenizer: Sendable {
  /// The token rule.
  public let pattern: TokenPattern

  /// A tokenizer for `pattern`.
  public init(pattern: TokenPattern) { self.pattern = pattern }

  /// The tokens of `text`, in order, as normalized lowercase strings.
  public func tokens(_ text: String) -> [String] {
    var bytes: [UInt8] = []
    var ranges: [Int32] = []
    TextNormalizer.normalize(text, pattern: pattern, into: &bytes)
    bytes.withUnsafeBufferPointer { TokenScanner.scan($0, pattern: pattern, into: &ranges) }
    return stride(from: 0, to: ranges.count, by: 2).map { k in
      String(decoding: bytes[Int(ranges[k])..<Int(ranges[k + 1])], as: UTF8.self)
    }
  }
}
