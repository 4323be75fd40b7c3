import EarshotAutodiff
import Foundation

/// Reference values from JAX, for tests that compare Earshot's numbers with an
/// independent implementation.
///
/// `Tests/Reference/run_reference.sh` creates (or reuses) a virtual environment with a
/// pinned CPU JAX under `.build/venv-reference` and runs one script of
/// `Tests/Reference/`, which writes its values into a safetensors file.
public enum JAXReference {
  /// The reference could not be made; the message says why and what it needs.
  public struct Unavailable: Error, CustomStringConvertible {
    public let script: String
    public let status: Int32
    public let stderr: String

    public var description: String {
      "the JAX reference could not be produced (Tests/Reference/run_reference.sh \(script) "
        + "exited with status \(status)); it needs python3 and, on first use, network access "
        + "to PyPI to install jax into .build/venv-reference. Its stderr ends with:\n\(stderr)"
    }
  }

  /// Runs `Tests/Reference/<script>` and reads what it wrote.
  ///
  /// - Throws: `Unavailable` when the script fails, `SafeTensorsError` for its file.
  public static func values(of script: String) throws -> SafeTensors.Contents {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let runner = root.appendingPathComponent("Tests/Reference/run_reference.sh")
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("earshot-jax-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: output) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["bash", runner.path, script, output.path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Unavailable(
        script: script, status: process.terminationStatus,
        stderr: String(String(decoding: message, as: UTF8.self).suffix(2000)))
    }
    return try SafeTensors.read(from: output)
  }
}
