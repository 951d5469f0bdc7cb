// RecordFields: each field read once per classification, each text field searched once for all its keywords.
import { describe, expect, it } from 'vitest';
import { RecordFields } from '../../server/engine/record-fields.js';

describe('RecordFields keyword search', () => {
  it('answers every keyword of a field from one search per record, and only for the record in use', () => {
    const fields = new RecordFields();
    const title = fields.slot('title');
    const [meeting, minutes, notice] = ['会议', '纪要', '通知'].map((w) => fields.keyword(title, w));
    expect(fields.keyword(title, '会议')).toBe(meeting); // one id per word and field

    const a = { title: '党委会议纪要' };
    fields.use(a);
    expect(fields.contains(a, title, meeting)).toBe(true);
    expect(fields.contains(a, title, minutes)).toBe(true);
    expect(fields.contains(a, title, notice)).toBe(false);
    const n = fields.search(a, title);
    expect([...fields.hitsOf(title).slice(0, n)].sort()).toEqual([meeting, minutes].sort());
    expect(fields.contains({ title: '通知' }, title, notice)).toBeUndefined(); // not the record in use
    fields.release();

    const b = { title: '关于放假的通知' };
    fields.use(b);
    expect(fields.contains(b, title, meeting)).toBe(false); // nothing carried over from the last record
    expect(fields.contains(b, title, notice)).toBe(true);
    fields.release();
  });

  it('finds keywords registered after a search (the automaton is rebuilt)', () => {
    const fields = new RecordFields();
    const title = fields.slot('title');
    const first = fields.keyword(title, '决议');
    expect(fields.search({ title: '董事会决议' }, title)).toBe(1);
    const later = fields.keyword(title, '董事会');
    const n = fields.search({ title: '董事会决议' }, title);
    expect([...fields.hitsOf(title).slice(0, n)].sort()).toEqual([first, later].sort());
  });
});
