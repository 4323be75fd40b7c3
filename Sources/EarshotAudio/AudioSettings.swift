/// Every number the audio simulation uses, with Earshot's defaults.
///
/// docs/audio.md explains each one and where its default comes from.
public struct AudioSettings: Hashable, Sendable {
  /// Samples per second of everything the simulation renders, in hertz.
  public var sampleRate = 16_000
  /// Length of the sound one step yields, in seconds.
  public var blockSeconds = 0.25

  /// Head radius for the interaural time difference and head shadow, in metres.
  public var headRadius = 0.0875
  /// Speed of sound, in metres per second.
  public var speedOfSound = 343.0

  /// Distance under which the inverse distance law stops growing, in metres.
  public var minimumDistance = 0.5
  /// Level lost at each bend of the sound's path around an obstacle, in decibels.
  public var bendLossDecibels = 4.0
  /// Cut-off of the low-pass filter after one bend, in hertz; each further bend halves it.
  public var bendCutoffHertz = 4_000.0
  /// Lowest cut-off however many bends, in hertz.
  public var minimumCutoffHertz = 250.0

  /// RMS level of a clip's loudest half second, heard 1 m away at 0 dB gain, in dBFS.
  public var clipLevelDecibels = -20.0
  /// Clips shorter than this many seconds loop with silence added after them.
  public var minimumLoopSeconds = 1.0

  /// Room height for the reverberation estimate, in metres.
  public var ceilingHeight = 3.0
  /// Energy absorption of floor and ceiling, in [0, 1].
  public var floorAbsorption = 0.15
  /// Radius, in cells, of the area around the listener that counts as its room.
  public var roomRadius = 12
  /// Scale on the reverberant level that Sabine's diffuse-field theory predicts.
  public var reverberationLevel = 0.5

  /// Spectrogram window length in samples (Hann); bins = window / 2 + 1.
  public var spectrogramWindow = 128
  /// Spectrogram hop in samples.
  public var spectrogramHop = 64
  /// Spectrogram floor, in decibels relative to a full-scale sine; silence reads as this.
  public var spectrogramFloorDecibels: Float = -100

  /// Earshot's defaults: 16 kHz, 0.25 s blocks.
  public init() {}

  /// Defaults with another sample rate and block length.
  public init(sampleRate: Int, blockSeconds: Double) {
    self.sampleRate = sampleRate
    self.blockSeconds = blockSeconds
  }

  /// Samples per ear in one block (4000 by default).
  public var blockLength: Int { Int((Double(sampleRate) * blockSeconds).rounded()) }

  /// Frequency bins of the spectrogram (65 by default).
  public var spectrogramBins: Int { spectrogramWindow / 2 + 1 }

  /// Frames of the spectrogram of one block (61 by default).
  public var spectrogramFrames: Int {
    blockLength < spectrogramWindow ? 0 : (blockLength - spectrogramWindow) / spectrogramHop + 1
  }
}
