/// An array of `count` elements whose memory is not zeroed first, for buffers that the caller
/// overwrites completely before reading (saves a pass over large buffers).
@inline(__always)
func uninitializedArray<T: BitwiseCopyable>(_ count: Int, of type: T.Type) -> [T] {
  [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
