/**
 * What the generated Win32 modules (`./generated/`) are made of: records with a layout computed
 * by the generator (and checked against mingw gcc by the test lane), and callback types.
 * @module
 */
import { defineCallbackType } from '../calls/callback-type.js';
import { array, pointerTo } from '../types/define.js';
import { type AnyType, type Field, type SizedType, StructType } from '../types/type.js';
import { addWin32Names, WIN32_BASIC_DIALECT } from './type-names.js';

/**
 * A generated struct or union: `layout` is `name, type, offset, alignment, …`, as `struct()`
 * would lay it out (the generator checks that, and `npm run test:win32` checks every offset against
 * mingw gcc). No layout work at import: ffi-arena/win32 defines thousands of these.
 * @internal
 */
export function record(
  kind: 'struct' | 'union',
  name: string,
  size: number,
  align: number,
  pack: number | undefined,
  ...layout: unknown[]
): never {
  const fields: Field[] = [];
  for (let index = 0; index < layout.length; index += 4) {
    fields.push({
      name: layout[index] as string,
      type: layout[index + 1] as AnyType,
      offset: layout[index + 2] as number,
      alignment: layout[index + 3] as number,
    });
  }
  return new StructType(kind, name, fields, size, align, pack) as never;
}

/**
 * A generated callback type from its declaration, with the generated structs it names.
 * @internal
 */
export function callbackTypeOf(declaration: string, types?: Readonly<Record<string, AnyType>>): never {
  return defineCallbackType(
    declaration,
    types === undefined ? undefined : { types },
    WIN32_BASIC_DIALECT,
  ) as never;
}

// Untyped (never) forms of pointerTo and array: each generated declaration states its own type, and
// TypeScript resolving thousands of generic calls made type-checking the module take a minute.

/**
 * `pointerTo(target)`, also for a target given by a function (a struct defined later).
 * @internal
 */
export function pointerOf(target: AnyType | (() => AnyType)): never {
  return pointerTo(target as AnyType) as never;
}

/**
 * `array(element, length)`.
 * @internal
 */
export function arrayOf(element: AnyType, length: number): never {
  return array(element as SizedType, length) as never;
}

/**
 * Makes the generated structs and unions (with their `P`/`LP` pointer names), callback types and
 * handle types names of every Win32 declaration, from the first declaration made after the
 * generated API was loaded. Names `ffi-arena/win32` already gives keep their type.
 * @internal
 */
export function addGeneratedNames(records: () => object, others: () => object): void {
  // object, not Record<string, AnyType>: checking thousands of struct types against AnyType is slow.
  addWin32Names(() => [
    ...(Object.entries(others()) as [string, AnyType][]),
    ...(Object.entries(records()) as [string, AnyType][]).flatMap(([name, type]) => [
      [name, type] as const,
      [`P${name}`, pointerTo(type)] as const,
      [`LP${name}`, pointerTo(type)] as const,
    ]),
  ]);
}
