/**
 * What the generated Win32 modules (`./generated/`) are made of: records whose layout the generator
 * computed (and `npm run test:win32` checks against mingw gcc), written as compact text that is
 * decoded on first use, and callback types.
 * @module
 */
import { defineCallbackType } from '../calls/callback-type.js';
import { array, pointerTo } from '../types/define.js';
import * as primitives from '../types/primitives.js';
import { type AnyType, type Field, PointerType, type SizedType, StructType } from '../types/type.js';
import { addWin32Names, WIN32_BASIC_DIALECT } from './type-names.js';

// The names a record's text may use: primitives (`u32`, `voidPtr`), then the types ffi-arena/win32
// writes by hand (given by the generated module), then every record and callback type as defined.
const known = new Map<string, AnyType>(Object.entries(primitives));
const records = new Map<string, AnyType>();
const callbacks = new Map<string, AnyType>();
const IDENTIFIER = /^\w+$/;

/**
 * Makes hand-written types (`FILETIME`, `WNDPROC`, …) usable by name in the records that follow.
 * @internal
 */
export function knownTypes(types: Readonly<Record<string, AnyType>>): void {
  for (const [name, type] of Object.entries(types)) known.set(name, type);
}

/**
 * A generated struct or union. Its fields are text, decoded on first use: `;`-separated records,
 * first the anonymous ones it holds (`kind name size align pack,field…`), then its own fields
 * (`field,field…`), each field `name type offset alignment`, or for a bit-field
 * `name type offset alignment bitOffset width` (`offset` is its storage unit's, as `bits()` in a
 * struct with `bitFieldLayout: 'microsoft'` places it). A type is a name, `*type` or
 * `[length]type`. Text rather than code, and decoded late: thousands of records written as calls
 * with literal arguments took V8 ~100 ms to compile, and most programs use a handful of them.
 * @internal
 */
export function record(
  kind: 'struct' | 'union',
  name: string,
  size: number,
  align: number,
  pack: number | undefined,
  text: string,
): never {
  const made = new StructType(kind, name, () => decodeFields(text), size, align, pack);
  records.set(name, made);
  return made as never;
}

function decodeFields(text: string): Field[] {
  const local = new Map<string, AnyType>();
  const specs = text.split(';');
  const own = specs.pop() as string;
  for (const spec of specs) {
    const comma = spec.indexOf(',');
    const [kind, name, size, align, pack] = spec.slice(0, comma).split(' ') as [
      string,
      string,
      string,
      string,
      string,
    ];
    const fields = fieldsOf(spec.slice(comma + 1), local);
    const made = new StructType(
      kind as 'struct' | 'union',
      name,
      fields,
      Number(size),
      Number(align),
      pack === '-' ? undefined : Number(pack),
    );
    local.set(name, made);
  }
  return fieldsOf(own, local);
}

function fieldsOf(text: string, local: ReadonlyMap<string, AnyType>): Field[] {
  return text.split(',').map((spec) => {
    const [name, type, offset, alignment, bitOffset, bitWidth] = spec.split(' ') as [
      string,
      string,
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    const field = { name, type: typeOf(type, local), offset: Number(offset), alignment: Number(alignment) };
    if (bitWidth === undefined) return field;
    return { ...field, bitOffset: Number(bitOffset), bitWidth: Number(bitWidth) };
  });
}

function typeOf(text: string, local: ReadonlyMap<string, AnyType>): AnyType {
  if (text.startsWith('*')) {
    const target = text.slice(1);
    const defined = local.get(target) ?? known.get(target) ?? records.get(target) ?? callbacks.get(target);
    if (defined !== undefined) return pointerTo(defined);
    // A record or callback type defined further down: resolved on first use.
    if (IDENTIFIER.test(target)) return new PointerType(() => named(target));
    return pointerTo(typeOf(target, local));
  }
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    return array(typeOf(text.slice(close + 1), local) as SizedType, Number(text.slice(1, close)));
  }
  return local.get(text) ?? named(text);
}

function named(name: string): AnyType {
  const type = known.get(name) ?? records.get(name) ?? callbacks.get(name);
  if (type === undefined) throw new Error(`ffi-arena: the generated Win32 type ${name} is not defined.`);
  return type;
}

/**
 * A generated callback type from its declaration, with the generated structs it names.
 * @internal
 */
export function callbackTypeOf(declaration: string, recordNames?: string): never {
  const types =
    recordNames === undefined
      ? undefined
      : Object.fromEntries(recordNames.split(' ').map((name) => [name, named(name)]));
  const type = defineCallbackType(
    declaration,
    types === undefined ? undefined : { types },
    WIN32_BASIC_DIALECT,
  );
  callbacks.set(type.name, type);
  return type as never;
}

/**
 * Makes the generated structs and unions (with their `P`/`LP` pointer names), callback types and
 * handle types names of every Win32 declaration, from the first declaration made after the
 * generated types were loaded. Names `ffi-arena/win32` already gives keep their type.
 * @internal
 */
export function addGeneratedNames(handles: string): void {
  addWin32Names(() => [
    ...[...callbacks],
    ...handles.split(' ').map((name) => [name, primitives.isize] as const),
    ...[...records].flatMap(([name, type]) => [
      [name, type] as const,
      [`P${name}`, pointerTo(type)] as const,
      [`LP${name}`, pointerTo(type)] as const,
    ]),
  ]);
}
