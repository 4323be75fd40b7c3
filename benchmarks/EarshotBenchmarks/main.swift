import EarshotAutodiff
import Foundation

// Each benchmark is a function that prints its figures on stdout.
// Usage: earshot-benchmarks NAME [args...]
let benchmarks: [String: ([String]) -> Void] = [
  "attribution": attributionBenchmark,
  "audio": audioBenchmark,
  "autodiff": autodiffBenchmark,
  "dynamics": dynamicsBenchmark,
  "observation": observationBenchmark,
  "training": trainingBenchmark,
  "vision": visionBenchmark,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let run = benchmarks[name] else {
  let names = benchmarks.keys.sorted().joined(separator: ", ")
  let usage = "usage: earshot-benchmarks NAME [args]; NAME is one of \(names)\n"
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}
// As `earshot` does: freed tensors stay in the heap for reuse.
TensorMemory.reuseFreedBlocks()
run(Array(arguments.dropFirst()))
