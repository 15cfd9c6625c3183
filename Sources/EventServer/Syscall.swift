// The one place that looks at errno. Every system call in EventServer goes through `syscall`, which retries
// EINTR, turns EAGAIN into `.wouldBlock`, crashes on EBADF/EFAULT (those are our bugs: a closed or wild fd
// must never be used, and carrying on would read or close someone else's descriptor) and throws `IOError`
// otherwise. Modelled on swift-nio `Sources/NIOPosix/System.swift` (`syscall`, `isUnacceptableErrno`).
import Glibc

/// A failed system call: the errno value and the name of the call, for logs.
struct IOError: Error, CustomStringConvertible, Equatable {
    let errnoCode: Int32
    let call: String

    var description: String { "\(call) failed: \(String(cString: strerror(errnoCode))) (errno \(errnoCode))" }

    /// The peer went away; a normal event on the internet, logged at most at debug level.
    var isPeerReset: Bool { errnoCode == ECONNRESET || errnoCode == EPIPE || errnoCode == ETIMEDOUT }
    /// The process or system is out of descriptors (accept must back off instead of spinning).
    var isOutOfDescriptors: Bool { errnoCode == EMFILE || errnoCode == ENFILE || errnoCode == ENOBUFS
        || errnoCode == ENOMEM }
}

/// The result of a non-blocking call.
enum IOResult<T: Equatable>: Equatable {
    case processed(T)
    case wouldBlock
}

/// errno values that can only mean a bug in this process.
@inline(__always)
private func isUnacceptable(_ code: Int32) -> Bool {
    code == EBADF || code == EFAULT
}

/// Runs `body` (a raw Glibc call returning -1 on failure) with the rules in the file header.
@inline(__always)
func syscall<T: FixedWidthInteger>(_ call: StaticString, _ body: () -> T) throws -> IOResult<T> {
    while true {
        let result = body()
        if result != -1 { return .processed(result) }
        let code = errno
        switch code {
        case EINTR:
            continue
        case EAGAIN:
            return .wouldBlock
        default:
            precondition(!isUnacceptable(code), "\(call) failed with unacceptable errno \(code)")
            throw IOError(errnoCode: code, call: "\(call)")
        }
    }
}

/// Like `syscall`, for calls that never legitimately block (socket, bind, epoll_ctl): EAGAIN is an error here.
@inline(__always)
@discardableResult
func syscallBlocking<T: FixedWidthInteger>(_ call: StaticString, _ body: () -> T) throws -> T {
    switch try syscall(call, body) {
    case .processed(let value): return value
    case .wouldBlock: throw IOError(errnoCode: EAGAIN, call: "\(call)")
    }
}

/// close(2). On Linux the descriptor is released even when close reports EINTR, so it is never retried
/// (a retry could close a descriptor another thread has just been given).
func closeDescriptor(_ fd: Int32) {
    let result = Glibc.close(fd)
    if result == -1 {
        let code = errno
        precondition(code != EBADF, "close(\(fd)) on a descriptor that is not open")
    }
}
