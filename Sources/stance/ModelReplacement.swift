import Classifier
import Foundation

/// Whether `train` may replace the file at its output path.
///
/// A model is replaced silently only by one trained on the same data (the same data hash:
/// retraining with other settings, or after a code change). A model trained on other data, or a
/// file that is not a model, stays unless `--force` is given: `stance train mine.tsv` in the
/// checkout must not quietly overwrite the shipped model.
enum ModelReplacement {
  /// Checks the file that `train` would replace (`target`, shown to the user as `output`).
  /// No file, an empty file, or a model with `dataHash` may be replaced; so may anything with
  /// `force`.
  /// - Throws: `CLIError` (exit 1) naming `--force` when the file holds a model trained on other
  ///   data or is not a readable model.
  static func check(
    _ target: String, shownAs output: String, dataHash: @autoclosure () -> String, examples: Int, force: Bool
  )
    throws
  {
    guard !force else { return }
    var info = stat()
    guard stat(target, &info) == 0, info.st_size > 0 else { return }
    let existing: TrainedModel
    do {
      existing = try ModelFile.read(target)
    } catch {
      throw CLIError(
        "\(output): exists and is not a model this stance reads (\(CLIError.describe(error).message)); "
          + "pass --force to replace it, or -o to write elsewhere")
    }
    let metadata = existing.metadata
    // Hashed only here: with no model to compare against (the usual case), a large table is not
    // sorted for nothing (training hashes it once more for the model).
    let dataHash = dataHash()
    guard metadata.trainingDataHash != dataHash else { return }
    throw CLIError(
      "\(output): holds a model trained on different data (\(metadata.trainingExamples) examples, data hash "
        + "\(metadata.trainingDataHash); these labels: \(examples) examples, data hash \(dataHash)); "
        + "pass --force to replace it, or -o to write elsewhere")
  }
}
