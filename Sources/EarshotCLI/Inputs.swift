import EarshotAudio
import EarshotMedia
import EarshotWorld
import Foundation

/// Checks of the user's inputs that every command shares, made before any work
/// is done or any file is written.
enum Inputs {
  /// The project's `assets/` folder: `EARSHOT_ASSETS`, else found upwards from
  /// `path`, the current folder, or the `earshot` binary itself.
  static func assetsFolder(near path: String?) -> String? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    let starts = [path, FileManager.default.currentDirectoryPath, binary].compactMap { $0 }
    for start in starts {
      if let folder = try? ClipLibrary.findAssetsFolder(from: start) { return folder }
    }
    return nil
  }

  /// Loads every sound the scenario names, so that a missing or unreadable clip is
  /// reported with the scenario file and key (`goal.sound`, `distractors[1].sound`).
  static func checkSounds(_ scenario: Scenario, clips: ClipLibrary) throws {
    let sources = [("goal", scenario.goal)]
      + scenario.distractors.enumerated().map { ("distractors[\($0.offset)]", $0.element) }
    for (key, spec) in sources {
      do {
        _ = try clips.clip(for: spec)
      } catch {
        throw ScenarioError(path: scenario.file, key: "\(key).sound", message: "\(error)")
      }
    }
  }

  /// Loads scenarios and checks their sounds against the project's clips.
  static func scenarios(_ files: [String]) throws -> [Scenario] {
    let clips = ClipLibrary(assetsFolder: assetsFolder(near: files.first))
    return try files.map { file in
      let s = try ScenarioLoader.load(file)
      try checkSounds(s, clips: clips)
      return s
    }
  }

  /// Checks that `path` can take an output file: not empty, not a folder; makes
  /// its folder if missing.
  static func checkOutputFile(_ path: String, option: String) throws {
    guard !path.isEmpty else { throw CLIError.usage("\(option) needs a file name") }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw CLIError.usage("\(option): \(path) is a folder, not a file")
    }
    let folder = (path as NSString).deletingLastPathComponent
    try makeFolder(folder.isEmpty ? "." : folder, option: option)
  }

  /// Throws when an output file is an input or another output, so that none replaces
  /// another (paths compared after resolving `.` and `..`); inputs may repeat.
  static func checkDistinct(
    inputs: [(option: String, path: String)], outputs: [(option: String, path: String)]
  ) throws {
    let resolve = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
    let files = outputs + inputs
    for (i, output) in outputs.enumerated() {
      for other in files[(i + 1)...] where resolve(other.path) == resolve(output.path) {
        throw CLIError.usage(
          "\(other.option) and \(output.option) must be two files, not both \(output.path)")
      }
    }
  }

  /// Makes `folder` (and its parents) if missing.
  static func makeFolder(_ folder: String, option: String) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw CLIError.usage("\(option): \(folder) is a file, not a folder")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw CLIError.usage("\(option): cannot make the folder \(folder)")
    }
  }
}
