// A TLS listener beside the plain one: same event loops, same connection state machine, only the transport
// differs. Each accepted socket gets a TLSTransport built from the context current at accept time, so a reload
// affects only connections accepted after it.
//
// Handshake timeout: the connection's header timeout runs from accept (ConnectionStateMachine starts in .idle
// with deadline = accept + headerTimeout), so a client that stalls mid-handshake is closed silently when it
// expires, like one that connects and says nothing.

extension ListenerSpec {
    static func tls(host: String, port: Int, contexts: TLSContextHolder) -> ListenerSpec {
        ListenerSpec(host: host, port: port, isTLS: true) { fd in try contexts.makeTransport(fd: fd).get() }
    }
}

extension HTTPServer {
    /// Adds a TLS listener on `host` (default: the configuration's host) and `port` (0: ephemeral); call before
    /// `start`. Returns the listener's index for `boundPort(ofTLSListener:)`.
    @discardableResult
    public func addTLSListener(host: String? = nil, port: Int, contexts: TLSContextHolder) -> Int {
        addListener(.tls(host: host ?? configuration.host, port: port, contexts: contexts))
    }

    /// The port a TLS listener is bound to (the ephemeral one when asked for port 0). Valid after `start`.
    public func boundPort(ofTLSListener index: Int) -> Int { boundPort(ofListener: index) }
}
