/// Why a command stopped; `exitCode` follows SPEC §7 (1 failure, 2 bad input).
public struct CLIError: Error, CustomStringConvertible {
  public var message: String
  public var exitCode: Int32

  /// Bad input or usage: exit code 2.
  public static func usage(_ message: String) -> CLIError {
    CLIError(message: message, exitCode: 2)
  }
  /// A failure while running: exit code 1.
  public static func failure(_ message: String) -> CLIError {
    CLIError(message: message, exitCode: 1)
  }

  public var description: String { message }
}
