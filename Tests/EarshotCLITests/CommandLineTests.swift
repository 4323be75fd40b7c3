import EarshotTestSupport
import XCTest

/// Runs the built `earshot` binary as a user would and checks exit codes,
/// stderr lines and output files.
final class CommandLineTests: XCTestCase {
  static let root = Earshot.root

  struct Run { var code: Int32; var stdout: String; var stderr: String }

  private func earshot(_ arguments: String...) throws -> Run {
    let r = try Earshot.run(arguments)
    return Run(code: r.code, stdout: r.stdout, stderr: r.stderr)
  }

  private func temporaryFolder() throws -> URL { try Earshot.temporaryFolder() }

  /// Bad input: exit 2 and exactly one line on stderr, starting `earshot: error: `.
  private func assertBadInput(
    _ run: Run, contains fragment: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(run.code, 2, run.stderr, file: file, line: line)
    let lines = run.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, run.stderr, file: file, line: line)
    XCTAssertTrue(lines.first?.hasPrefix("earshot: error: ") ?? false, file: file, line: line)
    XCTAssertTrue(run.stderr.contains(fragment), run.stderr, file: file, line: line)
  }

  func testHelpAndVersion() throws {
    XCTAssertEqual(try earshot("--help").code, 0)
    XCTAssertTrue(try earshot("--help").stdout.contains("bench"))
    XCTAssertEqual(try earshot("help", "bench").code, 0)
    XCTAssertTrue(try earshot("bench", "--help").stdout.contains("example:"))
    XCTAssertEqual(try earshot("--version").stdout, "earshot 0.1.0\n")
  }

  func testUsageErrors() throws {
    assertBadInput(try earshot("frobnicate"), contains: "unknown command 'frobnicate'")
    assertBadInput(try earshot("bench", "scenarios/default", "--frob"), contains: "--frob")
    assertBadInput(try earshot("bench"), contains: "at least one")
    assertBadInput(
      try earshot("bench", "scenarios/default", "--episodes", "-3"), contains: "--episodes")
    assertBadInput(
      try earshot("bench", "scenarios/default", "--workers", "x"), contains: "--workers")
    assertBadInput(try earshot("bench", "no/such/suite"), contains: "no/such/suite")
    assertBadInput(try earshot("bench", "scenarios/default", "--policy", "nope"), contains: "nope")
  }

  func testValidateReportsLineAndColumn() throws {
    let folder = try temporaryFolder()
    let map = folder.appendingPathComponent("broken.map")
    try "name = Broken\nmap:\n#####\n#>.@#\n#####\n"
      .write(to: map, atomically: true, encoding: .utf8)
    assertBadInput(try earshot("validate", map.path), contains: "broken.map:4:4: unknown character")
    let good = try earshot("validate", "worlds", "scenarios")
    XCTAssertEqual(good.code, 0, good.stderr)
    XCTAssertTrue(good.stdout.contains("ok  worlds/apartment.map"))
  }

  func testBadScenarioNamesFileAndKey() throws {
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("s.json")
    try """
      {"name": "x", "world": "\(CommandLineTests.root.path)/worlds/two_rooms.map",
       "goal": {"sound": "phone", "at": [0, 0]}, "max_steps": 9, "episodes": 1, "seed": 0}
      """.write(to: file, atomically: true, encoding: .utf8)
    assertBadInput(try earshot("bench", file.path), contains: "s.json: goal.at: [0, 0] is a wall")
  }

  func testBenchWritesJSONAndCSVAndKeepsFilesOnFailure() throws {
    let folder = try temporaryFolder()
    let json = folder.appendingPathComponent("b.json"), csv = folder.appendingPathComponent("b.csv")
    let run = try earshot(
      "bench", "scenarios/default", "--policy", "oracle", "--episodes", "4", "--workers", "2",
      "--json", json.path, "--csv", csv.path)
    XCTAssertEqual(run.code, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("two-rooms-phone"))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as! [String: Any]
    XCTAssertEqual(object["policy"] as? String, "oracle")
    XCTAssertEqual(object["episodes"] as? Int, 16)
    XCTAssertEqual(object["spl"] as? Double, 1)
    XCTAssertEqual(object["sna"] as? Double, 1)
    XCTAssertTrue(object["modality_shares"] is NSNull)
    XCTAssertEqual((object["scenarios"] as? [Any])?.count, 4)
    let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(rows.count, 17)

    // A failing run must not touch what an earlier run wrote.
    let before = try Data(contentsOf: json)
    let bad = try earshot("bench", "scenarios/nope", "--json", json.path)
    XCTAssertEqual(bad.code, 2)
    XCTAssertEqual(try Data(contentsOf: json), before)
  }

  func testBenchIsTheSameWhateverTheWorkerCount() throws {
    let folder = try temporaryFolder()
    var csvs = [String]()
    for workers in ["1", "2", "5"] {
      let csv = folder.appendingPathComponent("w\(workers).csv")
      let run = try earshot(
        "bench", "scenarios/default", "--policy", "random", "--workers", workers, "--csv", csv.path)
      XCTAssertEqual(run.code, 0, run.stderr)
      csvs.append(try String(contentsOf: csv, encoding: .utf8))
    }
    XCTAssertEqual(csvs[0], csvs[1])
    XCTAssertEqual(csvs[0], csvs[2])
  }
}

