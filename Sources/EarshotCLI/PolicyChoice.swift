import EarshotWorld
import Foundation

/// What `--policy` names: `oracle`, `random` or a checkpoint file.
enum PolicyChoice {
  /// The policy maker for `name`, as `bench`, `render` and `view` take it.
  ///
  /// - Throws: `CLIError.usage` for a name that is neither a policy nor a file.
  static func maker(_ name: String) throws -> PolicyMaker {
    switch name {
    case "oracle":
      return { _ in OraclePolicy() }
    case "random":
      return { RandomPolicy(seed: $0.seed, episode: $0.index) }
    default:
      guard FileManager.default.fileExists(atPath: name) else {
        throw CLIError.usage("--policy: '\(name)' is not oracle, random or a checkpoint file")
      }
      throw CLIError.usage("\(name): checkpoint policies need the learning module, not yet built")
    }
  }
}
