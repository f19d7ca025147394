// How one parameter or result of a generated function (or callback type) is written: in the
// declaration ffi-arena parses on the first call (`sig`), and as TypeScript types. A type the
// declaration cannot express gives `{ unsupported }` with the reason.

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with let static yield await implements interface package private protected public arguments eval'.split(
    ' ',
  ),
);

/** A parameter name TypeScript accepts. */
export function parameterName(name, index) {
  if (name === undefined || name === '') return `arg${index + 1}`;
  return RESERVED.has(name) ? `${name}_` : name;
}

const CHARACTERS = { u16: 'WideTextArgument', i8: 'AnsiTextArgument' };

/**
 * What a `const T *` parameter takes besides pointers (src/calls/pointee-values.ts): a struct's or
 * union's fields, or bytes for `void` and `u8`; nothing for other pointees.
 */
function copiedValue(inner) {
  if (inner.ts === 'VoidType' || inner.ts === "PrimitiveType<'u8'>") return 'Uint8Array';
  return inner.ts.startsWith('typeof ') ? `CopiedValue<${inner.ts}>` : undefined;
}

/**
 * @param emitted { records: Set of emitted record names, callbacks: Set of emitted callback names }
 */
export function createSignatures(types, emitted) {
  const uses = () => ({ records: new Set(), callbacks: new Set(), handles: new Set() });

  /** The pointee of a pointer: its spelling and the TypeScript type of its ffi-arena type. */
  function pointee(type, used) {
    switch (type.kind) {
      case 'prim':
        return { sig: type.prim, ts: `PrimitiveType<'${type.prim}'>` };
      case 'handle':
        return { sig: 'isize', ts: `PrimitiveType<'isize'>` };
      case 'record':
        if (type.name !== undefined && emitted.records.has(type.name)) {
          used.records.add(type.name);
          return { sig: type.name, ts: `typeof ${type.name}` };
        }
        return { sig: 'void', ts: 'VoidType' };
      case 'pointer': {
        const inner = pointee(type.to, used);
        return { sig: `${inner.sig} *`, ts: `PointerType<${inner.ts}>` };
      }
      case 'array':
        return pointee({ kind: 'pointer', to: type.of }, used);
      default:
        // void, opaque structs, function pointers behind a pointer: untyped memory
        return { sig: 'void', ts: 'VoidType' };
    }
  }

  /** A function's parameter or result. */
  function ofFunction(type) {
    const used = uses();
    const result = (fields) => ({ ...fields, used });
    switch (type.kind) {
      case 'void':
        return result({ sig: 'void', arg: 'never', res: 'void' });
      case 'prim': {
        if (type.meaning === 'BOOL') return result({ sig: 'BOOL', arg: 'boolean | number', res: 'boolean' });
        if (type.meaning === 'HRESULT') return result({ sig: 'HRESULT', arg: 'number', res: 'number' });
        if (type.prim === 'bool') return result({ sig: 'bool', arg: 'boolean', res: 'boolean' });
        if (types.isWide(type.prim)) return result({ sig: type.prim, arg: 'bigint | number', res: 'bigint' });
        return result({ sig: type.prim, arg: 'number', res: 'number' });
      }
      case 'handle':
        used.handles.add(type.name);
        // HANDLE and its aliases are `void *` in C: a pointer is one too (the HLOCAL of LocalFree).
        return result({
          sig: 'isize',
          arg: type.brand === 'HANDLE' ? `${type.name} | Pointer | null` : `${type.name} | null`,
          res: type.name,
        });
      case 'array':
        return ofFunction({ kind: 'pointer', to: type.of });
      case 'pointer': {
        const to = type.to;
        if (to.kind === 'prim' && CHARACTERS[to.prim] !== undefined) {
          const text = `PrimitiveType<'${to.prim}'>`;
          return result({
            sig: `${to.isConst ? 'const ' : ''}${to.prim} *`,
            arg: to.isConst ? CHARACTERS[to.prim] : `Pointer<${text}> | bigint | null`,
            res: `Pointer<${text}>`,
            text: true,
          });
        }
        const inner = pointee(to, used);
        const target = inner.ts === 'VoidType' ? 'AnyType' : inner.ts;
        // The header's const says the callee only reads: a value is copied for the call.
        const copied = to.isConst ? copiedValue(inner) : undefined;
        return result({
          sig: `${to.isConst ? 'const ' : ''}${inner.sig} *`,
          arg: `Pointer<${target}>${copied === undefined ? '' : ` | ${copied}`} | bigint | null`,
          res: `Pointer<${inner.ts}>`,
        });
      }
      case 'callback':
        if (emitted.callbacks.has(type.name)) {
          used.callbacks.add(type.name);
          return result({
            sig: type.name,
            arg: `CallbackArgument<typeof ${type.name}>`,
            res: 'Pointer<VoidType>',
          });
        }
        return result({ sig: 'void *', arg: 'Pointer | bigint | null', res: 'Pointer<VoidType>' });
      case 'fnptr':
        return result({ sig: 'void *', arg: 'Pointer | bigint | null', res: 'Pointer<VoidType>' });
      case 'record':
        if (type.name !== undefined && emitted.records.has(type.name)) {
          used.records.add(type.name);
          return result({
            sig: type.name,
            arg: `ArgumentOf<typeof ${type.name}>`,
            res: `ResultOf<typeof ${type.name}>`,
          });
        }
        return { unsupported: `${type.name ?? 'an anonymous record'} by value, which is not generated` };
      default:
        return { unsupported: type.why ?? `a ${type.kind} by value` };
    }
  }

  /** A callback type's parameter (what the JavaScript function receives) or result (what it returns). */
  function ofCallback(type) {
    const used = uses();
    const result = (fields) => ({ ...fields, used });
    switch (type.kind) {
      case 'void':
        return result({ sig: 'void', param: 'never', res: 'void' });
      case 'prim':
        if (type.meaning === 'BOOL')
          return result({ sig: 'BOOL', param: 'boolean', res: 'boolean | number' });
        if (type.meaning === 'HRESULT') return result({ sig: 'HRESULT', param: 'number', res: 'number' });
        if (type.prim === 'bool') return result({ sig: 'bool', param: 'boolean', res: 'boolean' });
        if (types.isWide(type.prim))
          return result({ sig: type.prim, param: 'bigint', res: 'bigint | number' });
        return result({ sig: type.prim, param: 'number', res: 'number' });
      case 'handle':
        used.handles.add(type.name);
        return result({ sig: 'isize', param: type.name, res: 'bigint | number' });
      case 'array':
        return ofCallback({ kind: 'pointer', to: type.of });
      case 'pointer': {
        const inner = pointee(type.to, used);
        return result({
          sig: `${inner.sig} *`,
          param: `Pointer<${inner.ts}>`,
          res: `Pointer<${inner.ts === 'VoidType' ? 'AnyType' : inner.ts}> | bigint | null`,
        });
      }
      case 'callback':
      case 'fnptr':
        return result({ sig: 'void *', param: 'Pointer<VoidType>', res: 'Pointer | bigint | null' });
      default:
        return { unsupported: type.why ?? `a ${type.kind} by value` };
    }
  }

  return { ofFunction, ofCallback };
}
