import Foundation

/// A model file's bytes in memory (or a large table built from them), freed when the last
/// model pointing into them goes. Written only while it is being filled, then read-only, so
/// that scorers on several threads share it.
///
/// Large buffers are mapped anonymous memory aligned to 2 MiB and marked for transparent huge
/// pages where the system offers them (Linux, `madvise` mode): a 32 MB model then takes about
/// 200 page faults instead of 8,000, which halved the cost of reading it in a cold
/// `stance score` (issue 20: 14 ms to 7 ms of CPU, `bench/ColdFloor`). The memory is private
/// and anonymous, not a mapping of the file: rewriting the model file while it is used cannot
/// touch it (see `ModelFile.read`).
final class FileBytes: @unchecked Sendable {
  let address: UnsafeMutableRawPointer
  let size: Int
  /// The mapping to unmap (nil: `address` came from the allocator).
  private let mapping: (start: UnsafeMutableRawPointer, length: Int)?

  /// Below this, a plain allocation (a huge page would not pay for itself).
  private static let hugePageThreshold = 4 << 20
  private static let hugePage = 2 << 20

  init(byteCount: Int) {
    size = byteCount
    #if os(Linux)
      if byteCount >= Self.hugePageThreshold {
        // One extra huge page of room, so that the buffer can start on a huge-page boundary.
        let length = (byteCount + Self.hugePage - 1) / Self.hugePage * Self.hugePage + Self.hugePage
        if let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
          start != MAP_FAILED
        {
          let aligned = (Int(bitPattern: start) + Self.hugePage - 1) / Self.hugePage * Self.hugePage
          address = UnsafeMutableRawPointer(bitPattern: aligned)!
          // Advice only: without huge pages the memory is ordinary pages, and reading works the same.
          _ = madvise(address, length - Self.hugePage, 14)  // MADV_HUGEPAGE
          mapping = (start, length)
          return
        }
      }
    #endif
    address = .allocate(byteCount: max(byteCount, 1), alignment: 16)
    mapping = nil
  }

  /// Asks for huge pages under the 2 MiB-aligned inside of `buffer` (memory from the allocator,
  /// not touched yet), so that filling it takes one page fault per 2 MiB instead of 512. Advice
  /// only, and nothing below `hugePageThreshold` bytes.
  static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      guard buffer.count >= hugePageThreshold, let base = buffer.baseAddress else { return }
      let start = (Int(bitPattern: base) + hugePage - 1) / hugePage * hugePage
      let end = (Int(bitPattern: base) + buffer.count) / hugePage * hugePage
      if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14) }  // MADV_HUGEPAGE
    #endif
  }

  deinit {
    if let mapping {
      munmap(mapping.start, mapping.length)
    } else {
      address.deallocate()
    }
  }
}
