import Foundation

/// The amplitude ratio of a level in decibels: 10^(dB / 20); −∞ dB gives exactly 0.
@inline(__always)
func amplitude(decibels: Double) -> Double {
  decibels == -.infinity ? 0 : pow(10, decibels / 20)
}
