import CSndfile
import Foundation

/// Sound files through libsndfile: WAV, FLAC and Ogg Vorbis in, WAV (and others) out.
///
/// This is the only place Earshot calls libsndfile.
public enum AudioFile {
  /// How samples are stored in a written file; the container follows from it.
  public enum Encoding: Sendable, CaseIterable {
    /// WAV, 8-bit unsigned integers.
    case wavPCM8
    /// WAV, 16-bit integers.
    case wavPCM16
    /// WAV, 24-bit integers.
    case wavPCM24
    /// WAV, 32-bit floats (samples are stored as given, without clipping).
    case wavFloat
    /// FLAC, 16-bit.
    case flac16
    /// Ogg Vorbis (lossy).
    case oggVorbis

    var format: Int32 {
      switch self {
      case .wavPCM8: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_U8)
      case .wavPCM16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
      case .wavPCM24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
      case .wavFloat: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
      case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
      case .oggVorbis: return Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
      }
    }
  }

  /// Reads a whole sound file as 32-bit float samples in [−1, 1].
  ///
  /// A file shorter than its header promises is read as far as it goes, and a
  /// warning says so; a decoding error part way through does the same.
  ///
  /// - Parameter path: A WAV, FLAC or Ogg file (any format libsndfile reads).
  /// - Returns: `samples`, interleaved, `frames × channels`; the file's
  ///   `sampleRate` in hertz; `channels`; and `warnings` for the caller to show.
  /// - Throws: `AudioError` naming the file when it is missing, empty, not
  ///   audio, or holds no frames.
  /// - Complexity: O(frames × channels).
  public static func read(
    path: String
  ) throws -> (samples: [Float], sampleRate: Int, channels: Int, warnings: [String]) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
      !isFolder.boolValue
    else { throw AudioError.fileNotFound(path: path) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size == 0 { throw AudioError.emptyFile(path: path) }

    var info = SF_INFO()
    guard let file = sf_open(path, Int32(SFM_READ), &info) else {
      throw AudioError.unreadable(path: path, reason: String(cString: sf_strerror(nil)))
    }
    defer { sf_close(file) }
    let channels = Int(info.channels)
    guard channels > 0, info.samplerate > 0 else {
      throw AudioError.unreadable(path: path, reason: "no channels or no sample rate")
    }

    // Read in chunks rather than trusting `frames`, which a damaged header can overstate.
    var warnings = [String]()
    var samples = [Float]()
    samples.reserveCapacity(max(0, Int(info.frames)) * channels)
    let chunkFrames = 16_384
    var chunk = [Float](repeating: 0, count: chunkFrames * channels)
    while true {
      let got = chunk.withUnsafeMutableBufferPointer {
        Int(sf_readf_float(file, $0.baseAddress, sf_count_t(chunkFrames)))
      }
      if got <= 0 { break }
      samples.append(contentsOf: chunk[0..<(got * channels)])
    }
    let frames = samples.count / channels
    if sf_error(file) != 0 {
      let reason = String(cString: sf_strerror(file))
      warnings.append("\(path): decoding stopped after \(frames) frames (\(reason))")
    } else if logSaysTruncated(file) || (info.frames > 0 && frames < Int(info.frames)) {
      warnings.append(
        "\(path): the file is shorter than its header says; playing the \(frames) frames it holds")
    }
    if frames == 0 { throw AudioError.noSamples(path: path) }
    return (samples, Int(info.samplerate), channels, warnings)
  }

  /// Writes a two-channel 32-bit float WAV file, atomically.
  ///
  /// - Parameters:
  ///   - left: Left-ear samples.
  ///   - right: Right-ear samples, as many as `left`.
  ///   - sampleRate: In hertz.
  ///   - path: Where the file goes; it appears complete or not at all.
  /// - Throws: `AudioError.writeFailed` naming the file.
  public static func writeStereo(
    left: [Float], right: [Float], sampleRate: Int, to path: String
  ) throws {
    precondition(left.count == right.count, "both ears need the same number of samples")
    var interleaved = [Float](repeating: 0, count: left.count * 2)
    for i in 0..<left.count {
      interleaved[2 * i] = left[i]
      interleaved[2 * i + 1] = right[i]
    }
    try write(
      interleaved: interleaved, channels: 2, sampleRate: sampleRate, encoding: .wavFloat,
      to: path)
  }

  /// Writes interleaved samples to a sound file, atomically (a temporary file, then a rename).
  ///
  /// - Parameters:
  ///   - interleaved: `frames × channels` samples in [−1, 1]; integer encodings clip.
  ///   - channels: At least 1.
  ///   - sampleRate: In hertz.
  ///   - encoding: The container and sample format.
  ///   - path: The final file.
  /// - Throws: `AudioError.writeFailed` naming the file.
  public static func write(
    interleaved: [Float], channels: Int, sampleRate: Int, encoding: Encoding, to path: String
  ) throws {
    precondition(channels > 0 && interleaved.count % channels == 0, "whole frames only")
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path

    var info = SF_INFO()
    info.samplerate = Int32(sampleRate)
    info.channels = Int32(channels)
    info.format = encoding.format
    guard sf_format_check(&info) != 0 else {
      throw AudioError.writeFailed(path: path, reason: "libsndfile rejects this format")
    }
    guard let file = sf_open(temporary, Int32(SFM_WRITE), &info) else {
      throw AudioError.writeFailed(path: path, reason: String(cString: sf_strerror(nil)))
    }
    // Integer formats would otherwise wrap around on samples beyond full scale.
    sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    let frames = interleaved.count / channels
    let written = interleaved.withUnsafeBufferPointer {
      Int(sf_writef_float(file, $0.baseAddress, sf_count_t(frames)))
    }
    let reason = String(cString: sf_strerror(file))
    let closed = sf_close(file) == 0
    guard written == frames, closed else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw AudioError.writeFailed(path: path, reason: reason)
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary)
      throw AudioError.writeFailed(path: path, reason: reason)
    }
  }

  /// Whether libsndfile's log says the data chunk is longer than the file ("should be").
  private static func logSaysTruncated(_ file: OpaquePointer) -> Bool {
    var log = [CChar](repeating: 0, count: 4096)
    let count = Int32(log.count)
    _ = log.withUnsafeMutableBytes {
      sf_command(file, Int32(SFC_GET_LOG_INFO), $0.baseAddress, count)
    }
    let text = String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // Only the sample data counts: writers often get the RIFF size wrong on whole files.
    return text.split(separator: "\n").contains {
      $0.hasPrefix("data") && $0.contains("should be")
    }
  }
}
