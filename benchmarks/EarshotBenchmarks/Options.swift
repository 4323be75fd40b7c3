import Foundation

/// A benchmark's command-line options: `--name N` whole numbers (at least 1, and at most a
/// bound where one is given), `--name TEXT` values and bare flags. Anything else — an
/// unknown option, a missing, malformed or too large value — is refused with one line on
/// stderr and exit status 2, rather than silently replaced by a default. `--help` prints
/// the options and their defaults.
struct BenchmarkOptions {
  private var numbers: [String: Int]
  /// The options the command line gave, as opposed to defaults.
  private(set) var given: Set<String> = []
  private var texts: [String: String] = [:]
  private(set) var flags: Set<String> = []

  /// Parses `arguments` for the benchmark `name`.
  ///
  /// - Parameters:
  ///   - numbers: The whole-number options and their defaults.
  ///   - largest: The largest value some of the whole-number options accept.
  ///   - texts: The options that take any text.
  ///   - flags: The options that take no value.
  ///   - shownDefaults: What `--help` says an option defaults to, where not its number.
  init(
    _ arguments: [String], benchmark name: String, numbers defaults: [String: Int],
    largest: [String: Int] = [:], texts textOptions: Set<String> = [],
    flags flagOptions: Set<String> = [], shownDefaults: [String: String] = [:]
  ) {
    numbers = defaults
    func refuse(_ reason: String) -> Never { refuseBenchmark(name, reason) }
    var k = 0
    while k < arguments.count {
      let option = arguments[k]
      if option == "--help" || option == "-h" {
        let usage = defaults.keys.sorted().map { key in
          "[\(key) N]  (default \(shownDefaults[key] ?? String(defaults[key]!))"
            + (largest[key].map { ", at most \($0)" } ?? "") + ")"
        } + textOptions.sorted().map { "[\($0) TEXT]" } + flagOptions.sorted().map { "[\($0)]" }
        print("usage: earshot-benchmarks \(name)\n  " + usage.joined(separator: "\n  ")
          + "\n(benchmarks/EarshotBenchmarks/ and the docs say what each option does)")
        exit(0)
      }
      if flagOptions.contains(option) {
        flags.insert(option)
        k += 1
        continue
      }
      guard defaults[option] != nil || textOptions.contains(option) else {
        let known = (Array(defaults.keys) + textOptions + flagOptions).sorted()
        refuse("unknown option '\(option)' (known: \(known.joined(separator: ", ")))")
      }
      guard k + 1 < arguments.count else { refuse("\(option) needs a value") }
      let value = arguments[k + 1]
      if defaults[option] != nil {
        let top = largest[option] ?? Int.max
        guard let number = Int(value), (1...top).contains(number) else {
          refuse("\(option) needs a whole number of at least 1"
            + (top == Int.max ? "" : " and at most \(top)") + ", not '\(value)'")
        }
        numbers[option] = number
      } else {
        texts[option] = value
      }
      given.insert(option)
      k += 2
    }
  }

  /// The value of a whole-number option (its default when not given).
  subscript(_ option: String) -> Int { numbers[option]! }

  /// The value of a text option, or nil when not given.
  func text(_ option: String) -> String? { texts[option] }
}

/// Ends the benchmark `name` with one line on standard error and status 2.
func refuseBenchmark(_ name: String, _ reason: String) -> Never {
  FileHandle.standardError.write(Data("earshot-benchmarks \(name): \(reason)\n".utf8))
  exit(2)
}
