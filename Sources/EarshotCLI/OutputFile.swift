import Foundation

/// Writes result files whole or not at all: into a temporary file beside the
/// target, then renamed over it, so a failure never leaves half a file.
enum OutputFile {
  static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  static func write(_ data: Data, to path: String) throws {
    try Inputs.checkOutputFile(path, option: "output")
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try data.write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        throw CLIError.failure("\(path): cannot rename into place: \(reason)")
      }
    } catch let error as CLIError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw CLIError.failure("\(path): cannot write: \(error.localizedDescription)")
    }
  }
}
