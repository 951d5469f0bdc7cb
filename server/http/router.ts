// The app's router: Hono's own (SmartRouter, which settles on its TrieRouter for this route set), with each
// (method, path) answer remembered. Matching depends only on the routes, and a classification client sends the same
// path again and again: the trie walk and path split per request become a map look-up.
import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/** Answers kept at most; past it the map starts over (paths carry ids, so a crawler could send many). */
const MAX_PATHS = 1024;

export class RememberingRouter<T> implements Router<T> {
  readonly name: string;
  private readonly answers = new Map<string, Result<T>>();

  constructor(private readonly inner: Router<T> = new SmartRouter<T>({ routers: [new RegExpRouter<T>(), new TrieRouter<T>()] })) {
    this.name = `Remembering ${inner.name}`;
  }

  add(method: string, path: string, handler: T): void {
    this.answers.clear();
    this.inner.add(method, path, handler);
  }

  /** Hono only reads an answer (handlers and parameters), so one answer serves every request for its path. */
  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = this.inner.match(method, path);
      if (this.answers.size >= MAX_PATHS) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }
}
