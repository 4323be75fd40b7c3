import Foundation

/// A spherical head: when each ear hears a source, and how the head shades the far ear.
///
/// Azimuths are relative to where the head faces, in radians, clockwise (positive to the
/// right), so −π/2 is straight left.
public struct HeadModel: Hashable, Sendable {
  /// Head radius a, in metres.
  public var radius: Double
  /// Speed of sound c, in metres per second.
  public var speedOfSound: Double

  /// A head of `radius` metres in air where sound travels at `speedOfSound` m/s.
  public init(radius: Double = 0.0875, speedOfSound: Double = 343) {
    self.radius = radius
    self.speedOfSound = speedOfSound
  }

  /// Woodworth's interaural time difference, in seconds: positive when the left ear hears
  /// the source later (the source is to the right).
  ///
  /// ```
  /// ITD = (a / c) (θ + sin θ),   θ = asin(sin azimuth) ∈ [−π/2, π/2]
  /// ```
  /// θ is the lateral angle, so a source behind the head mirrors one in front. About
  /// 0.66 ms at 90° for the default head.
  public func interauralTimeDifference(azimuth: Double) -> Double {
    let lateral = asin(max(-1, min(1, sin(azimuth))))
    return radius / speedOfSound * (lateral + sin(lateral))
  }

  /// Brown and Duda's head-shadow filter for one ear, as a digital one-pole, one-zero filter
  /// `y[n] = b0 x[n] + b1 x[n−1] − a1 y[n−1]`.
  ///
  /// The analogue filter is H(s) = (α s + β) / (s + β), β = 2c / a, with
  /// α(θ) = (1 + α_min / 2) + (1 − α_min / 2) cos(θ / θ_min · π), α_min = 0.1,
  /// θ_min = 150°, and θ the angle between the source and the ear's axis. Unity at DC; at
  /// high frequencies +6 dB facing the ear and −20 dB at 150° from it. Discretised by the
  /// bilinear transform.
  ///
  /// - Parameters:
  ///   - azimuth: The source relative to the facing direction, radians clockwise.
  ///   - rightEar: Which ear (its axis points at +π/2 for the right, −π/2 for the left).
  ///   - sampleRate: In hertz.
  public func shadowFilter(
    azimuth: Double, rightEar: Bool, sampleRate: Int
  ) -> (b0: Float, b1: Float, a1: Float) {
    let earAxis = rightEar ? Double.pi / 2 : -Double.pi / 2
    var angle = (azimuth - earAxis).truncatingRemainder(dividingBy: 2 * .pi)
    if angle > .pi { angle -= 2 * .pi }
    if angle < -.pi { angle += 2 * .pi }
    let theta = abs(angle)
    let alphaMin = 0.1, thetaMin = 150.0 * .pi / 180
    let alpha = (1 + alphaMin / 2) + (1 - alphaMin / 2) * cos(theta / thetaMin * .pi)
    let beta = 2 * speedOfSound / radius
    let k = 2 * Double(sampleRate)
    let norm = k + beta
    return (Float((alpha * k + beta) / norm), Float((beta - alpha * k) / norm),
      Float((beta - k) / norm))
  }
}
