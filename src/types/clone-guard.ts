/**
 * Native memory cannot follow an object to another thread. Memory views are private fields, which
 * structured clone (postMessage, structuredClone) never copies, so a clone would silently arrive
 * as a pointer to nothing. Every type object, view and arena therefore has this object as an own
 * property. Structured clone reads every own enumerable property of what it copies, and reading
 * this object's one property throws a DataCloneError that says what to do; the message is the
 * same on every runtime (Bun's own refusal of a function names nothing). A pointer's first
 * property is its type, so pointers are covered too.
 *
 * Send `pointer.address` (a bigint) instead, and wrap it with `Pointer.fromAddress` there.
 */
export const ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress: object =
  Object.freeze(
    Object.defineProperties(
      {},
      {
        hint: {
          enumerable: true,
          get(): never {
            throw new DOMException(
              'ffiArena_objects_cannot_be_cloned__send_pointer_address_and_use_Pointer_fromAddress: native memory does not follow an object to another thread; send pointer.address and wrap it with Pointer.fromAddress there.',
              'DataCloneError',
            );
          },
        },
        // JSON.stringify reads enumerable properties too: it leaves the guard out instead.
        toJSON: { value: () => undefined },
      },
    ),
  );

/** The property name the guard is stored under. */
export const CLONE_GUARD = 'cloneGuard';
