// The floor of a cold `stance score`: a Swift process that reads the model file into memory
// the way `ModelFile.read` does (open, fstat, read(2) into one fresh buffer) and exits.
// Built by bench/cold_start.sh with `swiftc -O -static-stdlib`; prints the byte count.
#if canImport(Glibc)
  import Glibc
#endif

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "models/stance.model"
let fd = open(path, O_RDONLY | O_CLOEXEC)
guard fd >= 0 else {
  fputs("coldfloor: cannot open \(path)\n", stderr)
  exit(1)
}
var info = stat()
_ = fstat(fd, &info)
let size = Int(info.st_size)
let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
var count = 0
while count < size {
  let n = read(fd, buffer + count, size - count)
  if n <= 0 { break }
  count += n
}
close(fd)
print(count)
