import Foundation

/// Sound classes that no recording in the Debian packages covers, made by Earshot itself.
///
/// Each is a seamless loop, so that a continuous source never clicks at the seam.
public enum ClipSynthesis {
  /// The names Earshot can synthesise.
  public static let names = ["hum", "chirp"]

  /// The raw (unnormalised) samples of clip `name` at `sampleRate` hertz, or nil.
  public static func samples(named name: String, sampleRate: Int) -> [Float]? {
    switch name {
    case "hum": return hum(sampleRate: sampleRate)
    case "chirp": return chirp(sampleRate: sampleRate)
    default: return nil
    }
  }

  /// Two seconds of transformer hum: 100 Hz and its harmonics up to 2 kHz, 1/k in amplitude,
  /// with a slow 0.5 Hz swell.
  ///
  /// Every component completes whole cycles in two seconds, so the loop is seamless.
  static func hum(sampleRate: Int) -> [Float] {
    let count = 2 * sampleRate
    let rate = Double(sampleRate)
    return (0..<count).map { n in
      let t = Double(n) / rate
      var value = 0.0
      for k in 1...20 {
        // Odd harmonics stronger, as in a buzzing core.
        let weight = (k % 2 == 1 ? 1.0 : 0.5) / Double(k)
        value += weight * sin(2 * .pi * 100 * Double(k) * t + Double(k))
      }
      let swell = 0.8 + 0.2 * sin(2 * .pi * 0.5 * t)
      return Float(0.2 * swell * value)
    }
  }

  /// One second of bird-like chirping: three 60 ms sweeps from 2 to 4.5 kHz, 40 ms apart,
  /// then silence.
  static func chirp(sampleRate: Int) -> [Float] {
    let rate = Double(sampleRate)
    var samples = [Float](repeating: 0, count: sampleRate)
    let length = Int(0.06 * rate)
    for k in 0..<3 {
      let start = Int(Double(k) * 0.1 * rate)
      var phase = 0.0
      for n in 0..<length {
        let x = Double(n) / Double(length)
        let frequency = 2_000 + 2_500 * x * x
        phase += 2 * .pi * frequency / rate
        let envelope = 0.5 - 0.5 * cos(2 * .pi * x)
        samples[start + n] = Float(0.5 * envelope * sin(phase))
      }
    }
    return samples
  }
}
