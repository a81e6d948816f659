// Times PortableMath's exp, log and pow against Foundation's (glibc's on Linux) on a million
// inputs each, in ranges training and scoring use; prints CPU ns per call (median of the runs).
// Built and run by bench/portable_math.sh.
import Foundation

var state: UInt64 = 1
func uniform() -> Double {
  state &+= 0x9E37_79B9_7F4A_7C15
  var z = state
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
}

let count = 1_000_000
let runs = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 7
// Softmax arguments (score − top), probabilities and counts for log, class weights for pow.
let expInputs = (0..<count).map { _ in -30 * uniform() }
let logInputs = (0..<count).map { _ in 1e-6 + 1e4 * uniform() * uniform() }
let powBases = (0..<count).map { _ in 0.2 + 5 * uniform() }

/// This thread's CPU time in nanoseconds: unlike wall time, not charged for other processes on a
/// shared machine.
func cpuNanoseconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) * 1e9 + Double(t.tv_nsec)
}

/// Median CPU nanoseconds per call of `body` over `runs` runs; the sum keeps the work alive.
func time(_ name: String, _ inputs: [Double], _ body: (Double) -> Double) -> Double {
  var samples: [Double] = []
  var sink = 0.0
  for _ in 0..<runs {
    let start = cpuNanoseconds()
    for x in inputs { sink += body(x) }
    samples.append((cpuNanoseconds() - start) / Double(inputs.count))
  }
  if sink == 42 { print("") }
  return samples.sorted()[runs / 2]
}

print("| function | Foundation ns/call | PortableMath ns/call | ratio |")
print("|---|---|---|---|")
let rows: [(String, [Double], (Double) -> Double, (Double) -> Double)] = [
  ("exp", expInputs, { Foundation.exp($0) }, { PortableMath.exp($0) }),
  ("log", logInputs, { Foundation.log($0) }, { PortableMath.log($0) }),
  ("pow(x, 0.5)", powBases, { Foundation.pow($0, 0.5) }, { PortableMath.pow($0, 0.5) }),
]
for (name, inputs, foundation, portable) in rows {
  let a = time(name, inputs, foundation)
  let b = time(name, inputs, portable)
  print(String(format: "| %@ | %.1f | %.1f | %.2f |", name, a, b, b / a))
}
