import EarshotAutodiff
import EarshotWorld
import Foundation

/// Policy checkpoints: safetensors files whose tensors are the network's parameters
/// (named as `PolicyNetwork` documents) and, in training checkpoints, the trainer's
/// state under `trainer.` (Adam moments `trainer.adam.m.<name>` and `.v.<name>`).
///
/// `__metadata__` holds JSON strings: `architecture` (`PolicyArchitecture.json`),
/// `config` (the training config file's text), `trainer` (iteration, updates, Adam's
/// step count, the scenario files and every recorded trajectory as
/// `[scenario, episode, "actions as digits"]`), `earshot_version` and `commit`.
public enum PolicyCheckpoint {
  /// Loads the network of a checkpoint, ignoring any trainer state.
  ///
  /// - Throws: `LearningError.badCheckpoint` naming the file and what is wrong.
  public static func loadNetwork(_ path: String) throws -> (PolicyNetwork, [String: String]) {
    let contents = try read(path)
    guard let text = contents.metadata["architecture"] else {
      throw LearningError.badCheckpoint(
        path: path, reason: "no architecture in __metadata__; not an Earshot policy checkpoint")
    }
    let architecture: PolicyArchitecture
    do {
      architecture = try PolicyArchitecture(json: text)
    } catch {
      throw LearningError.badCheckpoint(path: path, reason: "\(error)")
    }
    let network = try PolicyNetwork(architecture, seed: 0)
    let weights = contents.tensors.filter { !$0.key.hasPrefix("trainer.") }
    do {
      try network.loadParameters(from: weights)
    } catch {
      throw LearningError.badCheckpoint(path: path, reason: "\(error)")
    }
    for (name, tensor) in network.namedParameters {
      if let bad = tensor.firstNonFinite {
        throw LearningError.badCheckpoint(
          path: path, reason: "tensor '\(name)' holds \(bad.value) at index \(bad.index)")
      }
    }
    return (network, contents.metadata)
  }

  static func read(_ path: String) throws -> SafeTensors.Contents {
    guard FileManager.default.fileExists(atPath: path) else {
      throw LearningError.badCheckpoint(path: path, reason: "no such file")
    }
    do {
      return try SafeTensors.read(from: URL(fileURLWithPath: path))
    } catch {
      throw LearningError.badCheckpoint(path: path, reason: "\(error)")
    }
  }
}

extension PolicyTrainer {
  /// Writes the network and the trainer's state (atomically).
  public func saveCheckpoint(to path: String, commit: String?) throws {
    var tensors = [String: Tensor]()
    let named = network.namedParameters
    for (name, tensor) in named { tensors[name] = tensor }
    for ((name, _), pair) in zip(named, adam.moments(of: named.map(\.tensor))) {
      tensors["trainer.adam.m.\(name)"] = pair.m
      tensors["trainer.adam.v.\(name)"] = pair.v
    }
    let recorded = dataset.map { "[\($0.scenario), \($0.episode), \"\($0.actionDigits)\"]" }
    let files = scenarios.map { "\"\($0.file.replacingOccurrences(of: "\"", with: "\\\""))\"" }
    let trainer = #"{"iteration": \#(iteration), "updates": \#(updates), "#
      + #""adam_steps": \#(adam.stepCount), "scenarios": [\#(files.joined(separator: ", "))], "#
      + #""trajectories": [\#(recorded.joined(separator: ", "))]}"#
    var metadata = [
      "architecture": network.architecture.json, "config": config.text, "trainer": trainer,
      "earshot_version": "0.1.0", "format": "earshot-policy-1",
    ]
    if let commit { metadata["commit"] = commit }
    do {
      try SafeTensors.write(tensors: tensors, metadata: metadata, to: URL(fileURLWithPath: path))
    } catch {
      throw LearningError.badCheckpoint(path: path, reason: "cannot write: \(error)")
    }
  }

  /// Continues from a training checkpoint of the same config: weights, Adam's state,
  /// counters, and the dataset rebuilt by replaying the recorded trajectories.
  public func resume(from path: String) throws {
    let contents = try PolicyCheckpoint.read(path)
    guard let architecture = contents.metadata["architecture"],
      let trainerText = contents.metadata["trainer"],
      case .object(let trainer)? = try? JSONValue.parse(Data(trainerText.utf8)),
      case .int(let iteration)? = trainer["iteration"],
      case .int(let updates)? = trainer["updates"],
      case .int(let steps)? = trainer["adam_steps"],
      case .array(let recorded)? = trainer["trajectories"]
    else {
      throw LearningError.badCheckpoint(path: path, reason: "not a training checkpoint (--resume)")
    }
    guard architecture == network.architecture.json else {
      throw LearningError.badCheckpoint(
        path: path, reason: "written for another architecture than this config's")
    }
    // The same run: every key agrees but the budgets of iterations, which may grow.
    if let text = contents.metadata["config"],
      let difference = TrainingConfig.difference(from: text, to: config.text)
    {
      throw LearningError.badCheckpoint(
        path: path,
        reason: "written by another training config (\(difference)); "
          + "--resume continues the same run")
    }
    let named = network.namedParameters
    do {
      try network.loadParameters(from: contents.tensors.filter { !$0.key.hasPrefix("trainer.") })
      let moments = try named.map { name, _ -> (m: Tensor, v: Tensor) in
        guard let m = contents.tensors["trainer.adam.m.\(name)"],
          let v = contents.tensors["trainer.adam.v.\(name)"]
        else { throw LearningError.badCheckpoint(path: path, reason: "no Adam state for \(name)") }
        return (m, v)
      }
      try adam.restore(stepCount: steps, moments: moments, of: named.map(\.tensor))
    } catch let e as LearningError {
      throw e
    } catch {
      throw LearningError.badCheckpoint(path: path, reason: "\(error)")
    }
    var list = [(scenario: Int, episode: Int, actions: [Action])]()
    for entry in recorded {
      guard case .array(let f) = entry, f.count == 3, case .int(let s) = f[0],
        case .int(let e) = f[1], case .string(let digits) = f[2], s >= 0, s < scenarios.count
      else { throw LearningError.badCheckpoint(path: path, reason: "a bad trajectory record") }
      let actions = digits.compactMap { $0.wholeNumberValue.flatMap(Action.init(rawValue:)) }
      list.append((s, e, actions))
    }
    restore(iteration: iteration, updates: updates)
    try replay(list)
  }
}
