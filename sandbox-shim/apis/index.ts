/**
 * The registry of API families. Each module in this folder exports `family: ApiFamily`; the
 * runtime asks every family for its APIs once per run or test scenario.
 */
import { family as client } from './client';
import { family as container } from './container';
import { family as cookies } from './cookies';
import { family as crypto } from './crypto';
import { family as encoding } from './encoding';
import { family as eventData } from './event-data';
import type { ApiFamily, PermissionCheck } from './family';
import { family as googleCloud } from './google-cloud';
import { family as http } from './http';
import { family as logging } from './logging';
import { family as messaging } from './messaging';
import { family as promise } from './promise';
import { family as request } from './request';
import { family as storage } from './storage';
import { family as time } from './time';
import { family as values } from './values';

export const FAMILIES: readonly ApiFamily[] = [
  http, eventData, request, cookies, logging, container, crypto, values, encoding, time, promise, storage, googleCloud, client, messaging,
];

export interface Registry {
  families: readonly ApiFamily[];
  /** publicId → check, merged over all families. */
  checks: Record<string, PermissionCheck>;
}

let registry: Registry | undefined;

export function getRegistry(): Registry {
  if (registry) return registry;
  const checks: Record<string, PermissionCheck> = {};
  const names = new Set<string>();
  for (const family of FAMILIES) {
    if (names.has(family.name)) throw new Error(`two API families are named "${family.name}"; names must be unique`);
    names.add(family.name);
    for (const [publicId, check] of Object.entries(family.permissions ?? {})) {
      if (checks[publicId]) throw new Error(`permission ${publicId} is checked by two families (the second is ${family.name}); keep one`);
      checks[publicId] = check;
    }
  }
  registry = { families: FAMILIES, checks };
  return registry;
}
