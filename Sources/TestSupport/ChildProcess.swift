// A child process for tests (the byline binary, openssl, curl, nginx, python), started with posix_spawn on pipes
// this object alone owns, in place of Foundation's Process and Pipe, whose descriptors we could not account for
// while hunting a descriptor closed twice under parallel tests (the proven culprit was LoopbackClient's failed
// connect). Every pipe end is O_CLOEXEC, the child closes every inherited descriptor above stderr and starts with
// default signal handling, and each end is closed exactly once.
import CLinux
import Glibc
import Synchronization

public final class ChildProcess: @unchecked Sendable {
    public enum Input: Sendable {
        /// /dev/null.
        case none
        /// A pipe, fed by `ChildProcess.run`.
        case pipe
    }

    public enum Output: Sendable {
        /// /dev/null.
        case discard
        /// The test process's own stream.
        case inherit
        /// A pipe read with `readSome(_:)`.
        case pipe
        /// stderr only: the same pipe as stdout.
        case stdout
    }

    public enum Stream: Sendable { case output, error }

    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    public let pid: pid_t
    /// Write end of the child's stdin, -1 when closed or not a pipe.
    private(set) var inputDescriptor: Int32
    /// Read ends of the child's stdout and stderr, -1 when not pipes.
    let outputDescriptor: Int32
    let errorDescriptor: Int32
    /// The raw wait status once reaped; the lock also keeps `signal` from reaching a reaped pid.
    private let reaped = Mutex<Int32?>(nil)

    /// Starts `executable` (an absolute path) with `arguments`; `environment` nil inherits the test process's.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: Input = .none, stdout: Output = .discard, stderr: Output = .discard) throws {
        // A write to a child that has exited must fail with EPIPE, not kill the test process.
        CLinux_ignoreSIGPIPE()
        var opened: [Int32] = []
        var inputEnd: Int32 = -1, outputEnd: Int32 = -1, errorEnd: Int32 = -1
        var spawned = false
        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard CLinux_pipeCloexec(&fds) == 0 else {
                throw SpawnError(description: "pipe2: \(String(cString: strerror(errno)))")
            }
            opened += fds
            return (fds[0], fds[1])
        }
        // The child-side ends are closed in the parent once the child holds its copies; every end when no child
        // was started. This is the one place an end is closed before the object owns it.
        defer {
            for fd in opened where !spawned || (fd != inputEnd && fd != outputEnd && fd != errorEnd) {
                Glibc.close(fd)
            }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch stdin {
        case .none: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .pipe:
            let p = try makePipe()
            inputEnd = p.write
            posix_spawn_file_actions_adddup2(&actions, p.read, 0)
        }
        var outputWrite: Int32 = -1
        switch stdout {
        case .discard, .stdout: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .inherit: break
        case .pipe:
            let p = try makePipe()
            outputEnd = p.read
            outputWrite = p.write
            posix_spawn_file_actions_adddup2(&actions, p.write, 1)
        }
        switch stderr {
        case .discard: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        case .inherit: break
        case .stdout:
            if outputWrite >= 0 { posix_spawn_file_actions_adddup2(&actions, outputWrite, 2) }
            else { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        case .pipe:
            let p = try makePipe()
            errorEnd = p.read
            posix_spawn_file_actions_adddup2(&actions, p.write, 2)
        }
        CLinux_spawnActionsCloseFrom(&actions, 3)

        // The child starts with default signal handling and an empty mask, whatever the test process ignores
        // (SIGPIPE) or blocks.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM, SIGXFSZ] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
            variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for p in envp ?? [] { free(p) } }
        var child: pid_t = 0
        let result = if let envp {
            posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        } else {
            posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        }
        guard result == 0 else {
            throw SpawnError(description: "posix_spawn \(executable): \(String(cString: strerror(result)))")
        }
        spawned = true
        pid = child
        inputDescriptor = inputEnd
        outputDescriptor = outputEnd
        errorDescriptor = errorEnd
    }

    deinit {
        if status() == nil {
            Glibc.kill(pid, SIGKILL)
            _ = wait()
        }
        for fd in [inputDescriptor, outputDescriptor, errorDescriptor] where fd >= 0 { Glibc.close(fd) }
    }

    // MARK: input

    /// Closes stdin, so the child reads end of file. Idempotent.
    public func closeInput() {
        guard inputDescriptor >= 0 else { return }
        Glibc.close(inputDescriptor)
        inputDescriptor = -1
    }

    // MARK: output

    /// What one read of the stream returns, blocking until some bytes arrive: empty at end of file.
    public func readSome(_ stream: Stream = .output, max: Int = 65_536) -> [UInt8] {
        let fd = stream == .output ? outputDescriptor : errorDescriptor
        precondition(fd >= 0, "\(stream) is not a pipe")
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, max) }
            if n >= 0 { return Array(buffer[0..<n]) }
            if errno != EINTR { return [] }
        }
    }

    // MARK: lifetime

    /// Sends `signal` unless the child has already been reaped (its pid may then belong to another process).
    public func signal(_ signal: Int32) {
        reaped.withLock { raw in
            if raw == nil { Glibc.kill(pid, signal) }
        }
    }

    /// The exit status once the child has exited (128 + the signal number if a signal ended it), else nil.
    public func status() -> Int32? {
        reaped.withLock { raw in
            if raw == nil {
                var waited: Int32 = 0
                if waitpid(pid, &waited, WNOHANG) == pid { raw = waited }
            }
            return raw.map(Self.exitStatus)
        }
    }

    public var isRunning: Bool { status() == nil }

    /// Blocks until the child exits; its exit status as in `status()`.
    @discardableResult
    public func wait() -> Int32 {
        while true {
            if let done = status() { return done }
            // waitpid without WNOHANG would hold the lock; a short sleep keeps `signal` usable meanwhile.
            usleep(2_000)
        }
    }

    /// Waits at most `seconds`; nil if the child is still running.
    public func wait(seconds: Double) -> Int32? {
        let deadline = monotonicSeconds() + seconds
        while monotonicSeconds() < deadline {
            if let done = status() { return done }
            usleep(5_000)
        }
        return status()
    }

    static func exitStatus(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
