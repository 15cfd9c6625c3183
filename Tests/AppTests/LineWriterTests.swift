// The buffered access log: lines wait in memory (nothing written before a flush when no timer runs), every line
// from every thread comes out whole after a flush, a full buffer goes out at once, and a live service writes every
// access-log line of its requests once it has drained. Also the hand-made JSON line against JSONSerialization.
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import App

@Suite struct LineWriterTests {
    /// A temporary file open for writing, and a function that reads what it holds.
    static func tempFile() throws -> (fd: Int32, read: () -> String, remove: () -> Void) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("byline-log-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        try #require(fd >= 0)
        return (fd, { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" },
                { close(fd); unlink(path) })
    }

    @Test func bufferedLinesWaitForFlushAndAllComeOutWhole() throws {
        let file = try Self.tempFile()
        defer { file.remove() }
        let writer = LineWriter(fd: file.fd, capacity: 1 << 20, flushInterval: nil)
        let threads = 4, perThread = 500
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<perThread { writer.append(Array("line \(t) \(i)".utf8)) }
        }
        #expect(file.read().isEmpty, "nothing is written before a flush while the buffers have room")
        writer.flush()
        let lines = file.read().split(separator: "\n").map(String.init)
        let expected = Set((0..<threads).flatMap { t in (0..<perThread).map { "line \(t) \($0)" } })
        #expect(lines.count == threads * perThread)
        #expect(Set(lines) == expected)
    }

    /// Regression: a flush returned while another thread held a full buffer it had taken but not yet written, so
    /// lines appended before the flush could be missing after it (and lost at exit).
    @Test func flushWaitsForBatchesOtherThreadsTook() throws {
        let file = try Self.tempFile()
        defer { file.remove() }
        // Tiny buffers: nearly every append takes a full batch, so flushes race with batches in flight.
        let writer = LineWriter(fd: file.fd, capacity: 256, flushInterval: nil)
        // Fixed-width lines, so the file's size says how many lines it holds without reading it.
        let perThread = 20_000, lineBytes = 48
        @Sendable func line(_ t: Int, _ i: Int) -> [UInt8] {
            let text = "thread \(t) line \(i)"
            return Array((text + String(repeating: ".", count: lineBytes - 1 - text.utf8.count)).utf8)
        }
        let appended = Atomic<Int>(0), running = Atomic<Int>(3), finished = DispatchSemaphore(value: 0)
        for t in 0..<3 {
            Thread.detachNewThread {
                for i in 0..<perThread {
                    writer.append(line(t, i))
                    appended.add(1, ordering: .acquiringAndReleasing)
                }
                running.subtract(1, ordering: .releasing)
                finished.signal()
            }
        }
        var shortfalls: [String] = []
        repeat {
            let before = appended.load(ordering: .acquiring)
            writer.flush()
            let lines = Int(lseek(file.fd, 0, SEEK_END)) / lineBytes
            if lines < before { shortfalls.append("\(lines) lines after a flush, \(before) appended before it") }
        } while running.load(ordering: .acquiring) > 0
        for _ in 0..<3 { finished.wait() }
        writer.flush()
        #expect(Int(lseek(file.fd, 0, SEEK_END)) == 3 * perThread * lineBytes)
        #expect(shortfalls.count == 0, "\(shortfalls.prefix(3))")
    }

    @Test func fullBufferIsWrittenWithoutFlush() throws {
        let file = try Self.tempFile()
        defer { file.remove() }
        let writer = LineWriter(fd: file.fd, capacity: 100, flushInterval: nil)
        for i in 0..<30 { writer.append(Array("entry \(i)".utf8)) }
        let written = file.read().split(separator: "\n")
        #expect(written.count >= 20, "buffers of 100 bytes went out as they filled")
        #expect(written.first == "entry 0")
    }

    @Test func serviceWritesEveryAccessLineAfterShutdown() throws {
        let file = try Self.tempFile()
        defer { file.remove() }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("byline-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var config = Config()
        config.port = 0
        config.loops = 2
        config.workers = 1
        config.logLevel = "info"
        config.database = directory.appendingPathComponent("byline.db").path
        // No timer and a large buffer: only the flush after the drain can write the lines.
        let writer = LineWriter(fd: file.fd, capacity: 1 << 20, flushInterval: nil)
        let service = try Service(config: config, logWriter: writer)
        let server = try service.start()
        let requests = 50
        let client = try LoopbackClient(port: server.boundPort)
        for i in 0..<requests {
            try client.send("GET /health HTTP/1.1\r\nHost: test\r\nX-Request-Id: buffered-\(i)\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        client.close()
        #expect(!file.read().contains("buffered-"), "access lines are buffered, not written per request")
        server.shutdown(graceful: true)
        service.waitUntilStopped()
        let lines = file.read().split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        let ids = Set(lines.compactMap { $0["request_id"] as? String }.filter { $0.hasPrefix("buffered-") })
        #expect(ids == Set((0..<requests).map { "buffered-\($0)" }))
    }

    /// Regression: on a non-blocking stderr whose pipe was full, write(2) answered EAGAIN and the rest of the
    /// batch was dropped. Now the writer waits for the reader (boundedly) and every byte arrives.
    @Test func nonBlockingPipeThatFillsUpLosesNoBytes() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let readEnd = fds[0]
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        let batch = [UInt8](repeating: UInt8(ascii: "x"), count: 256 * 1024)  // four times a default pipe
        let received = Mutex(0)
        let readerDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 8192)
            usleep(50_000)  // let the writer hit a full pipe first
            while true {
                let n = read(readEnd, &buffer, buffer.count)
                if n <= 0 { break }
                received.withLock { $0 += n }
            }
            readerDone.signal()
        }
        reader.start()
        LineWriter.writeAll(fd: fds[1], batch)
        close(fds[1])
        // The read end is closed only after the reader's last read: closed earlier, its number could be reused
        // by another test's socket while the reader still reads it.
        let finished = readerDone.wait(timeout: .now() + 2) == .success
        #expect(finished, "the reader never saw end of file")
        if finished { close(readEnd) }
        #expect(received.withLock { $0 } == batch.count)
    }

    @Test(arguments: [
        ("plain", "/health", "abc", "127.0.0.1"),
        ("escapes", "/a\"b\\c", "id\u{1}\u{7F}", "::1"),
        ("unicode", "/caf\u{E9}/\u{1F600}", "-", "10.0.0.1"),
    ])
    func accessLineIsTheJSONOfItsFields(name: String, path: String, requestId: String, client: String) throws {
        let line = AccessLogLine(time: Date(timeIntervalSince1970: 1_700_000_000.1235), method: "GET", path: path,
                                 status: 404, bytes: 1234, durationMs: 0.0426, requestId: requestId, client: client)
        let text = line.json()
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let object = try #require(parsed as? [String: Any], "\(name)")
        #expect(object["path"] as? String == path)
        #expect(object["request_id"] as? String == requestId)
        #expect(object["client"] as? String == client)
        #expect(object["method"] as? String == "GET")
        #expect(object["status"] as? Int == 404)
        #expect(object["bytes"] as? Int == 1234)
        #expect(object["duration_ms"] as? Double == 0.043)
        #expect(object["time"] as? String == "2023-11-14T22:13:20.123Z")
        #expect(Array(object.keys).sorted() == ["bytes", "client", "duration_ms", "method", "path", "request_id",
                                               "status", "time"])
        #expect(!text.contains("\n"))
    }
}
