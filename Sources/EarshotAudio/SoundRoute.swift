import EarshotWorld
import Foundation

/// How sound from one source reaches one listening cell: the shortest open path, pulled taut.
public struct SoundRoute: Hashable, Sendable {
  /// Corners of the taut path, from the listener's cell to the source's cell.
  ///
  /// Consecutive corners see each other; two corners means the source is in sight.
  public var corners: [GridPoint]
  /// Length of the taut path between cell centres, in metres.
  public var length: Double
  /// Direction the sound arrives from (towards `corners[1]`), as a compass bearing in
  /// radians clockwise from north.
  public var arrivalBearing: Double

  /// Bends around obstacles: corners other than the two ends.
  public var bends: Int { max(0, corners.count - 2) }

  /// The first corner seen from the listener: the doorway or edge the sound comes round.
  public var apparentSource: GridPoint { corners.count > 1 ? corners[1] : corners[0] }
}
