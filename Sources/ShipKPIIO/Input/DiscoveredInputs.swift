import Foundation
import Glibc

/// The inputs of a run and what the directories held that is not read.
package struct DiscoveredInputs: Sendable {
    package var files: [InputFile] = []
    package var skipped: [SkippedInput] = []

    package init() {}
}
