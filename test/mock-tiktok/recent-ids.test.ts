import { RecentIds, RecentList } from '../../scripts/mock-tiktok/recent-ids';

describe('RecentIds', () => {
  test('keeps at most `limit` ids, dropping the first seen, and counts what it dropped', () => {
    const ids = new RecentIds<number>(2);
    ids.set('a', 1);
    ids.set('b', 1);
    ids.set('a', 2); // an update keeps "a" as the oldest
    ids.set('c', 1);
    expect([ids.has('a'), ids.get('b'), ids.get('c'), ids.size, ids.forgotten]).toEqual([false, 1, 1, 2, 1]);
    for (let i = 0; i < 1000; i++) ids.set(`x${i}`, i);
    expect([ids.size, ids.forgotten, ids.get('x998'), ids.get('x999'), ids.has('x997')]).toEqual([2, 1001, 998, 999, false]);
  });
});

describe('RecentList', () => {
  test('returns the last `limit` items in order, whatever was pushed before', () => {
    const list = new RecentList<number>(4);
    for (let i = 1; i <= 3; i++) list.push(i);
    expect(list.toArray()).toEqual([1, 2, 3]);
    for (let i = 4; i <= 23; i++) list.push(i);
    expect(list.toArray()).toEqual([20, 21, 22, 23]);
  });

  test('a limit of 1 keeps only the last item', () => {
    const list = new RecentList<string>(1);
    for (const s of ['a', 'b', 'c']) list.push(s);
    expect(list.toArray()).toEqual(['c']);
  });
});
