/**
 * The container as an HTTP function, for functions-framework (locally or deployed as a staging
 * endpoint):
 *
 *   node -r ts-node/register node_modules/.bin/functions-framework --source=scripts/server/function.ts --target=sgtm
 *
 * Configuration: SGTM_CONFIG (a JSON file; default ./sgtm.config.json when present) plus the
 * usual environment variables (TIKTOK_API, TIKTOK_ACCESS_TOKEN, TIKTOK_PIXEL_CODE, SGTM_LOG_FILE).
 */
import { http } from '@google-cloud/functions-framework';
import type { Request, Response } from 'express';
import { loadConfigFile } from './config';
import { createServerContainer, type ServerContainer } from './container';

let container: Promise<ServerContainer> | undefined;

function getContainer(): Promise<ServerContainer> {
  if (!container) {
    container = createServerContainer(loadConfigFile(process.env.SGTM_CONFIG));
    container.catch(() => { container = undefined; });
  }
  return container;
}

export async function sgtm(req: Request, res: Response): Promise<void> {
  let c: ServerContainer;
  try {
    c = await getContainer();
  } catch (err) {
    res.status(500).json({ error: `the container could not start: ${(err as Error).message}` });
    return;
  }
  c.handler(req, res);
}

/** Also registered by name, for `getTestServer('sgtm')` and declarative deployment. */
http('sgtm', sgtm as unknown as Parameters<typeof http>[1]);

/** Closes the container the function created (tests, graceful shutdown). */
export async function closeFunction(): Promise<void> {
  const c = container;
  container = undefined;
  if (c) await (await c).close();
}
