/**
 * Native memory cannot follow an object to another thread, and structured clone (postMessage,
 * structuredClone) of a pointer would otherwise reach its 4 GiB memory view and crash the
 * process copying it. Every type object, view and arena therefore has this function as its first
 * own property: V8's serializer meets it first and throws a DataCloneError whose message is this
 * function's name. A pointer's first property is its type, so pointers are covered for free.
 *
 * Send `pointer.address` (a bigint) instead, and wrap it with `Pointer.fromAddress` there.
 */
// V8 prints the function's source in the DataCloneError message: an empty body reads best.
export function ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress(): void {}

/** The property name the guard is stored under. */
export const CLONE_GUARD = 'cloneGuard';
