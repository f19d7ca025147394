// Reads castxml's output (format 1): one element per line, children indented below their parent.
// Gives every node by id, with its attributes and children (a function's arguments, an enum's values).

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeEntities = (text) => text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name) => ENTITIES[name]);
const ELEMENT = /^\s*<(\w+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>\s*$/;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;

/** @returns {{ nodes: Map<string, object>, files: Map<string, string>, all: object[] }} */
export function readCastxml(xml) {
  const nodes = new Map();
  const files = new Map();
  const all = [];
  let parent;
  for (const line of xml.split('\n')) {
    const match = ELEMENT.exec(line);
    if (match === null) {
      if (/^\s*<\//.test(line)) parent = undefined;
      continue;
    }
    const [, tag, attributeText, selfClosing] = match;
    const attributes = {};
    for (const [, name, value] of attributeText.matchAll(ATTRIBUTE)) attributes[name] = decodeEntities(value);
    const node = { tag, ...attributes, children: [] };
    if (line.startsWith('    ') && parent !== undefined) {
      parent.children.push(node);
      continue;
    }
    if (tag === 'File') files.set(node.id, node.name);
    if (node.id !== undefined) nodes.set(node.id, node);
    all.push(node);
    parent = selfClosing === '/' ? undefined : node;
  }
  return { nodes, files, all };
}

/** The header a node was declared in, without its folder: `winuser.h`. */
export function headerOf(graph, node) {
  const path = graph.files.get(node.file) ?? '';
  return path.slice(path.lastIndexOf('/') + 1);
}
