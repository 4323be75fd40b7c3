/// A problem reading or writing sound: the file or clip at fault and what to do about it.
public enum AudioError: Error, CustomStringConvertible, Equatable, Sendable {
  /// No file at `path`.
  case fileNotFound(path: String)
  /// The file at `path` holds no bytes.
  case emptyFile(path: String)
  /// libsndfile could not open or decode the file; `reason` is its message.
  case unreadable(path: String, reason: String)
  /// The file opened but holds no sample frames.
  case noSamples(path: String)
  /// A file could not be written; `reason` says why.
  case writeFailed(path: String, reason: String)
  /// No clip named `name` in the assets folder, nor one Earshot can synthesise.
  case clipNotFound(name: String, folder: String)
  /// No `assets/sounds` folder above `start`, and `EARSHOT_ASSETS` was not set.
  case assetsFolderNotFound(start: String)
  /// Resampling failed; `reason` is libsamplerate's message.
  case resamplingFailed(path: String, reason: String)

  /// What went wrong, naming the file, and what to do.
  public var description: String {
    switch self {
    case .fileNotFound(let path):
      return "\(path): no such audio file"
    case .emptyFile(let path):
      return "\(path): the file is empty; replace it with a WAV, FLAC or Ogg recording"
    case .unreadable(let path, let reason):
      return "\(path): not a readable WAV, FLAC or Ogg file (\(reason))"
    case .noSamples(let path):
      return "\(path): the file holds no audio frames"
    case .writeFailed(let path, let reason):
      return "\(path): cannot write (\(reason)); check the folder exists and is writable"
    case .clipNotFound(let name, let folder):
      return "no clip '\(name)' in \(folder) (looked for .wav, .flac, .ogg, .oga);"
        + " run scripts/prepare_sounds.sh or name an audio file"
    case .assetsFolderNotFound(let start):
      return "no assets/sounds folder in \(start) or above it;"
        + " set EARSHOT_ASSETS to the assets folder"
    case .resamplingFailed(let path, let reason):
      return "\(path): resampling failed (\(reason))"
    }
  }
}
