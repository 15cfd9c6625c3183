// `byline serve`: loads the configuration (file < BYLINE_* environment < flags), then runs the service
// until SIGTERM or SIGINT.
import ArgumentParser
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (see config/byline.conf.example for every setting).")

    @Option(help: "Configuration file (key value lines).")
    var config: String?
    @Option(help: "IPv4 or IPv6 address, or localhost (127.0.0.1), to listen on (default 127.0.0.1; 0.0.0.0 for all).")
    var host: String?
    @Option(help: "Port for plain HTTP (default 8080; 0 picks a free port).")
    var port: String?
    @Option(name: .customLong("tls-port"), help: "Port for HTTPS (off by default).")
    var tlsPort: String?
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain for HTTPS.")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for HTTPS.")
    var tlsKey: String?
    @Option(help: "SQLite database file (default ./data/byline.db).")
    var database: String?
    @Option(help: "Event loops (default: one per core).")
    var loops: String?
    @Option(help: "Worker threads for analysis and queries (default: one per core; writes have their own pool).")
    var workers: String?
    @Option(name: .customLong("max-body-size"), help: "Largest request body, e.g. 10mb.")
    var maxBodySize: String?
    @Option(name: .customLong("api-key"), help: "API key required on POST and DELETE.")
    var apiKey: String?
    @Option(name: .customLong("trusted-proxies"), help: "Comma-separated proxy addresses whose X-Forwarded-For is used.")
    var trustedProxies: String?
    @Option(name: .customLong("log-level"), help: "error, warn, info or debug.")
    var logLevel: String?

    /// The flags given, as config entries (they apply last).
    var flagEntries: [ConfigFile.Entry] {
        let pairs: [(String, String?)] = [
            ("host", host), ("port", port), ("tls-port", tlsPort), ("tls-cert", tlsCert), ("tls-key", tlsKey),
            ("database", database), ("loops", loops), ("workers", workers), ("max-body-size", maxBodySize),
            ("api-key", apiKey), ("trusted-proxies", trustedProxies), ("log-level", logLevel),
        ]
        return pairs.compactMap { key, value in
            value.map { ConfigFile.Entry(key: key, value: $0, origin: "--\(key)") }
        }
    }

    func resolvedConfig(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        let c = try Config.layered(file: config, environment: environment, flags: flagEntries)
        try c.validate()
        return c
    }

    func run() throws {
        let config: Config
        do { config = try resolvedConfig() } catch {
            FileHandle.standardError.write(Data("byline serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let service: Service
        do { service = try Service(config: config) } catch {
            FileHandle.standardError.write(Data("byline serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
        do { try service.run() } catch {
            FileHandle.standardError.write(Data("byline serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
