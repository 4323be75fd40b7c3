import EarshotAutodiff
import Foundation

/// The `earshot` command line: `earshot COMMAND [options]`.
public enum CLI {
  /// Earshot's version, as `bench --json` reports it.
  public static let version = "0.1.0"

  /// The commands, in the order `earshot --help` lists them.
  static let commands: [Command] = [
    AttributeCommand(), BenchCommand(), RenderCommand(), TrainCommand(), ValidateCommand(),
    ViewCommand(),
  ]

  /// Runs the command line `arguments` (without the program name) and returns the exit code.
  ///
  /// Errors are printed as one line on stderr, `earshot: error: ...`.
  public static func main(_ arguments: [String]) -> Int32 {
    // Networks allocate and free big tensors every step; keep them in the heap.
    TensorMemory.reuseFreedBlocks()
    do {
      return try run(arguments)
    } catch let error as CLIError {
      printError(error.message)
      return error.exitCode
    } catch {
      printError("\(error)")
      return 2
    }
  }

  static func run(_ arguments: [String]) throws -> Int32 {
    guard let first = arguments.first else {
      throw CLIError.usage("no command; see 'earshot --help'")
    }
    switch first {
    case "--help", "-h":
      print(overview)
      return 0
    case "--version":
      print("earshot \(version)")
      return 0
    case "help":
      guard arguments.count > 1 else { print(overview); return 0 }
      print(try command(named: arguments[1]).help)
      return 0
    default:
      let command = try command(named: first)
      let rest = Array(arguments.dropFirst())
      if rest.contains("--help") || rest.contains("-h") {
        print(command.help)
        return 0
      }
      return try command.run(rest)
    }
  }

  static func command(named name: String) throws -> Command {
    guard let command = commands.first(where: { $0.name == name }) else {
      throw CLIError.usage("unknown command '\(name)'; see 'earshot --help'")
    }
    return command
  }

  static var overview: String {
    let width = commands.map { $0.name.count }.max() ?? 0
    let list = commands.map {
      "  " + $0.name + String(repeating: " ", count: width - $0.name.count + 2) + $0.summary
    }
    return """
      earshot \(version): a grid world that agents see and hear, and the tools to train them.

      usage: earshot COMMAND [options]

      commands:
      \(list.joined(separator: "\n"))

      'earshot help COMMAND' or 'earshot COMMAND --help' describes one command.
      Exit codes: 0 success, 1 failure while running, 2 bad input or usage.
      """
  }

  /// One line on stderr.
  static func printError(_ message: String) {
    FileHandle.standardError.write(Data("earshot: error: \(message)\n".utf8))
  }

  /// A progress or log line on stderr.
  static func log(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
  }
}

/// One `earshot` subcommand.
protocol Command {
  var name: String { get }
  /// One line for the command list.
  var summary: String { get }
  /// The full help text: usage, options, an example.
  var help: String { get }
  /// Runs with the arguments after the command name; returns the exit code.
  func run(_ arguments: [String]) throws -> Int32
}
