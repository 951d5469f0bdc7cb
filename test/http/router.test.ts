// The app's router remembers each (method, path) answer: the same answers as Hono's own router, per path.
import { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { describe, expect, it } from 'vitest';
import { RememberingRouter } from '../../server/http/router.js';

const app = () => {
  const a = new Hono({ router: new RememberingRouter() });
  a.use('*', async (c, next) => {
    c.header('x-mw', '1');
    await next();
  });
  a.get('/units/:unit/classify', (c) => c.text(`unit ${c.req.param('unit')}`));
  a.get('/units/:unit/review-inbox/decided', (c) => c.text(`decided ${c.req.param('unit')}`));
  a.post('/units/:unit/review-inbox/:id/to-test', (c) => c.text(`to-test ${c.req.param('unit')}/${c.req.param('id')}`));
  return a;
};

describe('RememberingRouter', () => {
  it('answers each path as Hono does, again and again, parameters and middleware included', async () => {
    const a = app();
    for (let round = 0; round < 3; round++) {
      for (const [method, path, body] of [
        ['GET', '/units/1/classify', 'unit 1'],
        ['GET', '/units/2/classify', 'unit 2'],
        ['GET', '/units/7/review-inbox/decided', 'decided 7'],
        ['POST', '/units/7/review-inbox/9/to-test', 'to-test 7/9'],
      ]) {
        const res = await a.request(path, { method });
        expect([res.status, await res.text(), res.headers.get('x-mw')]).toEqual([200, body, '1']);
      }
      expect((await a.request('/units/1/classify', { method: 'POST' })).status).toBe(404);
    }
  });

  it('takes in a route added after it has answered (where the router it wraps allows it)', async () => {
    expect(() => {
      const smart = new RememberingRouter<string>();
      smart.add('GET', '/a/:x', 'one');
      smart.match('GET', '/a/b');
      smart.add('GET', '/a/b', 'two');
    }).toThrow(/already built/);
    const router = new RememberingRouter<string>(new TrieRouter());
    router.add('GET', '/a/:x', 'one');
    expect(router.match('GET', '/a/b')[0].map(([h]) => h)).toEqual(['one']);
    router.add('GET', '/a/b', 'two');
    expect(router.match('GET', '/a/b')[0].map(([h]) => h)).toEqual(['one', 'two']);
  });

  it('keeps answering right past its size limit', () => {
    const router = new RememberingRouter<string>();
    router.add('GET', '/n/:id', 'n');
    for (let i = 0; i < 3000; i++) {
      const [handlers] = router.match('GET', `/n/${i}`);
      expect(handlers.length).toBe(1);
      expect(handlers[0][0]).toBe('n');
    }
  });
});