/// `earshot train` as a user runs it: a clean stop on Ctrl-C that keeps a loadable
/// checkpoint, and bad configs.
final class TrainCommandTests: XCTestCase {
  /// A corridor scenario and a training config in a fresh folder.
  private func workspace(updates: Int) throws -> URL {
    let folder = try Earshot.temporaryFolder()
    try "map:\n#########\n#......1#\n#########\n".write(
      to: folder.appendingPathComponent("corridor.map"), atomically: true, encoding: .utf8)
    try """
      {"name": "corridor", "world": "corridor.map", "goal": {"sound": "hum", "at": "1"},
       "start": "random", "max_steps": 20, "episodes": 100, "seed": 5}
      """.write(
        to: folder.appendingPathComponent("corridor.json"), atomically: true, encoding: .utf8)
    try """
      {"name": "tiny", "seed": 1, "memory": false, "embedding": 8, "hidden": 8,
       "train": ["corridor.json"],
       "imitation": {"iterations": 50, "episodes_per_iteration": 4,
                     "updates_per_iteration": \(updates), "sequences": 2, "sequence_length": 4}}
      """.write(to: folder.appendingPathComponent("tiny.json"), atomically: true, encoding: .utf8)
    return folder
  }

  private func run(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
    let r = try Earshot.run(arguments, in: folder)
    return (r.code, r.stderr)
  }

