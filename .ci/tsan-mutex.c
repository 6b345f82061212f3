// Makes Swift's Synchronization.Mutex visible to ThreadSanitizer on Linux; loaded with
// LD_PRELOAD by `make sanitize-thread` only, never part of pstscope.
//
// Why: Mutex.withLock is inlined into pstscope, so its uncontended lock and unlock are atomics
// that ThreadSanitizer sees. Under contention they call _lockSlow and _unlockSlow in
// libswiftSynchronization.so, which is not instrumented and hands the lock over with the
// kernel's priority-inheriting futex: ThreadSanitizer then sees no happens-before between the
// two holders and reports every access made under the lock as a race (a ten-line program with
// threads incrementing a Mutex<Int> reproduces it with Swift 6.3.1). A suppression would hide
// those reports, but also the real race between an access under the lock and one outside it.
// Instead these wrappers take the place of the two slow paths (the executable calls them
// through the PLT) and tell ThreadSanitizer what they do: a release before the lock is handed
// over, an acquire once it is held, on the same address as the inlined atomics.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>

// Present in sanitized executables only; this library is preloaded into every process of the
// run (python3, sh, swift-test…), where the wrappers only pass the call on.
extern void __tsan_acquire(void *address) __attribute__((weak));
extern void __tsan_release(void *address) __attribute__((weak));

// Swift methods take `self` (here the address of the mutex word) where C takes swift_context.
#define SWIFTCALL __attribute__((swiftcall))
#define SELF __attribute__((swift_context))
#define LOCK_SLOW "$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"
#define UNLOCK_SLOW "$s15Synchronization12_MutexHandleV11_unlockSlowyyF"

typedef SWIFTCALL void (*LockSlow)(uint32_t thread, SELF void *mutex);
typedef SWIFTCALL void (*UnlockSlow)(SELF void *mutex);

static void *next(const char *name) {
    void *function = dlsym(RTLD_NEXT, name);
    if (!function) abort();
    return function;
}

SWIFTCALL void lockSlow(uint32_t thread, SELF void *mutex) __asm__(LOCK_SLOW);
SWIFTCALL void lockSlow(uint32_t thread, SELF void *mutex) {
    static LockSlow real;
    if (!real) real = (LockSlow)next(LOCK_SLOW);
    real(thread, mutex);
    if (__tsan_acquire) __tsan_acquire(mutex);
}

SWIFTCALL void unlockSlow(SELF void *mutex) __asm__(UNLOCK_SLOW);
SWIFTCALL void unlockSlow(SELF void *mutex) {
    static UnlockSlow real;
    if (!real) real = (UnlockSlow)next(UNLOCK_SLOW);
    if (__tsan_release) __tsan_release(mutex);
    real(mutex);
}
