// ChildProcess.run: a command run to completion with its stdin fed and its stdout and stderr drained together
// (poll), so a child that writes much before reading all its input never deadlocks the test; with a timeout
// after which the child gets SIGTERM (then SIGKILL), so a hung child fails its test instead of hanging it.
import Glibc

extension ChildProcess {
    public struct Finished: Sendable {
        /// Exit status, or 128 + the signal number.
        public let status: Int32
        public let stdout: [UInt8]
        public let stderr: [UInt8]
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` to its exit. `input` nil gives the child /dev/null as stdin; `mergeStderr` sends stderr
    /// into `stdout` (and leaves `stderr` empty).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           input: [UInt8]? = nil, mergeStderr: Bool = false,
                           timeout seconds: Double = 300) throws -> Finished {
        let child = try ChildProcess(executable, arguments, environment: environment,
                                     stdin: input == nil ? .none : .pipe, stdout: .pipe,
                                     stderr: mergeStderr ? .stdout : .pipe)
        return child.collect(input: input ?? [], timeout: seconds)
    }

    /// Feeds `input` to stdin (closing it after), reads stdout and stderr (whichever are pipes) to end of file,
    /// and waits for the exit.
    func collect(input pending: [UInt8], timeout seconds: Double) -> Finished {
        var written = 0
        if inputDescriptor >= 0 {
            _ = fcntl(inputDescriptor, F_SETFL, fcntl(inputDescriptor, F_GETFL) | O_NONBLOCK)
            if pending.isEmpty { closeInput() }
        }
        var out: [UInt8] = [], err: [UInt8] = []
        var outOpen = outputDescriptor >= 0, errOpen = errorDescriptor >= 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = monotonicSeconds() + seconds
        var terminatedAt: Double?
        while outOpen || errOpen || inputDescriptor >= 0 {
            var fds: [pollfd] = []
            if inputDescriptor >= 0 { fds.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0)) }
            if outOpen { fds.append(pollfd(fd: outputDescriptor, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: errorDescriptor, events: Int16(POLLIN), revents: 0)) }
            let now = monotonicSeconds()
            if terminatedAt == nil && now >= deadline {
                signal(SIGTERM)
                terminatedAt = now
            } else if let at = terminatedAt, now >= at + 10 {
                signal(SIGKILL)
            }
            let ready = poll(&fds, nfds_t(fds.count), 200)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inputDescriptor {
                    let n = pending.withUnsafeBytes {
                        Glibc.write(entry.fd, $0.baseAddress! + written, pending.count - written)
                    }
                    if n > 0 { written += n }
                    // EPIPE: the child exited or closed stdin without reading it all; what it printed still counts.
                    if written == pending.count || (n < 0 && errno != EAGAIN && errno != EINTR) { closeInput() }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress, $0.count) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                let isOutput = entry.fd == outputDescriptor
                if n <= 0 {
                    if isOutput { outOpen = false } else { errOpen = false }
                } else if isOutput {
                    out += buffer[0..<n]
                } else {
                    err += buffer[0..<n]
                }
            }
        }
        return Finished(status: wait(), stdout: out, stderr: err)
    }
}
