/**
 * Native memory cannot follow an object to another thread. Memory views are private fields, which
 * structured clone (postMessage, structuredClone) never copies, so a clone would silently arrive
 * as a pointer to nothing. Every type object, view and arena therefore has this function as an
 * own property: V8's serializer cannot clone a function and throws a DataCloneError whose message
 * is this function's name. A pointer's first property is its type, so pointers are covered too.
 *
 * Send `pointer.address` (a bigint) instead, and wrap it with `Pointer.fromAddress` there.
 */
// V8 prints the function's source in the DataCloneError message: an empty body reads best.
export function ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress(): void {}

/** The property name the guard is stored under. */
export const CLONE_GUARD = 'cloneGuard';
