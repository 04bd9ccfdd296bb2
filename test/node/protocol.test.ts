import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDiff, diff, isFileData, snakeCase, type DiffOp } from '../../src/protocol/index.js';

test('a chatbot reply growing by a token is sent as one append op and applies back', () => {
  const a = [['hi', 'Hel']];
  const b = [['hi', 'Hello']];
  const ops = diff(a, b);
  assert.deepEqual(ops, [['append', [0, 1], 'lo']]);
  assert.deepEqual(applyDiff(a, ops), b);
  assert.deepEqual(a, [['hi', 'Hel']], 'the previous value is not mutated');
});

test('diff then applyDiff round-trips lists that shrink, grow and change type', () => {
  const cases: [unknown, unknown][] = [
    [[1, 2, 3, 4], [1, 5]],
    [[1], [1, 2, 3]],
    [{ a: 1, b: [1, 2] }, { b: [2], c: 'x' }],
    ['abc', 'xyz'],
    [null, { role: 'assistant', content: 'hi' }],
    [[{ role: 'user', content: 'q' }], [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }]],
  ];
  for (const [a, b] of cases) assert.deepEqual(applyDiff(a, diff(a, b)), b, JSON.stringify([a, b]));
});

test('Gradio-ordered deletes (ascending, each decremented) apply like ours', () => {
  const ops: DiffOp[] = [['delete', [1], null], ['delete', [1], null]];
  assert.deepEqual(applyDiff([1, 2, 3], ops), [1]);
});

test('a bad path is a clear error, never a silent corruption', () => {
  assert.throws(() => applyDiff({ a: 1 }, [['append', ['x', 'y'], 'z']]), /path/);
});

test('labels become snake_case parameter names and files are recognised by their marker', () => {
  assert.equal(snakeCase('Name'), 'name');
  assert.equal(snakeCase('Max Tokens'), 'max_tokens');
  assert.ok(isFileData({ path: '/x', meta: { _type: 'gradio.FileData' } }));
  assert.ok(!isFileData({ path: 3 }));
});
