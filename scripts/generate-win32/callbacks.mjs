// Which callback typedefs (`WNDENUMPROC`, `TIMERPROC`, `LPTHREAD_START_ROUTINE`) become callback
// types: those a generated function or struct uses, whose every parameter a callback can receive.
import { headerOf } from './castxml.mjs';
import { parameterName } from './signature.mjs';
import { spellC } from './types.mjs';

const HAND_WRITTEN = new Set(['WNDPROC', 'WNDENUMPROC']);

/** Callback typedef names a resolved type mentions (through pointers and arrays, not through records). */
export function callbacksIn(type, found) {
  if (type.kind === 'callback') found.add(type.name);
  else if (type.kind === 'pointer' || type.kind === 'array') callbacksIn(type.to ?? type.of, found);
  return found;
}

export function selectCallbacks(graph, types, signatures, wanted) {
  const typedefs = new Map();
  for (const node of graph.all)
    if (node.tag === 'Typedef' && wanted.has(node.name)) typedefs.set(node.name, node);
  const list = [];
  const leftOut = [];
  for (const name of [...wanted].sort()) {
    if (HAND_WRITTEN.has(name)) continue;
    const typedef = typedefs.get(name);
    const resolved = typedef && types.resolve(typedef.id);
    if (resolved?.kind !== 'callback') continue;
    const fn = resolved.fn;
    const result = signatures.ofCallback(types.resolve(fn.returns));
    const params = fn.children
      .filter((child) => child.tag === 'Argument')
      .map((argument, index) => ({
        index,
        argument,
        spelled: signatures.ofCallback(types.resolve(argument.type)),
      }));
    const problem = [result, ...params.map((param) => param.spelled)].find(
      (part) => part.unsupported !== undefined,
    );
    if (problem !== undefined || fn.children.some((child) => child.tag === 'Ellipsis')) {
      leftOut.push({ name, why: problem?.unsupported ?? 'variadic' });
      continue;
    }
    const records = new Set([
      ...result.used.records,
      ...params.flatMap((param) => [...param.spelled.used.records]),
    ]);
    const handles = new Set([
      ...result.used.handles,
      ...params.flatMap((param) => [...param.spelled.used.handles]),
    ]);
    const named = params.map((param) => ({
      name: parameterName(param.argument.name, param.index),
      ...param,
    }));
    const cParams = params.map((param) => spellC(graph.nodes, param.argument.type)).join(', ');
    list.push({
      name,
      header: headerOf(graph, typedef),
      c: `typedef ${spellC(graph.nodes, fn.returns)} (CALLBACK *${name})(${cParams === '' ? 'void' : cParams})`,
      sig: `${result.sig} ${name}(${named.map((param) => `${param.spelled.sig} ${param.name}`).join(', ')})`,
      params: named.map((param) => ({ name: param.name, ts: param.spelled.param })),
      result: result.res,
      exampleResult:
        result.sig === 'void'
          ? 'undefined'
          : result.sig === 'BOOL'
            ? 'true'
            : result.res.startsWith('Pointer')
              ? 'null'
              : result.res.startsWith('bigint')
                ? '0n'
                : '0',
      records,
      handles,
    });
  }
  return { list, leftOut, names: new Set([...list.map((callback) => callback.name), ...HAND_WRITTEN]) };
}
