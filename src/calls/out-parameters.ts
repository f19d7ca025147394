import { adoptOutParameterBlock, type Deallocator, requireDeallocator } from '../allocators/adopt.js';
import { free } from '../allocators/free.js';
import { Arena } from '../arena/arena.js';
import { describeValue, InvalidArgumentError, InvalidSignatureError } from '../errors.js';
import { hasUnknownExtent } from '../pointer/lifetime.js';
import { Pointer } from '../pointer/pointer.js';
import { firstUnknownKey } from '../types/checks.js';
import type { AnyType, PointerType } from '../types/type.js';
import { isPlainObject } from './plain-object.js';

/**
 * How one out-parameter's block is adopted, in the `free` option of `func`: its deallocator, and
 * optionally the results after which the block is the caller's to free (by default, after every
 * call that leaves a non-NULL pointer in it).
 * @typeParam R the declared function's result (before `errno`/`Win32Result` wrapping).
 * @example `{ free: { res: { deallocator: freeaddrinfo, when: (status) => status === 0 } } }`
 */
export interface OutParameterFree<R = unknown> {
  /** Frees the block: a declared function or any function taking the address. */
  readonly deallocator: Deallocator;
  /**
   * Called with the function's result after each call: the block is adopted only when it returns
   * true (a failed call may leave garbage there). Without it, every non-NULL block is adopted.
   * TypeScript checks a parameter type you write against the declared result:
   * `when: (hr: number) => hr >= 0`.
   */
  when?(result: R): boolean; // a method: an annotated parameter narrower than unknown is accepted
}

/**
 * The out-parameter form of the `free` option of `func`: `T **` parameters by name, each with its
 * deallocator (or `{ deallocator, when }`). After each call, the non-NULL pointer the callee wrote
 * into each is adopted (see `adopt`); the out-parameter is set to NULL before the call.
 * @example `shell32.func('HRESULT SHGetKnownFolderPath(REFKNOWNFOLDERID rfid, DWORD dwFlags, HANDLE hToken, PWSTR *ppszPath)', { free: { ppszPath: CoTaskMemFree } })`
 */
export type OutParameterFrees = {
  readonly [parameter: string]: Deallocator | OutParameterFree;
};

/** A parameter of a declaration, resolved: its position, name and type. */
export interface ResolvedParameter {
  readonly name: string | undefined;
  readonly type: AnyType;
}

/** What the compiled call does for one out-parameter whose block is adopted (see compile-call.ts). */
export interface OutParameterAdoption {
  /** The parameter's position, from 0. */
  readonly index: number;
  /**
   * Before the call: checks that the out-parameter has room for a pointer (when its extent is
   * known) and sets it to NULL, so that what it holds afterwards was written by the callee (not a
   * block left there by an earlier call, or garbage).
   */
  clear(argument: unknown, address: number): void;
  /** After the call: adopts what the callee wrote, unless it is NULL or `when(result)` says no. */
  adopt(argument: unknown, address: number, result: unknown): void;
}

/** `T **`: a pointer to a pointer to memory (not to a function). */
function isPointerToMemoryPointer(type: AnyType): type is PointerType<PointerType> {
  return type.kind === 'pointer' && type.target.kind === 'pointer' && type.target.target.kind !== 'function';
}

/**
 * Checks the out-parameter form of the `free` option, `{ name: deallocator | { deallocator, when } }`,
 * against the declaration: each name must be a `T **` parameter. `functionName` names the
 * declaration in messages.
 */
