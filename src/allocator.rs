//! The C allocator's settings, where it is glibc's: memory measured under a flood of
//! renders (`bench/flood`) grew with every thread that allocated (each gets an arena of its
//! own) and was not given back after the burst. Two arenas, and a trim after each burst of
//! renders, keep the process within its budget (README, "Memory").

/// Limits malloc to two arenas; call once at start, before threads start.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; called before other threads run.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        // Fixed thresholds turn off glibc's sliding ones, which after the first large free
        // keep every later megabyte-sized buffer (a render's HTML, its compressed copies)
        // in the heap, and up to twice that free at its top.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 * 1024);
    }
}

/// Returns freed heap memory to the system.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of the allocator's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}
