// Reading a child process's pipe in tests with read(2), retrying reads a signal interrupted. Foundation's
// readDataToEndOfFile and availableData trap on EINTR ('try!' inside FileHandle): a full `swift test` run died with
// "Interrupted system call" when a signal reached the test process during such a read.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum PipeReading {
    /// Everything until end of file.
    public static func readToEnd(_ handle: FileHandle) -> Data {
        var data = Data()
        while true {
            let chunk = readSome(handle)
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }

    /// What one read returns (blocking until some bytes or end of file): empty at end of file or on an error.
    public static func readSome(_ handle: FileHandle, max: Int = 65_536) -> Data {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, max) }
            if n > 0 { return Data(buffer[0..<n]) }
            if n < 0, errno == EINTR { continue }
            return Data()
        }
    }
}
