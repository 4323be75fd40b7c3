#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The learning rate as a function of the optimisation step: an optional linear warmup
/// from 0, then constant, linear or cosine decay from `peak` to `final`.
public struct LearningRateSchedule: Sendable, Equatable {
  /// How the rate falls after warmup.
  public enum Decay: String, Sendable, Equatable {
    case constant, linear, cosine
  }

  /// The rate after warmup.
  public var peak: Float
  /// The rate reached at `totalSteps` (ignored for constant decay).
  public var final: Float
  /// Steps of linear increase from 0 to `peak`.
  public var warmupSteps: Int
  /// The step at which decay ends; later steps keep `final`.
  public var totalSteps: Int
  /// The shape of the decay.
  public var decay: Decay

  /// Creates a schedule.
  public init(peak: Float, final: Float = 0, warmupSteps: Int = 0, totalSteps: Int = 1,
              decay: Decay = .constant) {
    (self.peak, self.final, self.warmupSteps) = (peak, final, warmupSteps)
    (self.totalSteps, self.decay) = (totalSteps, decay)
  }

  /// A rate that never changes.
  public static func constant(_ rate: Float) -> LearningRateSchedule {
    LearningRateSchedule(peak: rate)
  }

  /// The rate at a step counted from 0.
  public func rate(atStep step: Int) -> Float {
    if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
    let span = max(totalSteps - warmupSteps, 1)
    let progress = min(Float(step - warmupSteps) / Float(span), 1)
    switch decay {
    case .constant: return peak
    case .linear: return peak + (final - peak) * progress
    case .cosine: return final + (peak - final) * 0.5 * (1 + cosf(Float.pi * progress))
    }
  }
}