export function outParameterAdoptions(
  functionName: string,
  parameters: readonly ResolvedParameter[],
  option: Readonly<Record<string, unknown>>,
): OutParameterAdoption[] {
  const outParameters = parameters.filter(
    (parameter) => parameter.name !== undefined && isPointerToMemoryPointer(parameter.type),
  );
  const candidates =
    outParameters.length === 0
      ? `it has no T ** parameter with a name`
      : `its T ** parameters are ${outParameters.map((parameter) => parameter.name).join(', ')}`;
  const names = Object.keys(option);
  if (names.length === 0) {
    throw new InvalidSignatureError(
      `${functionName}'s free option names no out-parameter; ${candidates} (or give a deallocator for the result).`,
    );
  }
  return names.map((name) => {
    const index = parameters.findIndex((parameter) => parameter.name === name);
    const parameter = parameters[index];
    if (parameter === undefined) {
      throw new InvalidSignatureError(
        `${functionName} has no parameter ${JSON.stringify(name)} for the free option; ${candidates}.`,
      );
    }
    if (!isPointerToMemoryPointer(parameter.type)) {
      throw new InvalidSignatureError(
        `${functionName}'s parameter ${name} is ${parameter.type.name}, not a T ** out-parameter that receives memory to free; ${candidates}.`,
      );
    }
    const what = `${functionName}'s free option for ${name}`;
    const { deallocator, when } = checkedEntry(what, option[name]);
    return adoptionOf(index, parameter.type, deallocator, when, what);
  });
}

function checkedEntry(
  what: string,
  entry: unknown,
): { deallocator: Deallocator; when: ((result: unknown) => unknown) | undefined } {
  if (typeof entry === 'function') return { deallocator: entry as Deallocator, when: undefined };
  if (!isPlainObject(entry)) {
    throw new InvalidSignatureError(
      `${what} must be a deallocator (a declared function, or a function taking the address) or { deallocator, when }; got ${describeValue(entry)}.`,
    );
  }
  const unknown = firstUnknownKey(entry, (key) => key === 'deallocator' || key === 'when');
  if (unknown !== undefined) {
    throw new InvalidSignatureError(
      `${what} has no option ${JSON.stringify(unknown)}; its options are deallocator, when.`,
    );
  }
  if (typeof entry.deallocator !== 'function') {
    throw new InvalidSignatureError(
      `${what} needs a deallocator (a declared function, or a function taking the address); got ${describeValue(entry.deallocator)}.`,
    );
  }
  if (entry.when !== undefined && typeof entry.when !== 'function') {
    throw new InvalidSignatureError(
      `${what}: when must be a function of the result that returns true when the block is to be adopted; got ${describeValue(entry.when)}.`,
    );
  }
  return {
    deallocator: requireDeallocator(entry.deallocator, what),
    when: entry.when as ((result: unknown) => unknown) | undefined,
  };
}

/** What a callee writes into a `T **`: one 64-bit pointer. */
const POINTER_SIZE = 8;

function adoptionOf(
  index: number,
  type: PointerType<PointerType>,
  deallocator: Deallocator,
  when: ((result: unknown) => unknown) | undefined,
  what: string,
): OutParameterAdoption {
  // The out-parameter as memory holding one `T *`: read and written at the address the call got.
  const slot = (address: number) => Pointer.fromAddress(address, type.target) as Pointer<AnyType>;
  return {
    index,
    clear(argument, address) {
      if (address === 0) return;
      if (argument instanceof Pointer) {
        const pointer = argument as Pointer<AnyType>;
        if (!hasUnknownExtent(pointer.lifetime) && pointer.byteLength < POINTER_SIZE) {
          throw new InvalidArgumentError(
            `${what} needs an out-parameter with room for a pointer (${POINTER_SIZE} bytes); got ${pointer}, ${pointer.byteLength} bytes long.`,
          );
        }
      }
      slot(address).value = 0n as never;
    },
    adopt(argument, address, result) {
      if (address === 0) return;
      const written = slot(address).value as Pointer<AnyType>;
      if (written.isNull) return;
      if (when !== undefined) {
        const verdict = when(result);
        if (typeof verdict !== 'boolean') {
          throw new InvalidArgumentError(
            `${what}: when must return a boolean; got ${describeValue(verdict)}.`,
          );
        }
        if (!verdict) return;
      }
      const adopted = adoptOutParameterBlock(written, deallocator);
      // An out-parameter in an arena: the block it received lives as long as the arena.
      const owner = argument instanceof Pointer ? (argument as Pointer).lifetime.owner : null;
      if (owner instanceof Arena) owner.defer(() => freeIfLive(adopted));
    },
  };
}

function freeIfLive(pointer: Pointer<AnyType>): void {
  if (pointer.lifetime.live) free(pointer);
}
