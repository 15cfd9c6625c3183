// The tests' process runner (TestSupport.ChildProcess): exit statuses, stdin and output pipes that neither deadlock
// nor leak into the child, timeouts, signals, and a failed spawn that closes nothing twice.
import Glibc
import Testing
import TestSupport

@Suite struct ChildProcessTests {
    @Test(arguments: [("exit 0", 0), ("exit 3", 3), ("kill -9 $$", 128 + 9), ("kill -TERM $$", 128 + 15)]
          as [(String, Int32)])
    func statusIsTheExitCodeOr128PlusTheSignal(script: String, status: Int32) throws {
        #expect(try ChildProcess.run("/bin/sh", ["-c", script]).status == status)
    }

    @Test func stdinAndBothOutputsFlowTogetherWithoutDeadlock() throws {
        // 4 MB through cat, echoed to stdout and stderr: a runner that wrote all input before reading would block.
        let input = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let finished = try ChildProcess.run("/bin/sh", ["-c", "tee /dev/stderr"], input: input)
        #expect(finished.status == 0)
        #expect(finished.stdout == input)
        #expect(finished.stderr == input)
    }

    @Test func mergedStderrArrivesOnStdout() throws {
        let finished = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2"], mergeStderr: true)
        #expect(finished.stdoutText.split(separator: "\n").sorted() == ["err", "out"])
        #expect(finished.stderr.isEmpty)
    }

    @Test func childInheritsOnlyItsThreeStandardDescriptors() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)  // without O_CLOEXEC: only the spawn's closefrom keeps it out
        defer { close(fds[0]); close(fds[1]) }
        let finished = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"])
        #expect(finished.stdoutText.split(separator: "\n").sorted() == ["0", "1", "2"], "\(finished.stdoutText)")
    }

    @Test func childStartsWithDefaultSignalHandling() throws {
        // The test process ignores SIGPIPE; a shell that inherits an ignored signal cannot reset it.
        let finished = try ChildProcess.run("/bin/sh", ["-c", "trap - PIPE; grep -E '^SigIgn' /proc/$$/status"])
        let mask = finished.stdoutText.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).last
        let ignored = mask.flatMap { UInt64($0, radix: 16) }
        let sigpipeBit: UInt64 = 1 << (UInt64(SIGPIPE) - 1)
        #expect(ignored.map { $0 & sigpipeBit == 0 } == true, "\(finished.stdoutText)")
    }

    @Test func aChildPastItsTimeoutIsTerminated() throws {
        let finished = try ChildProcess.run("/bin/sleep", ["30"], timeout: 0.3)
        #expect(finished.status == 128 + SIGTERM)
    }

    @Test func inputTheChildNeverReadsIsDroppedNotFatal() throws {
        let finished = try ChildProcess.run("/bin/sh", ["-c", "exec 0<&-; echo done"],
                                            input: [UInt8](repeating: 1, count: 1 << 20))
        #expect(finished.status == 0)
        #expect(finished.stdoutText == "done\n")
    }

    @Test func aMissingExecutableThrows() {
        #expect(throws: ChildProcess.SpawnError.self) { try ChildProcess("/no/such/binary", []) }
    }

    /// Regression: a failed spawn closed its pipes' parent ends twice.
    @Test func aFailedSpawnClosesNoOtherDescriptor() {
        var failures = 0
        let (stolen, opened) = DescriptorBystander.stolen {
            for _ in 0..<500 {
                if (try? ChildProcess("/no/such/binary", [], stdin: .pipe, stdout: .pipe, stderr: .pipe)) == nil {
                    failures += 1
                }
            }
        }
        #expect(failures == 500)
        #expect(stolen == 0, "\(stolen) of \(opened) bystander sockets closed by another")
    }

    @Test func environmentIsExactlyWhatWasGiven() throws {
        let finished = try ChildProcess.run("/usr/bin/env", [], environment: ["ONLY": "this"])
        #expect(finished.stdoutText == "ONLY=this\n")
    }
}
