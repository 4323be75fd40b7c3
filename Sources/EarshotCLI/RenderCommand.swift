import EarshotAudio
import EarshotLearning
import EarshotMedia
import EarshotVision
import EarshotWorld
import Foundation

/// `earshot render`: writes what the agent sees and hears, step by step.
struct RenderCommand: Command {
  let name = "render"
  let summary = "write an episode's frames, depth maps, spectrograms, audio and trajectory"
  let help = """
    usage: earshot render SCENARIO --out DIR [--episode K] [--policy P] [--steps N]
                          [--seed S] [--width W] [--height H] [--fov DEGREES]

    Plays one episode and writes, for every observation (index 0 is the first,
    before any action): frame_0000.png (first-person RGB), depth_0000.png
    (depth, white at 0 m to black at 16 m), spectrogram_0000.png (left ear
    above right); then audio.wav (binaural, 16 kHz, the whole episode from
    the first observation) and trajectory.jsonl (one line per observation:
    pose, the action taken from it, its reward, whether the episode ended).

      --out DIR      the folder to write (made if missing)
      --episode K    episode index in the scenario (default 0)
      --policy P     oracle (default), random, or a checkpoint file
      --steps N      stop after N actions even if the episode goes on
      --seed S       the scenario's seed instead of its own
      --width W, --height H, --fov DEGREES
                     camera (default 64×64, 90°; sides 1–4096)

    example:
      earshot render scenarios/default/two_rooms_phone.json --policy oracle --out out/render
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, command: name,
      valued: ["--out", "--episode", "--policy", "--steps", "--seed", "--width", "--height",
               "--fov"])
    guard args.positionals.count == 1 else {
      throw CLIError.usage("render needs one SCENARIO file; see 'earshot help render'")
    }
    guard let out = args.string("--out") else { throw CLIError.usage("render needs --out DIR") }
    var scenario = try Inputs.scenarios([args.positionals[0]])[0]
    if let seed = try args.integer("--seed", in: 0...Int.max) { scenario.seed = UInt64(seed) }
    let index = try args.integer("--episode", in: 0...Int.max) ?? 0
    let maxSteps = try args.integer("--steps", in: 0...1_000_000) ?? Int.max
    var camera = CameraSettings()
    camera.width = try args.integer("--width", in: Int.min...Int.max) ?? camera.width
    camera.height = try args.integer("--height", in: Int.min...Int.max) ?? camera.height
    if let fov = args.string("--fov") {
      guard let degrees = Double(fov) else { throw CLIError.usage("--fov must be a number") }
      camera.fieldOfView = degrees
    }
    do {
      try camera.validate()
    } catch {
      throw CLIError.usage("\(error)")
    }
    let makePolicy = try PolicyChoice(args.string("--policy") ?? "oracle", scenarios: [scenario])
      .maker

    let episode = try Episode(scenario: scenario, index: index)
    let suite = try SensorSuite(
      camera: camera, assetsFolder: Inputs.assetsFolder(near: scenario.file))
    let sensors = try suite.sensors(for: episode, of: scenario)
    for warning in suite.warnings + sensors.warnings { CLI.log("earshot: warning: \(warning)") }
    try Inputs.makeFolder(out, option: "--out")
    try removeEarlierRender(in: out)

    var policy = makePolicy(episode)
    var state = AgentState(start: episode)
    var left = [Float](), right = [Float](), lines = [String]()
    var step = 0
    while true {
      let observation = sensors.observe(state)
      let stem = String(format: "%04d", step)
      try PNGFile.write(observation.frame.image, to: "\(out)/frame_\(stem).png")
      try PNGFile.write(observation.frame.depthImage(), to: "\(out)/depth_\(stem).png")
      let s = sensors.spectrogramImage()
      try PNGFile.write(
        RGBImage(width: s.width, height: s.height, bytes: s.rgb),
        to: "\(out)/spectrogram_\(stem).png")
      left += observation.audio.left
      right += observation.audio.right

      var fields: [(String, JSONText)] = [
        ("step", .integer(step)),
        ("cell", .array([.integer(state.pose.cell.column), .integer(state.pose.cell.row)])),
        ("heading", .string(state.pose.heading.name)),
        ("distance_to_goal", .integer(episode.distanceToRegion(state.pose.cell))),
      ]
      if state.done || step >= maxSteps {
        fields += [("action", .null), ("reward", .null), ("done", .bool(state.done)),
                   ("success", .bool(state.success))]
        lines.append(JSONText.object(fields).compact())
        break
      }
      let action = policy.action(in: episode, state: state)
      let reward = state.step(action, in: episode)
      fields += [("action", .string(action.name)), ("reward", .real(reward)),
                 ("done", .bool(state.done)), ("success", .bool(state.success))]
      lines.append(JSONText.object(fields).compact())
      step += 1
    }
    try AudioFile.writeStereo(
      left: left, right: right, sampleRate: suite.audioSettings.sampleRate,
      to: "\(out)/audio.wav")
    try OutputFile.write(lines.joined(separator: "\n") + "\n", to: "\(out)/trajectory.jsonl")
    print("\(step + 1) observation\(step == 0 ? "" : "s") of '\(scenario.name)' episode \(index)"
      + " written to \(out)")
    return 0
  }

  /// Removes the numbered files of an earlier render into the same folder, so that
  /// no frame of another episode is left beside this one's audio and trajectory.
  private func removeEarlierRender(in folder: String) throws {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let pattern = try NSRegularExpression(pattern: "^(frame|depth|spectrogram)_[0-9]{4,}\\.png$")
    for name in names
    where pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil {
      try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
    }
  }
}
