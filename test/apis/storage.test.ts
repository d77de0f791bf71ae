import { fakeRun, perm } from './fake-context';

describe('templateDataStorage', () => {
  const permissions = [perm('access_template_storage')];

  it('stores copies both ways and gives null for a missing key', () => {
    const storage = new Map<string, unknown>();
    const { apis } = fakeRun({ env: { storage }, permissions });
    const value = { token: 'abc', list: [1] };
    apis.templateDataStorage.setItemCopy('k', value);
    value.list.push(2);
    const read = apis.templateDataStorage.getItemCopy('k');
    expect(read).toEqual({ token: 'abc', list: [1] });
    read.list.push(3);
    expect(apis.templateDataStorage.getItemCopy('k')).toEqual({ token: 'abc', list: [1] });
    expect(apis.templateDataStorage.getItemCopy('missing')).toBeNull();
  });

  it('is shared through the same Map across runs', () => {
    const storage = new Map<string, unknown>();
    fakeRun({ env: { storage }, permissions }).apis.templateDataStorage.setItemCopy('n', 5);
    expect(fakeRun({ env: { storage }, permissions }).apis.templateDataStorage.getItemCopy('n')).toBe(5);
  });

  it('removes on null/undefined, removeItem and clear', () => {
    const storage = new Map<string, unknown>([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    const s = fakeRun({ env: { storage }, permissions }).apis.templateDataStorage;
    s.setItemCopy('a', null);
    s.setItemCopy('b', undefined);
    s.removeItem('c');
    expect([...storage.keys()]).toEqual(['d']);
    s.clear();
    expect(storage.size).toBe(0);
  });

  it('needs access_template_storage', () => {
    const s = fakeRun().apis.templateDataStorage;
    expect(() => s.getItemCopy('a')).toThrow('templateDataStorage.getItemCopy: requires the access_template_storage permission');
  });
});
