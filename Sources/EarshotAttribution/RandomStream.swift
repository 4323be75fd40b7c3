import EarshotAutodiff

/// What a random stream is used for; each purpose gets its own stream, so that a baseline
/// and the path points drawn with the same seed are still independent.
enum RandomPurpose: UInt64 {
  case baseline = 0x6A09_E667_F3BC_C908
  case pathPoint = 0xBB67_AE85_84CA_A73B
}

/// A generator determined by a seed, a draw number and a purpose.
///
/// Passing the training step as `draw` gives every step fresh numbers while a resumed run
/// repeats exactly the numbers of the original one: no generator state has to be saved.
func randomStream(seed: UInt64, draw: UInt64, purpose: RandomPurpose) -> SplitMix64 {
  // Multiplying by an odd constant spreads consecutive draw numbers over all 64 bits.
  SplitMix64(seed: seed ^ (draw &* 0x9E37_79B9_7F4A_7C15) ^ purpose.rawValue)
}
