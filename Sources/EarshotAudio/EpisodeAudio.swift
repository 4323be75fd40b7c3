import EarshotWorld
import Foundation

/// The sound an agent hears through one episode, one block per step.
///
/// The goal and the distractors play their clips (continuous ones looping from a start
/// drawn per episode, intermittent ones once from the episode's start); each reaches the
/// listener along its shortest open path (`PropagationField`), 1/r in amplitude from 1 m,
/// losing `bendLossDecibels` and high frequencies at every bend, and arrives from the
/// direction of the path's last straight stretch. The two ears differ by Woodworth's time
/// difference and Brown and Duda's head shadow (`HeadModel`). The room reverberates
/// (`Reverb`, `RoomEstimate`) unless the scenario turns it off, and diffuse noise is added
/// at `backgroundNoiseDecibels`.
///
/// Filter, delay and reverberation state carries over from step to step, and a change of
/// pose ramps every gain, delay and filter across the block, so consecutive blocks join
/// without clicks. Everything is deterministic: the same episode and poses give the same
/// samples, bit for bit, on any thread.
///
/// Not thread-safe: use one instance per episode per thread.
public final class EpisodeAudio {
  /// The settings this episode renders with.
  public let settings: AudioSettings
  /// Problems met while loading the episode's clips, for the caller to show.
  public let warnings: [String]

  private let world: World
  private let head: HeadModel
  private let voices: [SourceVoice]
  private var reverb: Reverb?
  private let noise: BackgroundNoise?
  private var rooms: [Int: RoomEstimate] = [:]
  /// `RoomEstimate.floorMask`, made the first time a room is estimated.
  private var floor: [Bool] = []
  private var reverbInput: [Float]
  /// The recursive part of the head shadow, one per ear, shared by the voices.
  private let shadow: HeadShadow
  private var started = false

  /// Sets up the sound of `episode`: loads its clips and searches each source's paths.
  ///
  /// - Parameters:
  ///   - acoustics: The scenario's noise level and whether rooms reverberate.
  ///   - clips: Where clips come from; shared between episodes and threads.
  /// - Throws: `AudioError` when a source's clip cannot be loaded.
  /// - Complexity: O(sources × cells × log cells) for the path searches.
  public init(
    episode: Episode, acoustics: AcousticSettings, clips: ClipLibrary, settings: AudioSettings
  ) throws {
    self.settings = settings
    world = episode.world
    head = HeadModel(radius: settings.headRadius, speedOfSound: settings.speedOfSound)
    var rng = SplitMix64(seed: episode.seed ^ 0x5EED_C11B_0FF5_E700, stream: UInt64(episode.index))
    var voices = [SourceVoice]()
    var warnings = [String]()
    for source in episode.sources {
      let clip = try clips.clip(for: source.spec)
      warnings += clip.warnings
      // Drawn for every source, continuous or not, so that one source's mode never
      // changes another's start.
      let offset = rng.uniform(below: clip.samples.count)
      voices.append(
        SourceVoice(
          clip: clip, source: source, world: episode.world,
          offset: source.spec.mode == .continuous ? offset : 0, settings: settings))
    }
    self.voices = voices
    self.warnings = warnings
    reverb = acoustics.reverberation ? Reverb(sampleRate: settings.sampleRate) : nil
    noise = acoustics.backgroundNoiseDecibels.map {
      BackgroundNoise(decibels: $0, seed: episode.seed, episodeIndex: episode.index)
    }
    reverbInput = [Float](repeating: 0, count: settings.blockLength)
    let a1 = head.shadowFilter(azimuth: 0, rightEar: false, sampleRate: settings.sampleRate).a1
    shadow = HeadShadow(pole: -a1, count: settings.blockLength)
  }

  /// The route from source `k` (0 is the goal, then the distractors) to `cell`, or nil.
  public func route(source k: Int, to cell: GridPoint) -> SoundRoute? {
    voices[k].field.route(to: cell)
  }

