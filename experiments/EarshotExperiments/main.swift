import Foundation

// Each experiment is a function that prints its results on stdout and may
// write files under results/. Usage: earshot-experiments NAME [args...]
let experiments: [String: ([String]) throws -> Void] = [
  "classification": runClassification,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let run = experiments[name] else {
  let names = experiments.keys.sorted().joined(separator: ", ")
  let usage = "usage: earshot-experiments NAME [args]; NAME is one of \(names)\n"
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}
do {
  try run(Array(arguments.dropFirst()))
} catch {
  FileHandle.standardError.write(Data("earshot-experiments: error: \(error)\n".utf8))
  exit(1)
}
