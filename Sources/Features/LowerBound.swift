extension UnsafeBufferPointer where Element: Comparable {
  /// The first index whose element is not below `value`, or `count` when every element is:
  /// a binary search of elements in ascending order (where `value` would be inserted).
  @inlinable
  package func lowerBound(of value: Element) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if self[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
