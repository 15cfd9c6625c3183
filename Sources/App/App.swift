// Placeholder: App wires HTTP, analysis and storage together.
import HTTP1
import TextAnalysis
import Storage
import EventServer
import ArgumentParser
