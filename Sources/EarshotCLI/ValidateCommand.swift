import EarshotWorld
import Foundation

/// `earshot validate PATH...`: checks world and scenario files.
struct ValidateCommand: Command {
  let name = "validate"
  let summary = "check world (.map) and scenario (.json) files"
  let help = """
    usage: earshot validate PATH...

    Checks world files (*.map) and scenario files (*.json); a folder is
    searched for both. Prints one 'ok' line per good file on stdout and one
    error line per bad file on stderr, then exits 2 if any file is bad.

    example:
      earshot validate worlds scenarios/default
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(arguments, command: name, valued: [])
    guard !args.positionals.isEmpty else {
      throw CLIError.usage("validate needs at least one PATH; see 'earshot help validate'")
    }
    var bad = 0
    for file in try files(args.positionals) {
      do {
        print("ok  \(file)  \(try check(file))")
      } catch {
        CLI.printError("\(error)")
        bad += 1
      }
    }
    return bad == 0 ? 0 : 2
  }

  /// The files to check: files as given, folders searched for .map and .json.
  private func files(_ paths: [String]) throws -> [String] {
    try paths.flatMap { path -> [String] in
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CLIError.usage("\(path): no such file or folder")
      }
      guard isFolder.boolValue else { return [path] }
      let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String }
        .filter { $0.hasSuffix(".map") || $0.hasSuffix(".json") }.sorted() ?? []
      return found.map { (path as NSString).appendingPathComponent($0) }
    }
  }

  /// A short description of a good file; throws the file's error otherwise.
  private func check(_ file: String) throws -> String {
    if file.hasSuffix(".map") {
      let w = try MapParser.parse(contentsOf: file)
      return "world '\(w.name)', \(w.width)×\(w.height), \(w.openCellCount) open cells"
    }
    if file.hasSuffix(".json") {
      let s = try Inputs.scenarios([file])[0]
      let size = "\(s.world.width)×\(s.world.height)"
      return "scenario '\(s.name)', \(s.episodes) episodes, world \(size)"
    }
    throw CLIError.usage("\(file): not a world (.map) or scenario (.json) file")
  }
}
