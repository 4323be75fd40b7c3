import EarshotMedia
import EarshotWorld
import Foundation

/// Clips by name or by file, loaded once, mixed to mono and resampled to the simulation rate.
///
/// A clip name `phone` resolves to `<assets>/sounds/phone.wav` (or `.flac`, `.ogg`, `.oga`);
/// names with no file that Earshot can synthesise (`ClipSynthesis.names`) are made on the
/// spot. Safe to share between threads: loading is serialised, and a clip, once loaded, is
/// the same bits for every caller.
public final class ClipLibrary: @unchecked Sendable {
  /// The assets folder (the one holding `sounds/`), or nil for synthesised clips and files only.
  public let assetsFolder: String?
  /// Settings that fix the sample rate, level and loop padding of every clip.
  public let settings: AudioSettings

  private let lock = NSLock()
  private var cache: [String: Clip] = [:]
  private var collectedWarnings: [String] = []

  /// File extensions tried, in order, for a clip name.
  public static let extensions = ["wav", "flac", "ogg", "oga"]

  /// A library reading clips from `assetsFolder/sounds/`.
  ///
  /// - Parameter assetsFolder: The folder holding `sounds/`; see `findAssetsFolder`.
  public init(assetsFolder: String?, settings: AudioSettings = AudioSettings()) {
    self.assetsFolder = assetsFolder
    self.settings = settings
  }

  /// The assets folder: `EARSHOT_ASSETS` if set, else the first `assets` folder holding
  /// `sounds/` in `start` or a folder above it.
  ///
  /// - Parameter start: A folder (or a file, such as a scenario) to search up from; the
  ///   current directory by default.
  /// - Throws: `AudioError.assetsFolderNotFound`.
  public static func findAssetsFolder(from start: String? = nil) throws -> String {
    if let path = ProcessInfo.processInfo.environment["EARSHOT_ASSETS"], !path.isEmpty {
      return path
    }
    let origin = start ?? FileManager.default.currentDirectoryPath
    var folder = URL(fileURLWithPath: origin).standardizedFileURL
    var isFolder: ObjCBool = false
    if !(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
      && isFolder.boolValue)
    {
      folder.deleteLastPathComponent()
    }
    while true {
      let candidate = folder.appendingPathComponent("assets")
      let sounds = candidate.appendingPathComponent("sounds").path
      if FileManager.default.fileExists(atPath: sounds, isDirectory: &isFolder),
        isFolder.boolValue
      {
        return candidate.path
      }
      if folder.path == "/" { throw AudioError.assetsFolderNotFound(start: origin) }
      folder.deleteLastPathComponent()
    }
  }

  /// Every warning met while loading clips so far, in the order met.
  public var warnings: [String] {
    lock.lock()
    defer { lock.unlock() }
    return collectedWarnings
  }

  /// The clip a scenario's source plays: its file if it named one, else its clip name.
  ///
  /// - Throws: `AudioError` naming the file or clip.
  public func clip(for spec: SourceSpec) throws -> Clip {
    if let file = spec.soundFile { return try clip(file: file) }
    return try clip(named: spec.sound)
  }

  /// The clip called `name` in `assets/sounds/`, or synthesised if Earshot makes it.
  ///
  /// - Throws: `AudioError.clipNotFound`, or the file's error.
  public func clip(named name: String) throws -> Clip {
    try cached("name:" + name) {
      if let folder = assetsFolder {
        let sounds = URL(fileURLWithPath: folder).appendingPathComponent("sounds")
        for ext in ClipLibrary.extensions {
          let path = sounds.appendingPathComponent("\(name).\(ext)").path
          if FileManager.default.fileExists(atPath: path) { return try load(path, name: name) }
        }
      }
      if let raw = ClipSynthesis.samples(named: name, sampleRate: settings.sampleRate) {
        return Clip(
          name: name, samples: raw, sampleRate: settings.sampleRate, origin: "synthesised",
          settings: settings)
      }
      let folder = assetsFolder.map { $0 + "/sounds" } ?? "(no assets folder)"
      throw AudioError.clipNotFound(name: name, folder: folder)
    }
  }

  /// The clip in the sound file at `path` (WAV, FLAC, Ogg).
  ///
  /// - Throws: `AudioError` naming the file.
  public func clip(file path: String) throws -> Clip {
    try cached("file:" + path) { try load(path, name: path) }
  }

  /// Adds a clip made in code under `name`, replacing any clip of that name.
  public func register(_ clip: Clip, as name: String) {
    lock.lock()
    defer { lock.unlock() }
    cache["name:" + name] = clip
  }

  private func cached(_ key: String, _ make: () throws -> Clip) throws -> Clip {
    lock.lock()
    defer { lock.unlock() }
    if let clip = cache[key] { return clip }
    let clip = try make()
    cache[key] = clip
    collectedWarnings.append(contentsOf: clip.warnings)
    return clip
  }

  private func load(_ path: String, name: String) throws -> Clip {
    let file = try AudioFile.read(path: path)
    let frames = file.samples.count / file.channels
    var mono = [Float](repeating: 0, count: frames)
    let scale = 1 / Float(file.channels)
    for f in 0..<frames {
      var sum: Float = 0
      for c in 0..<file.channels { sum += file.samples[f * file.channels + c] }
      mono[f] = sum * scale
    }
    let resampled = try Resampler.resample(
      mono, from: file.sampleRate, to: settings.sampleRate, path: path)
    return Clip(
      name: name, samples: resampled, sampleRate: settings.sampleRate, origin: path,
      warnings: file.warnings, settings: settings)
  }
}
