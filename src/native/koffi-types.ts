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
}

/** The koffi type object of a description, as returned by `koffi.struct`, `koffi.pointer`… */
export type KoffiType = TypeObject;

const converted = new WeakMap<NativeTypeDescription, KoffiType>();
const usedNames = new Set<string>();

function compositeType(description: Extract<NativeTypeDescription, { kind: 'struct' | 'union' }>) {
  const members: Record<string, [number, KoffiType]> = {};
  for (const field of description.fields) {
    members[field.name] = [field.alignment, toKoffiType(field.type)];
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
      return koffi.pointer(toKoffiType(description.target));
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
    type = convert(description);
    converted.set(description, type);
  }
  return type;
}
