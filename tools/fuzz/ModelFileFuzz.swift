// libFuzzer harness for the model-file reader and the labels parsers (see run.sh).
// Any input must give a value or a typed error; a trap, overflow or memory error is a finding.
import Features
import Foundation

@testable import Classifier

/// libFuzzer entry point: `size` bytes at `data`, one input; always returns 0 (findings are traps).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  if let model = try? ModelFile.decode(bytes, path: "fuzz.model") {
    // A model that decodes must also score.
    let x = model.vectorizer.transform(["Allies stand together against so-called hegemony."], threads: 1)
    _ = model.classifier.probabilities(x, threads: 1)
  }
  if let text = String(bytes: bytes, encoding: .utf8) {
    _ = try? LabelledDataFormats.tsv(text, file: "fuzz.tsv")
    _ = try? LabelledDataFormats.jsonl(text, file: "fuzz.jsonl")
    _ = LabelledDataFormats.plainText(text, file: "fuzz.txt", label: "fuzz")
  }
  return 0
}
