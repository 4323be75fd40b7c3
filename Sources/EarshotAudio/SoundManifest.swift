import EarshotMedia
import Foundation

/// One sound class of `assets/sounds/manifest.json`: where its clip comes from and its split.
public struct SoundClass: Codable, Hashable, Sendable {
  /// The clip name scenarios use, e.g. `phone`.
  public var name: String
  /// `heard` (used in training) or `unheard` (held out for testing).
  public var split: String
  /// The file copied from a Debian package, or `synthesised`.
  public var source: String
  /// The Debian package holding `source`, or nil for synthesised clips.
  public var package: String?
  /// The licence of the recording.
  public var licence: String
  /// Who holds the copyright.
  public var copyright: String
}

/// The committed list of sound classes, their sources, licences and heard/unheard split.
public struct SoundManifest: Codable, Sendable {
  /// Every class, in the manifest's order.
  public var clips: [SoundClass]

  /// Reads `<assetsFolder>/sounds/manifest.json`.
  ///
  /// - Throws: `AudioError.unreadable` naming the file when it is missing or malformed.
  public static func load(assetsFolder: String) throws -> SoundManifest {
    let path = URL(fileURLWithPath: assetsFolder)
      .appendingPathComponent("sounds/manifest.json").path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AudioError.fileNotFound(path: path)
    }
    do {
      return try JSONDecoder().decode(SoundManifest.self, from: data)
    } catch {
      throw AudioError.unreadable(path: path, reason: "\(error)")
    }
  }

  /// Names of the classes in `split` (`heard` or `unheard`).
  public func names(split: String) -> [String] {
    clips.filter { $0.split == split }.map(\.name)
  }
}
