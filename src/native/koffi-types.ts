import type { TypeObject } from 'koffi';
import { koffi } from './koffi.js';

/**
 * The shape of a type as the native layer sees it. `types/` describes its types this way, so the
 * conversion to koffi lives here without this layer depending on the layer above it.
 */
export type NativeTypeDescription =
  | { readonly kind: 'void' | 'opaque' }
  | { readonly kind: 'primitive'; readonly koffiName: string }
  | { readonly kind: 'pointer'; readonly target: NativeTypeDescription }
  | { readonly kind: 'array'; readonly element: NativeTypeDescription; readonly length: number }
  | { readonly kind: 'function'; readonly name: string; readonly prototype: FunctionPrototype }
  | {
      readonly kind: 'struct' | 'union';
      readonly name: string;
      readonly fields: readonly NativeFieldDescription[];
      readonly size: number;
      readonly align: number;
    };

/** A function type's result and parameters, as they cross the call. */
export interface FunctionPrototype {
  readonly result: NativeTypeDescription;
  readonly parameters: readonly NativeTypeDescription[];
}

/** A struct or union member: `alignment` is the member's effective alignment after `pack`. */
export interface NativeFieldDescription {
  readonly name: string;
  readonly type: NativeTypeDescription;
  readonly alignment: number;
  /** Set for a bit-field, which koffi cannot lay out. */
  readonly bitWidth?: number;
}

/** The koffi type object of a description, as returned by `koffi.struct`, `koffi.pointer`… */
export type KoffiType = TypeObject;

const converted = new WeakMap<NativeTypeDescription, KoffiType>();
const usedNames = new Set<string>();
/** Descriptions whose conversion is under way: a pointer back to one of them ends the recursion. */
const converting = new Set<NativeTypeDescription>();

function compositeType(description: Extract<NativeTypeDescription, { kind: 'struct' | 'union' }>) {
  const members: Record<string, [number, KoffiType]> = {};
  if (description.fields.some((field) => field.bitWidth !== undefined)) {
    // koffi has no bit-fields: it sees the struct's bytes, with the struct's size and alignment.
    members.bytes = [description.align, koffi.array('uint8_t', description.size, 'Array')];
  } else {
    for (const field of description.fields) {
      members[field.name] = [field.alignment, toKoffiType(field.type)];
    }
  }
  // koffi type names are global; two ffi-arena structs may share a name, so the second is anonymous.
  const name = usedNames.has(description.name) ? null : description.name;
  if (name !== null) usedNames.add(name);
  return description.kind === 'struct' ? koffi.struct(name, members) : koffi.union(name, members);
}

let prototypeCount = 0;

/** Prototypes must be named, and koffi names are global: the second `CmpFn` becomes `CmpFn_2`. */
function uniqueName(name: string): string {
  prototypeCount++;
  const unique = usedNames.has(name) ? `${name}_${prototypeCount}` : name;
  usedNames.add(unique);
  return unique;
}

function convert(description: NativeTypeDescription): KoffiType {
  switch (description.kind) {
    case 'void':
    case 'opaque': // only ever behind a pointer, where koffi needs no layout
      return koffi.type('void');
    case 'primitive':
      return koffi.type(description.koffiName);
    case 'pointer':
      // A struct that points to itself (or to one that points back) is a pointer to void to koffi:
      // the same layout, without converting a type inside its own conversion.
      return converting.has(description.target)
        ? koffi.pointer(koffi.type('void'))
        : koffi.pointer(toKoffiType(description.target));
    case 'array':
      return koffi.array(toKoffiType(description.element), description.length, 'Array');
    case 'function': {
      const { result, parameters } = description.prototype;
      return koffi.proto(uniqueName(description.name), toKoffiType(result), parameters.map(toKoffiType));
    }
    default:
      return compositeType(description);
  }
}

/** Converts a description to a koffi type, once per description object. */
export function toKoffiType(description: NativeTypeDescription): KoffiType {
  let type = converted.get(description);
  if (type === undefined) {
    converting.add(description);
    try {
      type = convert(description);
    } finally {
      converting.delete(description);
    }
    converted.set(description, type);
  }
  return type;
}
