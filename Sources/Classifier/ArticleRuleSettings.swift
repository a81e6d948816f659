import Foundation

/// How a document's sentence labels become the document's (article's) label.
///
/// Stored in the model file so that `stance score` applies the rule the model was trained
/// with; a labels directory may set it in its `stance.json` (see `ArticleRuleSettings.read`).
/// The rule, in order:
/// 1. Each sentence votes for its most probable label.
/// 2. If the labels other than `neutralLabel` win less than `stanceShare` of the sentences,
///    the document is neutral: a news report that quotes one stance sentence in ten stays neutral.
/// 3. Otherwise the first label of `precedence` that wins at least `precedenceVotes` sentences
///    labels the document (a frame that outweighs the rest, as the codebook's rule 2 puts
///    `state-media` over `skeptical`);
/// 4. otherwise the non-neutral label with the most votes (ties: the larger summed probability).
public struct ArticleRuleSettings: Codable, Equatable, Sendable {
  /// The label of reporting without stance; nil when the label set has none.
  public var neutralLabel: String?
  /// Share of a document's sentences (0...1) that non-neutral labels must win together.
  public var stanceShare: Double
  /// Labels that take the document, in this order, once they win `precedenceVotes` sentences.
  public var precedence: [String]
  /// Sentences (>= 1) a precedence label must win.
  public var precedenceVotes: Int

  /// A rule with every part given.
  public init(neutralLabel: String?, stanceShare: Double, precedence: [String], precedenceVotes: Int) {
    self.neutralLabel = neutralLabel
    self.stanceShare = stanceShare
    self.precedence = precedence
    self.precedenceVotes = precedenceVotes
  }

  /// The rule used when neither the labels nor the user say otherwise: neutral label
  /// `neutral`, a 25% stance share, no precedence (measured in docs/article-rule.md).
  public static let standard = ArticleRuleSettings(
    neutralLabel: "neutral", stanceShare: 0.25, precedence: [], precedenceVotes: 2)

  /// Errors in a rule given by a labels directory or the user.
  public enum SettingsError: Error, Equatable, Sendable {
    /// The file could not be parsed as the expected JSON.
    case malformed(file: String, reason: String)
    /// A value is out of range, or names a label the data does not have.
    case invalid(String)
  }

  /// Checks ranges and that every named label is one of `labels`.
  public func validate(labels: [String]) throws {
    guard (0...1).contains(stanceShare) else { throw SettingsError.invalid("stance share must be between 0 and 1") }
    guard precedenceVotes >= 1 else { throw SettingsError.invalid("precedence votes must be at least 1") }
    for label in precedence where !labels.contains(label) {
      throw SettingsError.invalid("precedence names '\(label)', which is not a label of the data \(labels)")
    }
    if let neutralLabel, neutralLabel == "" {
      throw SettingsError.invalid("the neutral label must not be empty")
    }
  }

  /// The rule of a labels directory's `stance.json` (`{"article_rule": {"neutral": "neutral",
  /// "stance_share": 0.15, "precedence": ["state-media"], "precedence_votes": 2}}`; every key
  /// optional, missing ones take `standard`'s), or nil when the file does not exist.
  public static func read(labelsDirectory directory: String) throws -> ArticleRuleSettings? {
    let path = directory.hasSuffix("/") ? directory + "stance.json" : directory + "/stance.json"
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    // Anything named stance.json but a readable regular file is said, not silently ignored.
    guard stat(path, &info) == 0 else {
      throw SettingsError.malformed(file: path, reason: "cannot read: \(String(cString: strerror(errno)))")
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw SettingsError.malformed(file: path, reason: "not a regular file (a directory, device or pipe)")
    }
    let data: [UInt8]
    do {
      data = try FileReading.bytes(of: path, limit: 1 << 20)
    } catch FileReading.Failure.system(let reason) {
      throw SettingsError.malformed(file: path, reason: "cannot read: \(reason)")
    } catch {
      throw SettingsError.malformed(file: path, reason: "larger than 1 MiB, not a settings file")
    }
    struct File: Decodable {
      struct Rule: Decodable {
        var neutral: String?
        var stance_share: Double?
        var precedence: [String]?
        var precedence_votes: Double?  // read as a number, then checked, so 1e30 gets a clear error
      }
      var article_rule: Rule?
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(data))
    } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
      let key = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw SettingsError.malformed(file: path, reason: "\(key): \(context.debugDescription)")
    } catch {
      throw SettingsError.malformed(file: path, reason: "not the expected JSON (\(error))")
    }
    guard let rule = file.article_rule else { return nil }
    var votes = standard.precedenceVotes
    if let given = rule.precedence_votes {
      guard given.rounded() == given, given >= 1, given <= 1_000_000 else {
        throw SettingsError.invalid("precedence_votes must be a whole number from 1 to 1000000, found \(given)")
      }
      votes = Int(given)
    }
    return ArticleRuleSettings(
      neutralLabel: rule.neutral ?? standard.neutralLabel, stanceShare: rule.stance_share ?? standard.stanceShare,
      precedence: rule.precedence ?? standard.precedence, precedenceVotes: votes)
  }
}
