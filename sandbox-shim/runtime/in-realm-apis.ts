/**
 * Pure APIs that run inside the realm (ApiFamily.inRealm): made once per realm core from each
 * family's source, frozen, and handed out by `require` in runs that record no API calls. A call
 * to one of them is an ordinary call between functions of the realm: no wrapper, no copy out
 * and back (issue 9: warm payload-building code ran ~8× plain Node, mostly in such crossings).
 */
import vm from 'node:vm';
import { getRegistry } from '../apis/index';
import { OBJECT_APIS } from './api-names';
import type { RealmCore } from './realm';

/** Compiled once per process; run once per realm core. */
const scripts = new Map<string, vm.Script>();

function scriptOf(familyName: string, source: string): vm.Script {
  let script = scripts.get(familyName);
  if (!script) {
    script = new vm.Script(source, { filename: `sgtm-shim:in-realm:${familyName}` });
    scripts.set(familyName, script);
  }
  return script;
}

/**
 * Freezes what the factory made (functions and API objects), so a pooled realm's shared
 * implementations cannot carry anything from one run to the next.
 */
function freezeDeep(value: unknown): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[key]);
}

function build(core: RealmCore): Map<string, unknown> {
  const apis = new Map<string, unknown>();
  for (const family of getRegistry().families) {
    if (!family.inRealm) continue;
    const factory = scriptOf(family.name, family.inRealm).runInContext(core.context) as (natives: unknown) => Record<string, unknown>;
    const made = factory(core.sb.natives);
    for (const name of Object.keys(made)) {
      freezeDeep(made[name]);
      apis.set(name, made[name]);
    }
  }
  return apis;
}

/**
 * The in-realm implementation of `name` for one run, or undefined when its family has none.
 * An object API comes as a fresh object of the realm holding the shared frozen methods, so a
 * template may still add to its own copy, as it may to the object `create` gives it.
 */
export function inRealmApi(core: RealmCore, name: string): unknown {
  core.inRealmApis ??= build(core);
  const api = core.inRealmApis.get(name);
  if (api === undefined || !OBJECT_APIS.has(name)) return api;
  const copy = core.sb.newObject();
  for (const key of Object.keys(api as object)) copy[key] = (api as Record<string, unknown>)[key];
  return copy;
}
