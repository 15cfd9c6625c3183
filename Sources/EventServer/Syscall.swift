// Placeholder until the EventServer lands.
import HTTP1
import CLinux
