// Locked: a value behind an NSLock, for the few pieces of shared state Storage keeps (the writer connection,
// the reader pool). Synchronization.Mutex would do the same but needs macOS 15, above our declared platform.
import Foundation

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
