// The SSL_CTX that new TLS connections use, swappable at runtime (the App calls reload() on SIGHUP). A swap only
// affects connections accepted afterwards: each live SSL holds its own reference to the context it started with.
import Synchronization

public final class TLSContextHolder: Sendable {
    private struct State {
        var configuration: TLSConfiguration
        var context: TLSContext
    }

    private let state: Mutex<State>

    /// Loads and checks the pair; throws TLSConfigurationError (missing, unreadable, unparsable, expired,
    /// not yet valid, or mismatched files) so startup can fail with a clear message.
    public init(configuration: TLSConfiguration) throws(TLSConfigurationError) {
        let context = try TLSContext(server: configuration)
        state = Mutex(State(configuration: configuration, context: context))
    }

    /// The configuration currently served.
    public var configuration: TLSConfiguration { state.withLock { $0.configuration } }

    /// The leaf certificate currently served.
    public var certificate: TLSCertificateInfo {
        state.withLock { $0.context.certificate! }
    }

    /// Rereads the current paths (a renewed certificate written over the old files). Returns nil when new
    /// connections now use the new pair, or an error line to log while the old pair stays in service.
    @discardableResult
    public func reload() -> String? {
        reload(configuration: configuration)
    }

    /// Like `reload()`, switching to other paths when the new pair is good.
    @discardableResult
    public func reload(configuration: TLSConfiguration) -> String? {
        // Built outside the lock: loading PEM files must not stall accepts on other loops.
        do {
            let context = try TLSContext(server: configuration)
            state.withLock { $0 = State(configuration: configuration, context: context) }
            return nil
        } catch {
            return "\(error.description); still serving the previous certificate"
        }
    }

    /// The context for a connection accepted now.
    func currentContext() -> TLSContext { state.withLock { $0.context } }

    /// A server transport for an accepted non-blocking socket, or the reason it could not be made (log it and
    /// close the socket). Never blocks.
    func makeTransport(fd: Int32) -> Result<TLSTransport, TLSConfigurationError> {
        Result { () throws(TLSConfigurationError) in try TLSTransport(fd: fd, context: currentContext()) }
    }
}
