// The edge's helpers on their own: the request log writes once per turn of the event loop, not once per line;
// the depth check names where a body nests too deeply.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tooDeep } from '../../server/http/body.js';
import { jsonLogger } from '../../server/log.js';

describe('jsonLogger', () => {
  it('gathers the lines of one turn into one write, in order, and writes errors at once', async () => {
    const stream = new PassThrough();
    const writes: string[] = [];
    stream.write = ((chunk: string) => writes.push(chunk) > 0) as typeof stream.write;
    const log = jsonLogger(stream);
    log({ n: 1 });
    log({ n: 2 });
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n']);
    log({ n: 3 });
    log({ level: 'error', n: 4 });
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n{"level":"error","n":4}\n']);
  });
});

describe('tooDeep', () => {
  it('names the first container nested deeper than the limit, as a JSON Pointer', () => {
    expect(tooDeep({ a: [1, { 'x/y': [[]] }], b: 'ok' }, 4)).toBe('/a/1/x~1y/0');
    expect(tooDeep({ a: [1, { b: [[]] }] }, 5)).toBe(null);
    expect(tooDeep(JSON.parse('['.repeat(200) + ']'.repeat(200)), 96)).toBe('/' + Array(96).fill('0').join('/'));
    expect(tooDeep('text', 0)).toBe(null);
  });
});
