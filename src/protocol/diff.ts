// Output-diff ops of generator streaming (sse_v2+): `[action, path, value]`.

export type DiffAction = 'replace' | 'append' | 'add' | 'delete';
export type DiffPath = (string | number)[];
export type DiffOp = [DiffAction, DiffPath, unknown];

type Container = Record<string | number, unknown> | unknown[];

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The edit ops that turn `prev` into `next`, as Gradio's server computes them. */
export function diff(prev: unknown, next: unknown, path: DiffPath = []): DiffOp[] {
  if (prev === next) return [];
  const k = kind(prev);
  if (k !== kind(next)) return [['replace', path, next]];
  if (k === 'string') {
    const [a, b] = [prev as string, next as string];
    return b.startsWith(a) ? [['append', path, b.slice(a.length)]] : [['replace', path, b]];
  }
  if (k === 'array') {
    const [a, b] = [prev as unknown[], next as unknown[]];
    const ops: DiffOp[] = [];
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) ops.push(...diff(a[i], b[i], [...path, i]));
    // Deletes from the end first so that applying them in order keeps indices valid.
    for (let i = a.length - 1; i >= common; i--) ops.push(['delete', [...path, i], null]);
    for (let i = common; i < b.length; i++) ops.push(['add', [...path, i], b[i]]);
    return ops;
  }
  if (k === 'object') {
    const [a, b] = [prev as Record<string, unknown>, next as Record<string, unknown>];
    const ops: DiffOp[] = [];
    for (const key of Object.keys(a)) {
      if (key in b) ops.push(...diff(a[key], b[key], [...path, key]));
      else ops.push(['delete', [...path, key], null]);
    }
    for (const key of Object.keys(b)) if (!(key in a)) ops.push(['add', [...path, key], b[key]]);
    return ops;
  }
  return [['replace', path, next]];
}

/**
 * Applies ops to a value and returns the result. The input is never mutated: only the containers on
 * each op's path are copied, so applying a token-sized op to a long chat history stays cheap.
 */
export function applyDiff(value: unknown, ops: readonly DiffOp[]): unknown {
  let root = value;
  for (const [action, path, v] of ops) {
    if (path.length === 0) {
      if (action === 'replace') root = v;
      else if (action === 'append') root = appendTo(root, v);
      else throw new Error(`diff: cannot ${action} at the root`);
      continue;
    }
    root = copyContainer(root, path);
    let parent = root as Container;
    for (const key of path.slice(0, -1)) {
      const child = copyContainer((parent as Record<string | number, unknown>)[key], path);
      (parent as Record<string | number, unknown>)[key] = child;
      parent = child as Container;
    }
    const key = path[path.length - 1];
    const slot = parent as Record<string | number, unknown>;
    if (action === 'replace') slot[key] = v;
    else if (action === 'append') slot[key] = appendTo(slot[key], v);
    else if (action === 'add') {
      if (Array.isArray(parent)) parent.splice(Number(key), 0, v);
      else slot[key] = v;
    } else if (action === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete slot[key];
    } else throw new Error(`diff: unknown action ${String(action)}`);
  }
  return root;
}

/** True when `x` looks like a list of diff ops (as sent in `process_generating` after the first yield). */
export function isDiffOps(x: unknown): x is DiffOp[] {
  return (
    Array.isArray(x) &&
    x.every((op) => Array.isArray(op) && op.length === 3 && typeof op[0] === 'string' && Array.isArray(op[1]))
  );
}

function appendTo(target: unknown, v: unknown): unknown {
  if (typeof target === 'string') return target + String(v);
  if (Array.isArray(target)) return target.concat(v as unknown[]);
  if (target == null) return v;
  throw new Error(`diff: cannot append to ${kind(target)}`);
}

function copyContainer(node: unknown, path: DiffPath): Container {
  if (Array.isArray(node)) return node.slice();
  if (node !== null && typeof node === 'object') return { ...(node as Record<string, unknown>) };
  throw new Error(`diff: path ${JSON.stringify(path)} not found`);
}
