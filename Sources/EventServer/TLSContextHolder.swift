// The SSL_CTX that new TLS connections use, swappable at runtime (reload(), or reloadOnHangup for SIGHUP). A swap
// only affects connections accepted afterwards: each live SSL holds its own reference to the context it started
// with, so nothing in flight notices.
import Dispatch
import Glibc
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
        // A server context always describes its leaf; only test client contexts have none.
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

/// Reloads a TLSContextHolder on every SIGHUP until cancelled (or released). Made by `reloadOnHangup`.
public final class TLSHangupWatcher: @unchecked Sendable {
    // @unchecked: the dispatch source is thread-safe and only ever cancelled.
    private let source: DispatchSourceSignal

    fileprivate init(_ holder: TLSContextHolder, log: @escaping @Sendable (String) -> Void) {
        // The default action of SIGHUP terminates the process; dispatch delivers it to the handler instead.
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "byline.tls-reload"))
        source.setEventHandler { [weak holder] in
            guard let holder else { return }
            if let problem = holder.reload() {
                log(problem)
            } else {
                let certificate = holder.certificate
                log("TLS: reloaded \(holder.configuration.certificateChainPath): \(certificate.subject) "
                    + "serial \(certificate.serialHex)")
            }
        }
        source.resume()
    }

    public func cancel() { source.cancel() }

    deinit { source.cancel() }
}

extension TLSContextHolder {
    /// Rereads the certificate and key on each SIGHUP, logging the outcome (a refused pair keeps the old one in
    /// service). Keep the returned watcher for as long as reloads should happen.
    public func reloadOnHangup(log: @escaping @Sendable (String) -> Void) -> TLSHangupWatcher {
        TLSHangupWatcher(self, log: log)
    }
}
