import Foundation

/// Buffered writes to a file descriptor (stdout) that stop quietly when the reader goes away.
///
/// SIGPIPE is ignored process-wide (see `Stance.main`), so writing into a closed pipe
/// (`stance score ... | head -1`) returns EPIPE; the writer then ends the process with
/// status 0 and no message, which is what shell pipelines expect.
final class OutputWriter {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let flushThreshold = 1 << 16

  /// A writer for `fd` (1 = stdout).
  init(fd: Int32 = 1) {
    self.fd = fd
    buffer.reserveCapacity(flushThreshold * 2)
  }

  /// Queues `text`, flushing when the buffer is full.
  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= flushThreshold { flush() }
  }

  /// Queues `bytes`, flushing when the buffer is full.
  func write(bytes: [UInt8]) {
    if buffer.isEmpty && bytes.count >= flushThreshold {
      writeAll(bytes)
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushThreshold { flush() }
  }

  /// Writes everything queued.
  func flush() {
    guard !buffer.isEmpty else { return }
    writeAll(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 {
          if errno == EINTR || errno == EAGAIN { continue }
          if errno == EPIPE { exit(0) }  // the reader closed the pipe: stop quietly
          printError("stance: error: cannot write output: \(String(cString: strerror(errno)))")
          exit(2)
        }
        done += n
      }
    }
  }

  deinit { flush() }
}

/// Whether `fd` is a terminal (text output and progress lines only go to terminals).
func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

/// Writes one line to standard error (reports, warnings, progress).
func printError(_ line: String) {
  writeToStandardError(line + "\n")
}

/// Writes `text` to standard error with `write(2)`. Diagnostics that cannot be written (stderr
/// closed, `2>/dev/full`, a closed pipe) are dropped: the run goes on and its exit status
/// stays that of its real work. (`FileHandle.write` trapped on such errors.)
func writeToStandardError(_ text: String) {
  var bytes = Array(text.utf8)
  bytes.withUnsafeMutableBytes { raw in
    var done = 0
    while done < raw.count {
      let n = Foundation.write(2, raw.baseAddress! + done, raw.count - done)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      done += n
    }
  }
}
