// HTTP1Fuzz: libFuzzer entry point for RequestParser (RELIABILITY.md §2.3 harnesses 1, 2 and 5), not part of CI.
// Built by scripts/fuzz with `--sanitize=fuzzer --sanitize=address`, SwiftPM compiles this file as a library file
// (-parse-as-library) and libFuzzer's `main` drives LLVMFuzzerTestOneInput. In a normal build this file is the
// program: the one global below is initialised as top-level code and replays the files given as arguments (crash
// files, FailCases) through the same checks. Top-level statements would break the fuzzer build, hence the global.
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Replays files given on the command line; prints one line per file and exits non-zero on read failure.
private func replay(_ paths: [String]) -> Int32 {
    for path in paths {
        guard let file = fopen(path, "rb") else {
            print("cannot open \(path)")
            return 1
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes += chunk[0 ..< n]
        }
        fclose(file)
        FuzzHarness.run(bytes)
        print("ok \(path) (\(bytes.count) bytes)")
    }
    return 0
}

/// Runs as top-level code in a normal build; lazy and never touched in the fuzzer build.
let replayExitCode: Int32 = {
    let paths = Array(CommandLine.arguments.dropFirst())
    if paths.isEmpty {
        print("usage: HTTP1Fuzz FILE... (replays inputs; build with --sanitize=fuzzer to fuzz, see scripts/fuzz)")
        exit(0)
    }
    exit(replay(paths))
}()
