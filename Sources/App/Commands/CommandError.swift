// A command that failed while running (a missing file, a database that does not exist): ArgumentParser prints
// "Error: MESSAGE" and exits with status 1. ValidationError is for bad arguments only: it also prints the usage,
// which misleads when the arguments were fine.
struct CommandError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
