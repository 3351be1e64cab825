#if canImport(Glibc)
import Glibc
#endif

/// Process-wide glibc malloc settings for a run whose memory must stay bounded: a concern of the
/// process that runs the pipeline, not of any one stage.
///
/// `mallopt` and `malloc_trim` are declared in `<malloc.h>`, which the Glibc module does not
/// import; they are looked up once with `dlsym` (glibc always has them). Elsewhere (macOS, musl)
/// both calls do nothing.
package enum MemoryTuning {
    /// Blocks of 1 MiB and more are mmap'ed, so they go back to the system when freed (glibc
    /// otherwise raises that threshold after the first free and keeps large blocks on the heap),
    /// and threads share at most 4 arenas (glibc allows 8 per core, each holding freed memory).
    ///
    /// Call once, before the process starts threads: arenas are created as threads first
    /// allocate. Setting `M_MMAP_THRESHOLD` also stops glibc's dynamic adjustment of the mmap and
    /// trim thresholds, so the trim threshold stays at its default (128 KiB).
    package static func tuneMalloc() {
        #if canImport(Glibc)
        guard let mallopt = Allocator.mallopt else { return }
        _ = mallopt(mmapThreshold, 1 << 20)
        _ = mallopt(arenaMax, 4)
        #endif
    }

    /// Returns the heap's freed memory to the system (`malloc_trim(0)`): between the phases of a
    /// run, so the reading phase's buffers do not count against the writing phase.
    package static func trim() {
        #if canImport(Glibc)
        _ = Allocator.mallocTrim?(0)
        #endif
    }

    #if canImport(Glibc)
    /// `M_MMAP_THRESHOLD` and `M_ARENA_MAX` of glibc's `<malloc.h>`.
    private static let mmapThreshold: Int32 = -3
    private static let arenaMax: Int32 = -8

    /// glibc's allocator entry points, resolved in the running process (nil if absent).
    private enum Allocator {
        static let mallopt = symbol("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self)
        static let mallocTrim = symbol("malloc_trim", as: (@convention(c) (Int) -> Int32).self)

        private static func symbol<F>(_ name: String, as type: F.Type) -> F? {
            // A nil handle is RTLD_DEFAULT: the global symbol, wherever libc was loaded from.
            guard let address = dlsym(nil, name) else { return nil }
            return unsafeBitCast(address, to: type)
        }
    }
    #endif
}
