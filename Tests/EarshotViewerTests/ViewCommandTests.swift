import EarshotMedia
import EarshotTestSupport
import Foundation
import XCTest

/// Runs the built `earshot view` as a user would, without a display.
final class ViewCommandTests: XCTestCase {
  struct Run { var code: Int32; var stdout: String; var stderr: String }

  private func earshot(_ arguments: [String], environment: [String: String]) throws -> Run {
    let r = try Earshot.run(arguments, in: Fixtures.root, environment: environment)
    return Run(code: r.code, stdout: r.stdout, stderr: r.stderr)
  }

  /// A copy of the apartment scenario with synthesised clips, in a fresh folder.
  private func scenarioFile() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let world = Fixtures.root.appendingPathComponent("worlds/apartment.map").path
    let json = """
      {"name": "apartment-hum", "world": "\(world)", "goal": {"sound": "hum", "at": "random"},
       "distractors": [{"sound": "chirp", "at": "random", "mode": "intermittent"}],
       "start": "map", "max_steps": 300, "episodes": 20, "seed": 11}
      """
    let file = folder.appendingPathComponent("scenario.json")
    try json.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  private let headless = ["SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
                          "PATH": "/usr/bin:/bin"]

  func testScreenshotWritesAPictureOfTheLayoutsSize() throws {
    let scenario = try scenarioFile()
    let png = URL(fileURLWithPath: scenario).deletingLastPathComponent()
      .appendingPathComponent("view.png").path
    let run = try earshot(["view", scenario, "--screenshot", png, "--frames", "3"],
                          environment: headless)
    XCTAssertEqual(run.code, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("after 3 steps"), run.stdout)
    let image = try PNGFile.read(png)
    XCTAssertEqual(image.width, 1280)
    XCTAssertEqual(image.height, 800)
  }

  func testBadInputExitsTwoWithOneLine() throws {
    let scenario = try scenarioFile()
    let cases: [([String], String)] = [
      (["view"], "one SCENARIO"),
      (["view", "/nonexistent.json", "--screenshot", "/tmp/x.png"], "nonexistent"),
      (["view", scenario, "--frames", "3"], "--frames needs --screenshot"),
      (["view", scenario, "--screenshot", "/tmp/x.png", "--frames", "-1"], "--frames"),
      (["view", scenario, "--bogus"], "unknown option"),
      (["view", scenario, "--policy", "nonsense", "--screenshot", "/tmp/x.png"], "--policy"),
    ]
    for (arguments, fragment) in cases {
      let run = try earshot(arguments, environment: headless)
      XCTAssertEqual(run.code, 2, "\(arguments): \(run.stderr)")
      let lines = run.stderr.split(separator: "\n")
      XCTAssertEqual(lines.count, 1, run.stderr)
      XCTAssertTrue(run.stderr.hasPrefix("earshot: error: "), run.stderr)
      XCTAssertTrue(run.stderr.contains(fragment), "\(fragment) not in \(run.stderr)")
    }
  }

  func testNoDisplayWithoutScreenshotExitsTwo() throws {
    let run = try earshot(["view", try scenarioFile()], environment: ["PATH": "/usr/bin:/bin"])
    XCTAssertEqual(run.code, 2, run.stderr)
    XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
    XCTAssertTrue(run.stderr.contains("no display"), run.stderr)
  }
}
