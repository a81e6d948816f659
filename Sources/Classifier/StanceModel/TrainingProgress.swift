/// Where a training run is, as `Training` tells its `progress` observer: a phase (a
/// cross-validation fold, the final model, ...) and a step within it (features, sentence model,
/// a context fold, ...). Optimizer iterations come separately, through `FitProgress`.
public enum TrainingProgress: Equatable, Sendable {
  /// A phase starts (`cross-validation fold 2/5`, `final model`); its steps follow.
  case phase(String)
  /// A step of the current phase starts (`features`, `sentence model`, `context fold 3/5`).
  case step(String)
}
