import EarshotAudio
import EarshotLearning
import EarshotVision
import EarshotWorld
import Foundation

/// Set by SIGINT; the trainer polls it between updates.
nonisolated(unsafe) private var interrupted = false

/// `earshot train`: imitation (behaviour cloning, then DAgger) and/or PPO, with an optional
/// modality-balance method; checkpoints, a JSONL log, a progress bar.
struct TrainCommand: Command {
  let name = "train"
  let summary = "train a policy from a config: imitation of the oracle, PPO, balance methods"
  let help = """
    usage: earshot train CONFIG.json [--out FILE] [--resume FILE] [--workers N] [--log FILE]

    Trains a policy network as CONFIG.json says (docs/training.md lists every
    key): behaviour cloning on oracle episodes, then DAgger iterations in which
    the learner acts more and more, and/or PPO with generalised advantage
    estimation on the simulator's rewards, with the attribution-balance
    regularizer, modality dropout or OGM-GE gradient modulation if asked. A progress bar
    goes to stderr, one JSON line per event to the log, and a checkpoint
    (safetensors, written atomically) after every `checkpoint_every`
    iterations and at the end. Ctrl-C stops at once and keeps the last
    checkpoint; --resume continues it exactly.

      --out FILE     the checkpoint (default: NAME.safetensors in the current folder,
                     NAME from the config)
      --resume FILE  continue from a checkpoint of the same config
      --workers N    threads for rendering episodes (default: the number of cores)
      --log FILE     the JSONL log (default: the checkpoint's name with .log.jsonl)

    example:
      earshot train configs/fused.json --out assets/policies/fused.safetensors
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, command: name, valued: ["--out", "--resume", "--workers", "--log"])
    guard args.positionals.count == 1 else {
      throw CLIError.usage("train needs one CONFIG.json; see 'earshot help train'")
    }
    let config = try TrainingConfig.load(args.positionals[0])
    let workers = try args.integer("--workers", in: 1...1024)
      ?? ProcessInfo.processInfo.activeProcessorCount
    let out = args.string("--out") ?? "\(config.name).safetensors"
    let log = args.string("--log")
      ?? ((out as NSString).deletingPathExtension + ".log.jsonl")
    try Inputs.checkOutputFile(out, option: "--out")
    try Inputs.checkOutputFile(log, option: "--log")
    try Inputs.checkDistinct(
      inputs: [("the config", config.file)], outputs: [("--out", out), ("--log", log)])

    // Everything is checked before anything is written: the scenarios, their
    // sounds, the checkpoint to resume.
    let suite = try SensorSuite(assetsFolder: Inputs.assetsFolder(near: config.file))
    for warning in suite.warnings { CLI.log("earshot: warning: \(warning)") }
    for file in config.trainScenarios {
      try Inputs.checkSounds(try ScenarioLoader.load(file), clips: suite.clips)
    }
    let trainer = try PolicyTrainer(config: config, suite: suite, workers: workers)
    if let resume = args.string("--resume") {
      try trainer.resume(from: resume)
      CLI.log("resumed from \(resume) at update \(trainer.updates) of \(config.totalUpdates)")
    }
    let first = trainer.updates
    let commit = gitCommit()
    guard let logFile = LogFile(path: log, append: args.string("--resume") != nil) else {
      throw CLIError.usage("--log: cannot write \(log)")
    }
    if let resume = args.string("--resume") {
      logFile.write(
        #"{"event": "resume", "from": "\#(resume)", "iteration": \#(trainer.iteration), "#
          + #""update": \#(trainer.updates)}"#)
    } else {
      try trainer.saveCheckpoint(to: out, commit: commit)
    }

    signal(SIGINT) { _ in interrupted = true }
    let progress = ProgressBar(total: config.totalUpdates, from: trainer.updates)
    let began = Date()
    let finished: Bool
    do {
      finished = try runTrainer(
        trainer, progress: progress, log: logFile, out: out, commit: commit, began: began)
    } catch LearningError.nonFinite(let why) {
      throw CLIError.failure("\(why); the last good checkpoint is \(out)")
    }
    progress.finish()
    if finished {
      // Also when a resumed run had nothing left to do: --out always ends up written.
      try trainer.saveCheckpoint(to: out, commit: commit)
    }
    if !finished {
      CLI.log("earshot: interrupted; the last checkpoint is \(out) (resume with --resume)")
      return 1
    }
    let seconds = String(format: "%.0f s", Date().timeIntervalSince(began))
    let done = first == 0
      ? "\(trainer.updates) updates"
      : "\(trainer.updates - first) updates (\(trainer.updates) in all)"
    print("trained '\(config.name)': \(done) in \(seconds); checkpoint \(out), log \(log)")
    return 0
  }

  private func runTrainer(
    _ trainer: PolicyTrainer, progress: ProgressBar, log logFile: LogFile, out: String,
    commit: String?, began: Date
  ) throws -> Bool {
    try trainer.run(
      shouldStop: { interrupted },
      event: { event in
        switch event {
        case .collected(let c):
          logFile.write(
            #"{"event": "collect", "phase": "\#(c.phase)", "iteration": \#(c.iteration), "#
              + #""beta": \#(c.beta.map { "\($0)" } ?? "null"), "episodes": \#(c.episodes), "#
              + #""steps": \#(c.steps), "success": \#(c.success), "#
              + #""mean_return": \#(c.meanReturn.map { String(format: "%.4f", $0) } ?? "null")}"#)
        case .updated(let r):
          progress.done = r.update
          progress.status = (r.phase == "ppo" ? "ppo " : "")
            + String(format: "loss %.3f acc %.2f", r.loss, r.accuracy)
            + (r.shares.map { String(format: " vision %.2f audio %.2f", $0[0], $0[1]) } ?? "")
          progress.draw()
          logFile.write(updateLine(r, seconds: Date().timeIntervalSince(began)))
        }
      },
      checkpoint: {
        try trainer.saveCheckpoint(to: out, commit: commit)
        logFile.write(
          #"{"event": "checkpoint", "iteration": \#(trainer.iteration), "path": "\#(out)"}"#)
      })
  }

  private func updateLine(_ r: UpdateReport, seconds: Double) -> String {
    func number(_ x: Float?) -> String { x.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
    return #"{"event": "update", "phase": "\#(r.phase)", "iteration": \#(r.iteration), "#
      + #""update": \#(r.update), "#
      + #""loss": \#(number(r.loss)), "penalty": \#(number(r.penalty)), "#
      + #""accuracy": \#(number(r.accuracy)), "gradient_norm": \#(number(r.gradientNorm)), "#
      + #""vision_share": \#(number(r.shares?[0])), "audio_share": \#(number(r.shares?[1])), "#
      + #""intermodal_variance": \#(number(r.intermodalVariance)), "#
      + #""modulation": \#(r.modulation.map { "[\($0[0]), \($0[1])]" } ?? "null"), "#
      + #""value_loss": \#(number(r.valueLoss)), "entropy": \#(number(r.entropy)), "#
      + #""clip_fraction": \#(number(r.clipFraction)), "#
      + #""seconds": \#(String(format: "%.2f", seconds))}"#
  }

  /// The commit of the working directory's checkout when training starts, for the
  /// checkpoint's metadata; `-dirty` follows it when tracked files had changes.
  private func gitCommit() -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "describe", "--always", "--dirty", "--abbrev=40"]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return p.terminationStatus == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
  }
}

/// A JSON Lines file, one line per write, flushed as it goes.
final class LogFile {
  private let handle: FileHandle

  init?(path: String, append: Bool) {
    if !append || !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
    handle.seekToEndOfFile()
    self.handle = handle
  }

  func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }
}

/// A progress bar with rate and ETA on stderr (redrawn in place on a terminal,
/// a line every 10% otherwise).
final class ProgressBar {
  let total: Int
  var done: Int
  var status = ""
  /// Updates done before this process started (a resumed run's), left out of the rate.
  private let start: Int
  private let began = Date()
  private var lastTenth = -1
  private let terminal = isatty(2) != 0

  init(total: Int, from start: Int = 0) {
    self.total = max(total, 1)
    self.start = start
    done = start
  }

  func draw() {
    let fraction = Double(done) / Double(total)
    let elapsed = Date().timeIntervalSince(began)
    let rate = Double(done - start) / max(elapsed, 1e-9)
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let width = 24, filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let line = String(
      format: "[%@] %d/%d updates  %.2f/s  ETA %dm%02ds  ", bar, done, total, rate,
      Int(eta) / 60, Int(eta) % 60) + status
    if terminal {
      FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    } else if Int(fraction * 10) > lastTenth {
      lastTenth = Int(fraction * 10)
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  }

  func finish() {
    if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