  /// The sound at the agent's ears during step `step`, the agent standing at `pose`.
  ///
  /// Step 0 is the first observation, before any action; step k covers the episode's
  /// samples k·N ..< (k+1)·N, N = `settings.blockLength`. Call it once per step, in order,
  /// so that filter state carries over; the pose may change between calls.
  ///
  /// - Returns: N samples per ear.
  /// - Complexity: O(N × sources), plus a path walk the first time the agent enters a cell.
  public func observe(pose: Pose, step: Int) -> AudioBlock {
    let count = settings.blockLength
    var left = [Float](repeating: 0, count: count)
    var right = [Float](repeating: 0, count: count)
    let time = step * count
    let room = reverb == nil ? nil : roomEstimate(at: pose.cell)

    left.withUnsafeMutableBufferPointer { l in
      right.withUnsafeMutableBufferPointer { r in
        reverbInput.withUnsafeMutableBufferPointer { input in
          for n in 0..<count { input[n] = 0 }
          var active = [SourceVoice]()
          for voice in voices {
            let target = parameters(voice, pose: pose, room: room)
            if voice.begin(target: target, time: time) {
              voice.play(time: time, send: input.baseAddress!)
              active.append(voice)
            }
          }
          VoiceGroup.lowpass(active, count: count)
          shadow.begin()
          for voice in active {
            voice.shadowInput(left: shadow.inputs.left, right: shadow.inputs.right)
          }
          shadow.run(left: l.baseAddress!, right: r.baseAddress!)
          if let room {
            reverb!.process(
              input: input.baseAddress!, left: l.baseAddress!, right: r.baseAddress!,
              count: count, reverberationTime: room.reverberationTime, first: !started)
          }
        }
        noise?.add(step: step, left: l.baseAddress!, right: r.baseAddress!, count: count)
      }
    }
    started = true
    return AudioBlock(left: left, right: right, sampleRate: settings.sampleRate)
  }

  private func roomEstimate(at cell: GridPoint) -> RoomEstimate {
    let index = world.index(of: cell)
    if let known = rooms[index] { return known }
    if floor.isEmpty { floor = RoomEstimate.floorMask(world) }
    let estimate = RoomEstimate(world: world, floor: floor, cell: cell, settings: settings)
    rooms[index] = estimate
    return estimate
  }

  // FIXME: the sound's travel time along the path is not modelled (only the difference
  // between the ears is), so moving changes no arrival time and makes no Doppler shift.
  /// Gains, filters and delays of `voice` heard from `pose`.
  private func parameters(
    _ voice: SourceVoice, pose: Pose, room: RoomEstimate?
  ) -> VoiceParameters {
    var p = VoiceParameters()
    guard voice.level > 0, let route = voice.field.route(to: pose.cell) else { return p }
    let rate = Double(settings.sampleRate)

    let distance = max(route.length, settings.minimumDistance)
    let bendGain = amplitude(decibels: -settings.bendLossDecibels * Double(route.bends))
    p.gain = voice.level * Float(bendGain / distance)
    if route.bends > 0 {
      let cutoff = max(
        settings.minimumCutoffHertz,
        settings.bendCutoffHertz / pow(2, Double(route.bends - 1)))
      p.pole = Float(exp(-2 * Double.pi * min(cutoff, rate / 2) / rate))
    }
    if let room {
      // A source out of sight excites the listener's room only through the opening its
      // sound comes round: the share of its power that an opening of one cell by the
      // ceiling height catches at the distance from the source to that opening.
      var share = 1.0
      if route.bends > 0 {
        let corner = route.corners[1], listener = route.corners[0]
        let dx = Double(corner.column - listener.column), dy = Double(corner.row - listener.row)
        let beyond = max(
          route.length - (dx * dx + dy * dy).squareRoot() * world.cellSize,
          settings.minimumDistance)
        let opening = world.cellSize * settings.ceilingHeight
        share = min(1, (opening / (4 * Double.pi * beyond * beyond)).squareRoot())
          * amplitude(decibels: -settings.bendLossDecibels * Double(route.bends - 1))
      }
      p.send = voice.level * Float(share * room.diffuseLevel * settings.reverberationLevel)
    }

    // A source in the listener's own cell has no direction; it is heard straight ahead.
    let azimuth = route.corners.count > 1 ? route.arrivalBearing - pose.heading.bearing : 0
    let itd = head.interauralTimeDifference(azimuth: azimuth) * rate
    p.delayLeft = 2 + Float(max(0, itd))
    p.delayRight = 2 + Float(max(0, -itd))
    let l = head.shadowFilter(azimuth: azimuth, rightEar: false, sampleRate: settings.sampleRate)
    let r = head.shadowFilter(azimuth: azimuth, rightEar: true, sampleRate: settings.sampleRate)
    p.shadowLeft = SIMD2(l.b0, l.b1)
    p.shadowRight = SIMD2(r.b0, r.b1)
    return p
  }
}
