/// `Float(i)` for a sample's index in a block, the position along a gain or delay ramp.
///
/// Converted through `Int32` so that loops over samples vectorise: SSE2, the baseline
/// x86-64 instruction set, converts 32-bit integers to floats four at a time but has no
/// such instruction for 64-bit ones. The same value as `Float(i)`, bit for bit, for any
/// i below 2³¹, far beyond any block.
@inline(__always)
func rampPosition(_ i: Int) -> Float { Float(Int32(truncatingIfNeeded: i)) }
