// TSDoc of generated declarations: the C declaration, its header and DLL, and its page on
// Microsoft Learn (formed from the header and the name, as Learn names its pages).

const LEARN = 'https://learn.microsoft.com/en-us/windows/win32/api';

export function learnLink(header, kind, name) {
  const base = header.replace(/\.h$/, '').toLowerCase();
  return `${LEARN}/${base}/${kind}-${base}-${name.toLowerCase()}`;
}

/** A comment block from lines (no line may contain a comment terminator). */
export function comment(lines, indent = '') {
  const safe = lines.map((line) => line.replaceAll('*/', '*\\/'));
  return `${indent}/**\n${safe.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`).join('\n')}\n${indent} */`;
}
