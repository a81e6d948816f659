import Features

@testable import Classifier
@testable import LinearModel

/// A small real one-stage model (word and character n-grams, three labels) that the model-file
/// tests damage or extend.
enum TinyModel {
  static let model: TrainedModel = {
    let texts = [
      "The ministers met in Tokyo on Monday.", "Allies stand together with an ironclad commitment.",
      "Washington's Cold War mentality and bloc confrontation.", "The talks lasted two hours.",
      "Like-minded democracies deter aggression.", "So-called rules serve US hegemony.",
    ]
    let labels: [Int32] = [0, 1, 2, 0, 1, 2]
    let settings = FeatureSettings(wordNGrams: 1...1, charNGrams: 3...3)
    let vectorizer = try! TfidfVectorizer.fit(texts, settings: settings, threads: 1)
    let (classifier, report) = try! LogisticRegression.fit(
      vectorizer.transform(texts, threads: 1), labels: labels, classCount: 3, sampleWeights: nil,
      options: TrainingOptions(), warmStart: nil)
    let metadata = ModelMetadata(
      labels: ["neutral", "pro", "state"], featureSettings: settings, vocabularySize: vectorizer.vocabulary.count,
      classCount: 3, trainingExamples: texts.count, examplesPerLabel: [2, 2, 2], trainingDataHash: "0123456789abcdef",
      trainingOptions: TrainingOptions(), fit: report, crossValidation: nil, toolVersion: "test")
    return TrainedModel(metadata: metadata, vectorizer: vectorizer, classifier: classifier)
  }()
}
