import Foundation
import Glibc

/// A file a directory held that is not read, and why (reported in the log and in run.json).
package struct SkippedInput: Sendable, Equatable {
    package enum Reason: String, Sendable {
        /// A regular file whose name is not an export's (`.csv`, `.txt`, …).
        case notAnExport = "not_an_export"
        /// A FIFO, socket or device: reading it could block forever or never end.
        case notARegularFile = "not_a_regular_file"
        /// A symbolic link that points nowhere, or at a directory already visited (a loop).
        case brokenOrLoopingLink = "broken_or_looping_link"
    }

    package var path: String
    package var reason: Reason
}
