import Features
import Classifier
import Foundation

/// The worker threads a command uses: `--threads` (default: all cores), at most the core
/// count. Results do not depend on it, and each training thread holds its own buffers, so a
/// typo like `--threads 100000` (6.6 GB at peak) is clamped, with a warning.
func threadCount(_ requested: Int?) -> Int {
  let cores = FixedChunks.defaultThreads
  guard let requested else { return cores }
  if requested > cores {
    printError("stance: warning: --threads \(requested) is more than the \(cores) cores; using \(cores)")
    return cores
  }
  return requested
}

/// Removes the model file being written when SIGINT or SIGTERM arrives, then ends the process
/// by that signal as before (the old model is untouched; only the temporary file goes).
func removeTemporaryModelOnSignals() {
  _ = ModelFile.temporaryFileSlot  // initialized before any signal can read it
  for sig in [SIGINT, SIGTERM] {
    signal(sig) { sig in
      if let path = ModelFile.temporaryFileSlot.pointee { unlink(path) }
      signal(sig, SIG_DFL)
      raise(sig)
    }
  }
}
