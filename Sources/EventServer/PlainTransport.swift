// ConnectionTransport over a plain non-blocking TCP descriptor: read(2) and write(2) through `syscall`.
// The descriptor belongs to the Connection, which closes it; this type only moves bytes.
import Glibc

final class PlainTransport: ConnectionTransport {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    func handshake() -> TransportResult { .done(0) }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> TransportResult {
        do {
            // recv rather than read: read(2) goes through the VFS (file position lock, fget/fput), which perf
            // showed costing the kernel about twice what recv's socket path does per request.
            switch try syscall("recv", { Glibc.recv(fd, buffer.baseAddress, buffer.count, 0) }) {
            case .processed(0): return .closed
            case .processed(let n): return .done(n)
            case .wouldBlock: return .wantRead
            }
        } catch {
            return .failed("\(error)")
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> TransportResult {
        do {
            // send(MSG_NOSIGNAL) rather than write: no SIGPIPE even if a caller forgot to ignore it.
            switch try syscall("send", { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }) {
            case .processed(let n): return .done(n)
            case .wouldBlock: return .wantWrite
            }
        } catch {
            return .failed("\(error)")
        }
    }

    var hasBufferedInput: Bool { false }

    func shutdown() { Socket.shutdownWrite(fd) }

    var isTLS: Bool { false }

    var handshakeFailure: TLSHandshakeFailure? { nil }
}