  func testInterruptKeepsALoadableCheckpoint() throws {
    let folder = try workspace(updates: 1000)
    let p = Process()
    p.executableURL = Earshot.binary
    p.arguments = ["train", "tiny.json", "--out", "tiny.safetensors", "--workers", "1"]
    p.currentDirectoryURL = folder
    p.standardError = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let log = folder.appendingPathComponent("tiny.log.jsonl").path
    let deadline = Date().addingTimeInterval(120)
    // Wait until updates are under way, then press Ctrl-C.
    while Date() < deadline {
      if let text = try? String(contentsOfFile: log, encoding: .utf8),
        text.contains("\"event\": \"update\"")
      {
        break
      }
      Thread.sleep(forTimeInterval: 0.2)
    }
    p.interrupt()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 1, "an interrupted run exits 1")
    let (code, stderr) = try run(
      ["bench", "corridor.json", "--policy", "tiny.safetensors", "--episodes", "2"], in: folder)
    XCTAssertEqual(code, 0, stderr)
  }

  func testBadConfigsAreOneLineExitTwo() throws {
    let folder = try workspace(updates: 1)
    try #"{"name": "x", "seed": 1, "train": ["corridor.json"], "learning": 3}"#.write(
      to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
    let (code, stderr) = try run(["train", "bad.json"], in: folder)
    XCTAssertEqual(code, 2)
    XCTAssertTrue(stderr.hasPrefix("earshot: error: bad.json: learning: unknown key"), stderr)
    XCTAssertEqual(stderr.split(separator: "\n").count, 1)

    // A checkpoint that does not match: a corrupt file.
    try Data("not a checkpoint".utf8).write(to: folder.appendingPathComponent("c.safetensors"))
    let (benchCode, benchError) = try run(
      ["bench", "corridor.json", "--policy", "c.safetensors"], in: folder)
    XCTAssertEqual(benchCode, 2, benchError)
    XCTAssertEqual(benchError.split(separator: "\n").count, 1)
    let (resumeCode, _) = try run(["train", "tiny.json", "--resume", "c.safetensors"], in: folder)
    XCTAssertEqual(resumeCode, 2)
  }

  /// Outputs that would destroy an input or each other, a suite without scenarios and an
  /// option given twice: one error line, exit 2, and the files there stay as they were.
  func testTrainNeverOverwritesItsInputsOrAnExistingCheckpointOnBadInput() throws {
    let folder = try workspace(updates: 1)
    let config = try Data(contentsOf: folder.appendingPathComponent("tiny.json"))
    let kept = Data("precious".utf8)
    try kept.write(to: folder.appendingPathComponent("kept.safetensors"))
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
    try #"{"name": "e", "seed": 1, "train": ["empty"]}"#.write(
      to: folder.appendingPathComponent("e.json"), atomically: true, encoding: .utf8)
    for arguments in [
      ["train", "tiny.json", "--out", "tiny.json"],
      ["train", "tiny.json", "--out", "kept.safetensors", "--log", "tiny.json"],
      ["train", "tiny.json", "--out", "kept.safetensors", "--log", "./kept.safetensors"],
      ["train", "tiny.json", "--out", "kept.safetensors", "--workers", "1", "--workers", "2"],
      ["train", "e.json", "--out", "kept.safetensors"],
      ["bench", "corridor.json", "--mask", "mute-audio", "--mask", "blank-frames"],
      ["bench", "corridor.json", "--json", "b.out", "--csv", "./b.out"],
      ["bench", "corridor.json", "--policy", "kept.safetensors", "--csv", "kept.safetensors"],
    ] {
      let (code, stderr) = try run(arguments, in: folder)
      XCTAssertEqual(code, 2, "\(arguments): \(stderr)")
      XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)
      XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("tiny.json")), config)
      XCTAssertEqual(
        try Data(contentsOf: folder.appendingPathComponent("kept.safetensors")), kept)
    }
  }

  /// A resumed run's report counts only the updates it made; a changed config is refused
  /// naming the key.
  func testResumeReportsItsOwnUpdatesAndRefusesAChangedConfig() throws {
    let folder = try workspace(updates: 1)
    let tiny = folder.appendingPathComponent("tiny.json")
    let text = try String(contentsOf: tiny, encoding: .utf8)
      .replacingOccurrences(of: #""iterations": 50"#, with: #""iterations": 1"#)
    try text.write(to: tiny, atomically: true, encoding: .utf8)
    let first = try Earshot.run(["train", "tiny.json", "--workers", "1"], in: folder)
    XCTAssertEqual(first.code, 0, first.stderr)
    XCTAssertTrue(first.stdout.contains("1 updates in"), first.stdout)
    try text.replacingOccurrences(of: #""iterations": 1"#, with: #""iterations": 2"#)
      .write(to: tiny, atomically: true, encoding: .utf8)
    let more = try Earshot.run(
      ["train", "tiny.json", "--resume", "tiny.safetensors", "--workers", "1"], in: folder)
    XCTAssertEqual(more.code, 0, more.stderr)
    XCTAssertTrue(more.stdout.contains("1 updates (2 in all)"), more.stdout)
    try text.replacingOccurrences(of: #""seed": 1"#, with: #""seed": 7"#)
      .write(to: tiny, atomically: true, encoding: .utf8)
    let changed = try Earshot.run(
      ["train", "tiny.json", "--resume", "tiny.safetensors"], in: folder)
    XCTAssertEqual(changed.code, 2)
    XCTAssertTrue(changed.stderr.contains("seed: 1 before, 7 now"), changed.stderr)
    XCTAssertEqual(changed.stderr.split(separator: "\n").count, 1, changed.stderr)
  }
}

/// The shipped policies still load and score what `assets/policies/expected.json`
/// recorded (`assets/policies/record_expected.sh` writes it).
final class ShippedPolicyTests: XCTestCase {
  func testShippedPoliciesReachTheirRecordedScores() throws {
    let root = Earshot.root
    let expected = try JSONSerialization.jsonObject(
      with: Data(contentsOf: root.appendingPathComponent("assets/policies/expected.json")))
      as! [String: Any]
    let policies = expected["policies"] as! [[String: Any]]
    let shipped = try FileManager.default
      .contentsOfDirectory(atPath: root.appendingPathComponent("assets/policies").path)
      .filter { $0.hasSuffix(".safetensors") }.map { "assets/policies/" + $0 }
    XCTAssertGreaterThanOrEqual(shipped.count, 6)
    XCTAssertEqual(
      Set(policies.map { $0["policy"] as! String }), Set(shipped),
      "every shipped policy is recorded")
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent(UUID().uuidString + ".json")

    for entry in policies {
      let policy = entry["policy"] as! String
      let run = try Earshot.run([
        "bench", expected["scenario"] as! String, "--policy", policy,
        "--episodes", "\(expected["episodes"] as! Int)", "--seed", "\(expected["seed"] as! Int)",
        "--json", out.path,
      ])
      XCTAssertEqual(run.code, 0, policy + run.stderr)
      let result = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as! [String: Any]
      // The same build gives the same numbers; the tolerance allows another BLAS kernel.
      XCTAssertEqual(
        result["success_rate"] as! Double, entry["success_rate"] as! Double, accuracy: 0.1,
        policy)
      XCTAssertEqual(result["spl"] as! Double, entry["spl"] as! Double, accuracy: 0.1, policy)
    }
  }
}

/// Faults a fresh user found, each with the test that would have caught it.
final class FreshUserTests: XCTestCase {

  private func earshot(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
    let r = try Earshot.run(arguments, in: folder)
    return (r.code, r.stderr)
  }

  private func folder() throws -> URL {
    let url = try Earshot.temporaryFolder()
    try "map:\n#########\n#>.....1#\n#########\n".write(
      to: url.appendingPathComponent("c.map"), atomically: true, encoding: .utf8)
    return url
  }

  private func scenario(in url: URL, sound: String) throws {
    try """
      {"name": "c", "world": "c.map", "goal": {"sound": "\(sound)", "at": "1"},
       "max_steps": 20, "episodes": 3, "seed": 5}
      """.write(to: url.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
  }

  func testAnUnknownClipIsABadScenarioNamingTheKey() throws {
    let url = try folder()
    try scenario(in: url, sound: "dog")
    let (code, stderr) = try earshot(["validate", "c.json"], in: url)
    XCTAssertEqual(code, 2)
    XCTAssertTrue(stderr.hasPrefix("earshot: error: c.json: goal.sound: "), stderr)
  }

  func testAFailedTrainLeavesAnExistingCheckpointAlone() throws {
    let url = try folder()
    try scenario(in: url, sound: "dog")
    try #"{"name": "t", "seed": 1, "train": ["c.json"]}"#.write(
      to: url.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
    let kept = Data("precious".utf8)
    try kept.write(to: url.appendingPathComponent("t.safetensors"))
    let (code, _) = try earshot(["train", "t.json"], in: url)
    XCTAssertEqual(code, 2)
    XCTAssertEqual(try Data(contentsOf: url.appendingPathComponent("t.safetensors")), kept)
  }

  func testOutputPathsAreCheckedBeforeTheWork() throws {
    let url = try folder()
    try scenario(in: url, sound: "hum")
    let (code, stderr) = try earshot(["bench", "c.json", "--json", url.path], in: url)
    XCTAssertEqual(code, 2)
    XCTAssertTrue(stderr.contains("is a folder"), stderr)
    let (made, _) = try earshot(["bench", "c.json", "--json", "new/sub/b.json"], in: url)
    XCTAssertEqual(made, 0, "missing folders of an output file are made")
    let (bare, bareError) = try earshot([], in: url)
    XCTAssertEqual(bare, 2)
    XCTAssertEqual(bareError.split(separator: "\n").count, 1)
  }

  func testRenderReplacesAnEarlierRender() throws {
    let url = try folder()
    try scenario(in: url, sound: "hum")
    XCTAssertEqual(try earshot(["render", "c.json", "--out", "r"], in: url).0, 0)
    XCTAssertEqual(try earshot(["render", "c.json", "--out", "r", "--steps", "1"], in: url).0, 0)
    let frames = try FileManager.default.contentsOfDirectory(
      atPath: url.appendingPathComponent("r").path
    ).filter { $0.hasPrefix("frame_") }
    XCTAssertEqual(frames.sorted(), ["frame_0000.png", "frame_0001.png"])
  }
}

final class AttributeCommandTests: XCTestCase {
  func testAUnimodalPolicyReliesEntirelyOnItsSense() throws {
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent(UUID().uuidString + ".json")
    let run = try Earshot.run([
      "attribute", "assets/policies/vision.safetensors",
      "scenarios/default/two_rooms_phone.json", "--episodes", "1", "--points", "4",
      "--json", out.path,
    ])
    XCTAssertEqual(run.code, 0, run.stderr)
    let r = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as! [String: Any]
    let shares = r["modality_shares"] as! [String: Double]
    XCTAssertEqual(shares["vision"], 1)
    XCTAssertEqual(shares["audio"], 0)
    XCTAssertEqual(r["intermodal_variance"] as! Double, 0.25, accuracy: 1e-12)
    XCTAssertEqual(r["points"] as? Int, 4)
    XCTAssertEqual(r["method"] as? String, "gauss_legendre")
  }
}
